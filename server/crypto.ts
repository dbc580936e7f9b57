import { createHash, createHmac } from 'node:crypto';
import type { HmacSha256 } from '../core/signing/index.ts';

/** HMAC-SHA256 through node:crypto, injected into the pure signing core. */
export const nodeHmac: HmacSha256 = (key, message) => createHmac('sha256', key).update(message).digest();

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
