import { base64url } from './base64.ts';
import type { StringToSign } from './string-to-sign.ts';

/** HMAC-SHA256 supplied by the caller: node:crypto on the server, WebCrypto in the browser. */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export const HEADER_KEY = 'qredo-api-key';
export const HEADER_TIMESTAMP = 'qredo-api-ts';
export const HEADER_SIGNATURE = 'qredo-api-sig';

export interface Signature {
  /** The raw 32-byte MAC. */
  mac: Uint8Array;
  /** URL-safe base64 without padding: the value of `qredo-api-sig`. */
  value: string;
}

/** HMAC-SHA256 over the string-to-sign bytes, keyed with the decoded secret (docs/qredo-api.md, "Signing"). */
export async function sign(hmac: HmacSha256, key: Uint8Array, stringToSign: StringToSign): Promise<Signature> {
  const mac = await hmac(key, stringToSign.bytes);
  return { mac, value: base64url(mac) };
}

export type SignedHeaders = Record<typeof HEADER_KEY | typeof HEADER_TIMESTAMP | typeof HEADER_SIGNATURE, string>;

/** The three headers, in the order Qredo's own tool sets them. */
export function signedHeaders(keyId: string, timestamp: string, signature: string): SignedHeaders {
  return { [HEADER_KEY]: keyId, [HEADER_TIMESTAMP]: timestamp, [HEADER_SIGNATURE]: signature };
}
