import { constants, createHash, createHmac, publicDecrypt, sign, verify, type KeyObject } from 'node:crypto';
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

/** RSA PKCS#1 v1.5 SHA-256 verification with a public key: the Partner API doctor's verifier. */
export function nodeRsaVerifier(publicKey: KeyObject): (payload: Uint8Array, signature: Uint8Array) => boolean {
  return (payload, signature) => verify('RSA-SHA256', payload, publicKey, signature);
}

/**
 * The DigestInfo inside an RSA PKCS#1 v1.5 signature, read with the public key (`publicDecrypt`), or
 * null when the block does not unpad: the signature was made with another key pair.
 */
export function nodeRsaDigestRecovery(publicKey: KeyObject): (signature: Uint8Array) => Uint8Array | null {
  return (signature) => {
    try {
      return new Uint8Array(publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature));
    } catch {
      return null;
    }
  };
}
