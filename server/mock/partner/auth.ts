/**
 * Request authentication as the Partner API does it (docs/partner-api.md, "How the mock verifies"), in its
 * order: API key, then one of x-timestamp (fresh) or x-nonce (unseen), then the strict x-sign form, then
 * RSA-SHA256 over value + URL + body. The URL is the one the client requested and the body the raw bytes
 * received: nothing is parsed, normalised or re-serialised before verifying. Header names are matched
 * case-insensitively (node:http lowercases them).
 */
import { verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  PARTNER_AUTH_REASONS,
  PARTNER_HEADER_API_KEY,
  PARTNER_HEADER_NONCE,
  PARTNER_HEADER_SIGNATURE,
  PARTNER_HEADER_TIMESTAMP,
  type PartnerAuthReason,
  buildPartnerPayload,
  checkPartnerTimestamp,
  choosePartnerValue,
  decodePartnerSignature,
  isPartnerNonce,
} from '../../../core/partner/index.ts';
import { HEADER_KEY } from '../../../core/signing/index.ts';
import { type PartnerDemoKey, findPartnerKeyByApiKey } from './keys.ts';

/** Nonces seen per API key, recorded after a request passes. The oldest go first past the cap. */
export class NonceLog {
  private readonly seen = new Map<string, Set<string>>();
  constructor(private readonly capPerKey = 100_000) {}

  has(apiKey: string, nonce: string): boolean {
    return this.seen.get(apiKey)?.has(nonce) ?? false;
  }

  record(apiKey: string, nonce: string): void {
    let set = this.seen.get(apiKey);
    if (!set) this.seen.set(apiKey, (set = new Set()));
    set.add(nonce);
    if (set.size > this.capPerKey) {
      const oldest = set.values().next();
      if (!oldest.done) set.delete(oldest.value);
    }
  }
}

export interface PartnerAuthInput {
  method: string;
  /** The full URL as the client requested it: scheme, Host header, request target. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
  nowMs: number;
  windowSeconds: number;
  nonces: NonceLog;
  /**
   * Sandbox-lenient switch (docs/partner-api.md, "How the mock verifies"): a request with no x-sign at all
   * passes. Never a wrong one.
   */
  acceptUnsigned?: boolean;
}

export type PartnerAuthResult =
  { ok: true; key: PartnerDemoKey } | { ok: false; reason: PartnerAuthReason; hint: string };

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

const refuse = (reason: PartnerAuthReason, hint: string): PartnerAuthResult => ({ ok: false, reason, hint });

function timestampHint(value: string, nowSeconds: number, windowSeconds: number): string | null {
  const check = checkPartnerTimestamp(value, nowSeconds, windowSeconds);
  if (check.ok) return null;
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (check.problem === 'not-decimal')
    return `${PARTNER_HEADER_TIMESTAMP} must be Unix seconds in decimal digits; got ${shown}`;
  const skew = check.skewSeconds;
  const when = skew < 0 ? `${-skew} s behind` : `${skew} s ahead of`;
  const unit = value.length === 13 ? '; it has 13 digits, which looks like milliseconds: send seconds (10 digits)' : '';
  return `${PARTNER_HEADER_TIMESTAMP} ${value} is ${when} the server clock (${nowSeconds}); it must be within +/-${windowSeconds} s${unit}. Sign at send time.`;
}

export function verifyPartnerRequest(input: PartnerAuthInput): PartnerAuthResult {
  const { headers } = input;

  // 1. An API key this service knows.
  const apiKey = single(headers[PARTNER_HEADER_API_KEY])?.trim();
  if (!apiKey) {
    const v1 = headers[HEADER_KEY] !== undefined ? ` (the request has "${HEADER_KEY}", a Qredo API v1 header)` : '';
    return refuse(PARTNER_AUTH_REASONS.apiKey, `missing header X-API-KEY${v1}`);
  }
  const key = findPartnerKeyByApiKey(apiKey);
  if (!key) {
    return refuse(
      PARTNER_AUTH_REASONS.apiKey,
      'no demo partner has this X-API-KEY (npm run mock -- --list-keys shows them)',
    );
  }

  const sent = single(headers[PARTNER_HEADER_SIGNATURE]);
  if ((sent === undefined || sent === '') && input.acceptUnsigned) return { ok: true, key };

  // 2. Exactly one of x-timestamp and x-nonce; an empty header counts as absent.
  const choice = choosePartnerValue(single(headers[PARTNER_HEADER_TIMESTAMP]), single(headers[PARTNER_HEADER_NONCE]));
  if (!choice.ok) {
    return choice.problem === 'both'
      ? refuse(
          PARTNER_AUTH_REASONS.both,
          `send either ${PARTNER_HEADER_TIMESTAMP} or ${PARTNER_HEADER_NONCE}, not both (an empty one counts as absent)`,
        )
      : refuse(
          PARTNER_AUTH_REASONS.missing,
          `send ${PARTNER_HEADER_TIMESTAMP} (Unix seconds) or ${PARTNER_HEADER_NONCE}`,
        );
  }

  // 3. A fresh timestamp, or a well-formed nonce not seen before with this key.
  const nowSeconds = Math.floor(input.nowMs / 1000);
  if (choice.kind === 'timestamp') {
    const hint = timestampHint(choice.value, nowSeconds, input.windowSeconds);
    if (hint) return refuse(PARTNER_AUTH_REASONS.timestamp, hint);
  } else {
    if (!isPartnerNonce(choice.value))
      return refuse(PARTNER_AUTH_REASONS.nonce, `${PARTNER_HEADER_NONCE} must be 1 to 64 printable ASCII characters`);
    if (input.nonces.has(key.apiKey, choice.value))
      return refuse(
        PARTNER_AUTH_REASONS.nonce,
        `${PARTNER_HEADER_NONCE} was already used with this API key: send a new one`,
      );
  }

  // 4. x-sign in the strict form: unpadded base64url of exactly the modulus length.
  if (sent === undefined || sent === '')
    return refuse(PARTNER_AUTH_REASONS.signature, `missing header ${PARTNER_HEADER_SIGNATURE}`);
  const decoded = decodePartnerSignature(sent, key.modulusBytes);
  if (!decoded.ok) return refuse(PARTNER_AUTH_REASONS.signature, decoded.detail);

  // 5. RSA-SHA256 over value + URL + raw body, exactly as received.
  const payload = buildPartnerPayload({ kind: choice.kind, value: choice.value, url: input.url, body: input.body });
  if (!verify('RSA-SHA256', payload.bytes, key.publicKey, decoded.bytes)) {
    const withMethod = buildPartnerPayload({
      kind: choice.kind,
      value: choice.value + input.method,
      url: input.url,
      body: input.body,
    });
    const hint = verify('RSA-SHA256', withMethod.bytes, key.publicKey, decoded.bytes)
      ? `the signature covers the HTTP method: the Partner API signs ${choice.kind} + URL + body, without the method`
      : `${PARTNER_HEADER_SIGNATURE} is not the RSA-SHA256 signature of ${choice.kind} + URL + body as received, with the URL ${input.url}`;
    return refuse(PARTNER_AUTH_REASONS.signature, hint);
  }

  if (choice.kind === 'nonce') input.nonces.record(key.apiKey, choice.value);
  return { ok: true, key };
}
