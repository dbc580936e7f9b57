/**
 * How the Partner API answers an authentication failure (docs/partner-api.md, "Errors and status codes"):
 * status 401, body `{"code":401,"msg":"errPartnerAuth","detail":{"reason":…}}`. `signature` is documented
 * by Qredo; the other reasons are the playground mock's own convention, named here so page, doctor and mock
 * agree.
 */

export const PARTNER_AUTH_ERROR = 'errPartnerAuth';

export const PARTNER_AUTH_REASONS = {
  apiKey: 'api key',
  missing: 'timestamp or nonce missing',
  both: 'timestamp and nonce both present',
  timestamp: 'timestamp',
  nonce: 'nonce',
  signature: 'signature',
} as const;

export type PartnerAuthReason = (typeof PARTNER_AUTH_REASONS)[keyof typeof PARTNER_AUTH_REASONS];
