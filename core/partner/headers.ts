/**
 * The Partner API's header names and base path (docs/partner-api.md, "Signing" and "Environments"), defined
 * once. Header names are case-insensitive on the wire; these are the spellings Qredo's own clients send.
 */

export const PARTNER_HEADER_API_KEY = 'x-api-key';
export const PARTNER_HEADER_TIMESTAMP = 'x-timestamp';
export const PARTNER_HEADER_NONCE = 'x-nonce';
export const PARTNER_HEADER_SIGNATURE = 'x-sign';

/**
 * Every Partner API URL starts with this path on its host (docs/partner-api.md, "Environments";
 * `/qapi/v1/p` is a docs typo).
 */
export const PARTNER_BASE_PATH = '/api/v1/p';

/** Which header carries the value that starts the payload. */
export type PartnerValueKind = 'timestamp' | 'nonce';

export function partnerValueHeader(
  kind: PartnerValueKind,
): typeof PARTNER_HEADER_TIMESTAMP | typeof PARTNER_HEADER_NONCE {
  return kind === 'timestamp' ? PARTNER_HEADER_TIMESTAMP : PARTNER_HEADER_NONCE;
}

export type PartnerSignedHeaders = { [PARTNER_HEADER_API_KEY]: string; [PARTNER_HEADER_SIGNATURE]: string } & (
  { [PARTNER_HEADER_TIMESTAMP]: string } | { [PARTNER_HEADER_NONCE]: string }
);

/** The three headers of a signed request, in the order Qredo's signing client sets them. */
export function partnerSignedHeaders(
  apiKey: string,
  kind: PartnerValueKind,
  value: string,
  signature: string,
): PartnerSignedHeaders {
  return {
    [PARTNER_HEADER_API_KEY]: apiKey,
    [partnerValueHeader(kind)]: value,
    [PARTNER_HEADER_SIGNATURE]: signature,
  } as PartnerSignedHeaders;
}
