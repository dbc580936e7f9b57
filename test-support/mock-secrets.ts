/** The demo keys of the embedded Qredo API v1 as a client holds them: signing by hand, and leak scans. */
import { createHmac } from 'node:crypto';
import { DEMO_KEYS } from '../server/mock/keys.ts';

export const FULL_KEY = DEMO_KEYS.find((k) => k.id === 'full')!;

/** Signs like a client would; `decoded: false` keys the HMAC with the secret text (the classic mistake). */
export function clientSignature(message: string, decoded: boolean): string {
  const key = decoded ? Buffer.from(FULL_KEY.secret, 'base64') : Buffer.from(FULL_KEY.secret, 'utf8');
  return createHmac('sha256', key).update(message, 'utf8').digest('base64url');
}

/** Every text form of every demo secret, for leak scans. */
export function demoSecretForms(): string[] {
  return DEMO_KEYS.flatMap((k) => {
    const bytes = Buffer.from(k.secret, 'base64');
    return [k.secret, bytes.toString('hex'), bytes.toString('utf8')];
  });
}
