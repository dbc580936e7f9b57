import { base64url, decodeStandardBase64 } from '../signing/base64.ts';
import type { PartnerPayload } from './payload.ts';

/**
 * RSASSA-PKCS1-v1_5 with SHA-256 over the payload bytes, supplied by the caller with the private key
 * inside: node:crypto `sign('RSA-SHA256', …)` on the server, WebCrypto `RSASSA-PKCS1-v1_5` in the browser.
 */
export type RsaSha256Signer = (payload: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface PartnerSignature {
  /** The raw signature: as many bytes as the key's modulus (256 for a 2048-bit key). */
  bytes: Uint8Array;
  /** URL-safe base64 without padding: the value of `x-sign` (342 characters for a 2048-bit key). */
  value: string;
}

/** RSA-SHA256 over the payload, encoded as unpadded base64url (docs/partner-api.md, "Signing"). */
export async function signPartner(signer: RsaSha256Signer, payload: PartnerPayload): Promise<PartnerSignature> {
  const bytes = await signer(payload.bytes);
  return { bytes, value: base64url(bytes) };
}

export type PartnerSignatureProblem = 'empty' | 'standard-alphabet' | 'padded' | 'not-base64url' | 'length';

export type DecodedPartnerSignature =
  { ok: true; bytes: Uint8Array } | { ok: false; problem: PartnerSignatureProblem; detail: string };

/**
 * Reads an `x-sign` value strictly, as Go's RawURLEncoding does (docs/partner-api.md,
 * "How the mock verifies"): only `A-Z a-z 0-9 - _`, no `=`, and text that re-encodes to itself. With
 * `expectedBytes` (the modulus length) the decoded length must match too. No client in the sources sends
 * another form, so any other form is refused.
 */
export function decodePartnerSignature(text: string, expectedBytes?: number): DecodedPartnerSignature {
  if (text.length === 0) return { ok: false, problem: 'empty', detail: 'the signature is empty' };
  if (/[+/]/.test(text)) {
    return {
      ok: false,
      problem: 'standard-alphabet',
      detail: 'the signature uses the standard base64 alphabet (+ or /); send URL-safe base64: - and _, no padding',
    };
  }
  if (text.includes('=')) {
    return { ok: false, problem: 'padded', detail: 'the signature has "=" padding; send unpadded base64url' };
  }
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad) {
    return {
      ok: false,
      problem: 'not-base64url',
      detail: `the signature has a character outside the base64url alphabet at position ${bad.index + 1}`,
    };
  }
  const padding = (4 - (text.length % 4)) % 4;
  const bytes =
    padding === 3 ? null : decodeStandardBase64(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat(padding));
  if (!bytes || base64url(bytes) !== text) {
    return { ok: false, problem: 'not-base64url', detail: 'the signature is not canonical base64url' };
  }
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) {
    return {
      ok: false,
      problem: 'length',
      detail: `the signature decodes to ${bytes.length} bytes; this key's signatures are ${expectedBytes} bytes (${base64url(new Uint8Array(expectedBytes)).length} characters)`,
    };
  }
  return { ok: true, bytes };
}
