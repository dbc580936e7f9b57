/**
 * Plain constants of the wire contract, without zod, so that the page can import them without
 * pulling the schemas into its first-screen bundle. core/contract.ts re-exports every one of them.
 */

export const ENVIRONMENTS = ['mock', 'sandbox', 'production'] as const;

/**
 * How far, either way, the embedded Qredo API v1 accepts a timestamp from its clock: what the mock
 * enforces, the doctor assumes by default and the page tells under a signed request. Qredo's own
 * window is not published.
 */
export const MOCK_WINDOW_SECONDS = 300;

/** The demo partners of the embedded Partner API (server/mock/partner/keys.ts). */
export const PARTNER_DEMO_KEY_IDS = ['partner-northwind', 'partner-fresh', 'partner-test-key'] as const;

/**
 * The demo partner of this id, if it is one. A Partner API request on the mock records its demo
 * partner's id as its key id, so this reads which partner signed a recorded request.
 */
export function demoPartnerOf(id: string | undefined): (typeof PARTNER_DEMO_KEY_IDS)[number] | undefined {
  return PARTNER_DEMO_KEY_IDS.find((k) => k === id);
}

export const DEMO_KEYS = [
  'full',
  'read-only',
  'balance-only',
  'empty-org',
  'personal',
  'rate-limited',
  'unavailable',
] as const;

/** A Qredo key id as the playground accepts it: 1 to 128 visible ASCII characters (it is sent as a header value). */
export const KEY_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
export const KEY_ID_RULE = 'A key id is 1 to 128 visible ASCII characters: no spaces, line breaks or accented letters.';

/** Upper bound on a request body the page may send (the body text plus its JSON envelope). */
export const MAX_API_BODY_BYTES = 25 * 1024 * 1024;

export const DOCTOR_CAUSE_IDS = [
  'secret-not-decoded',
  'signature-standard-base64',
  'signature-padded',
  'body-reserialized',
  'body-line-endings',
  'body-trailing-newline',
  'timestamp-unit',
  'timestamp-mismatch',
  'timestamp-expired',
  'url-scheme',
  'url-host',
  'url-trailing-slash',
  'url-query-missing',
  'url-path-only',
  'method-case',
  'header-misspelt',
  // The Partner API's own (core/doctor/partner.ts); the ones above apply to it where they say so.
  'method-in-payload',
  'freshness-both',
  'key-mismatch',
  'base-path-typo',
  'url-encoding',
  'nonce-reused',
] as const;
