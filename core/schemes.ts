/**
 * The two signing schemes as one idea: what each signs (its payload, in named segments with UTF-8
 * byte offsets), which headers carry the key, the freshness value and the signature, and how the
 * signature is written (both unpadded base64url). The signer itself (HMAC-SHA256 with the decoded
 * secret for v1, RSA PKCS#1 v1.5 SHA-256 with the private key for the Partner API) is injected by the
 * caller, so this stays pure. Everything that shows, sends, checks or explains a signature goes
 * through a scheme here; nothing else names either scheme's headers.
 */
import {
  PARTNER_BASE_PATH,
  PARTNER_HEADER_API_KEY,
  PARTNER_HEADER_NONCE,
  PARTNER_HEADER_SIGNATURE,
  PARTNER_HEADER_TIMESTAMP,
} from './partner/headers.ts';
import { buildPartnerPayload } from './partner/payload.ts';
import { base64url } from './signing/base64.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from './signing/signature.ts';
import { buildStringToSign } from './signing/string-to-sign.ts';

export const SCHEMES = ['v1', 'partner'] as const;
export type SchemeId = (typeof SCHEMES)[number];

/** Every segment name either scheme uses. */
export type PayloadSegmentName = 'timestamp' | 'nonce' | 'method' | 'url' | 'body';

export interface PayloadSegment {
  name: PayloadSegmentName;
  text: string;
  /** Byte offset in the UTF-8 payload. */
  offset: number;
  /** Length in UTF-8 bytes. */
  length: number;
}

export interface Payload {
  readonly text: string;
  bytes: Uint8Array;
  segments: PayloadSegment[];
}

/** What a request gives the scheme to sign. */
export interface PayloadInput {
  method: string;
  /** The full URL exactly as it goes on the wire. */
  url: string;
  body: string | null;
  /** The freshness value exactly as sent: a timestamp, or (Partner API only) a nonce. */
  freshness: { kind: 'timestamp' | 'nonce'; value: string };
}

/** Signs payload bytes with a key the caller holds (HMAC or RSA); returns the raw signature. */
export type PayloadSigner = (payload: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface SigningScheme {
  id: SchemeId;
  /** As a person reads it. */
  label: string;
  algorithm: string;
  /** The path every URL of this API starts with on its host. */
  basePath: string;
  /** The header names it sends, lower-case. */
  headers: { key: string; timestamp: string; nonce: string | null; signature: string };
  /** Whether a nonce may stand in for the timestamp. */
  takesNonce: boolean;
  payload(input: PayloadInput): Payload;
  /** The signed headers, in the order the scheme's own clients send them. */
  signedHeaders(keyId: string, freshness: PayloadInput['freshness'], signature: string): Array<[string, string]>;
}

export const V1_SCHEME: SigningScheme = {
  id: 'v1',
  label: 'Qredo API v1',
  algorithm: 'HMAC-SHA256 with the base64-decoded secret',
  basePath: '/qapi/v1',
  headers: { key: HEADER_KEY, timestamp: HEADER_TIMESTAMP, nonce: null, signature: HEADER_SIGNATURE },
  takesNonce: false,
  // timestamp + METHOD + full URL + body (docs/qredo-api.md).
  payload: (i) => buildStringToSign({ timestamp: i.freshness.value, method: i.method, url: i.url, body: i.body }),
  signedHeaders: (keyId, freshness, signature) => [
    [HEADER_KEY, keyId],
    [HEADER_TIMESTAMP, freshness.value],
    [HEADER_SIGNATURE, signature],
  ],
};

export const PARTNER_SCHEME: SigningScheme = {
  id: 'partner',
  label: 'Partner API',
  algorithm: 'RSA PKCS#1 v1.5 with SHA-256, with the partner’s private key',
  basePath: PARTNER_BASE_PATH,
  headers: {
    key: PARTNER_HEADER_API_KEY,
    timestamp: PARTNER_HEADER_TIMESTAMP,
    nonce: PARTNER_HEADER_NONCE,
    signature: PARTNER_HEADER_SIGNATURE,
  },
  takesNonce: true,
  // x-timestamp (or x-nonce) value + full URL + body: no method (docs/partner-api.md).
  payload: (i) => buildPartnerPayload({ kind: i.freshness.kind, value: i.freshness.value, url: i.url, body: i.body }),
  signedHeaders: (keyId, freshness, signature) => [
    [PARTNER_HEADER_API_KEY, keyId],
    [freshness.kind === 'nonce' ? PARTNER_HEADER_NONCE : PARTNER_HEADER_TIMESTAMP, freshness.value],
    [PARTNER_HEADER_SIGNATURE, signature],
  ],
};

export function schemeOf(id: SchemeId | undefined): SigningScheme {
  return id === 'partner' ? PARTNER_SCHEME : V1_SCHEME;
}

/** Signs a payload with the injected signer and writes the signature as both schemes send it. */
export async function signPayload(
  signer: PayloadSigner,
  payload: Payload,
): Promise<{ bytes: Uint8Array; value: string }> {
  const bytes = await signer(payload.bytes);
  return { bytes, value: base64url(bytes) };
}
