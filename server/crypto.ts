import { createHash, createHmac, sign, type KeyObject } from 'node:crypto';
import type { HmacSha256 } from '../core/signing/index.ts';

/** HMAC-SHA256 through node:crypto, injected into the pure signing core. */
export const nodeHmac: HmacSha256 = (key, message) => createHmac('sha256', key).update(message).digest();

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** RSA PKCS#1 v1.5 over SHA-256 through node:crypto: the Partner API's signer, injected into the pure core. */
export function nodeRsaSha256(privateKey: KeyObject, payload: Uint8Array): Uint8Array {
  return sign('RSA-SHA256', payload, privateKey);
}
