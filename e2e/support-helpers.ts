import { createHmac } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { DEMO_KEYS } from '../server/mock/keys.ts';
import { LAUNCH_TOKEN } from './fixtures/api.ts';

/** The mock's base URL as the running playground reports it. */
export async function mockBaseUrl(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/session', { headers: { authorization: `Bearer ${LAUNCH_TOKEN}` } });
  const session = (await res.json()) as { environments: Array<{ name: string; baseUrl: string }> };
  return session.environments.find((e) => e.name === 'mock')!.baseUrl;
}

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
