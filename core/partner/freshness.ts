/**
 * The rules for the value that starts the payload: one of `x-timestamp` (Unix seconds) or `x-nonce`
 * (docs/partner-api.md, "Timestamp and nonce"). No source gives a window or a nonce format; the values here
 * are the playground's.
 */
import type { PartnerValueKind } from './headers.ts';

/** Accepted clock skew of `x-timestamp`, in seconds either way. */
export const PARTNER_WINDOW_SECONDS = 300;
export const PARTNER_NONCE_MAX_LENGTH = 64;

export type PartnerValueChoice =
  { ok: true; kind: PartnerValueKind; value: string } | { ok: false; problem: 'missing' | 'both' };

/** Exactly one of the two headers; an empty header counts as absent (a generated client sends `x-nonce:` empty). */
export function choosePartnerValue(timestamp: string | undefined, nonce: string | undefined): PartnerValueChoice {
  const hasTimestamp = timestamp !== undefined && timestamp !== '';
  const hasNonce = nonce !== undefined && nonce !== '';
  if (hasTimestamp && hasNonce) return { ok: false, problem: 'both' };
  if (hasTimestamp) return { ok: true, kind: 'timestamp', value: timestamp };
  if (hasNonce) return { ok: true, kind: 'nonce', value: nonce };
  return { ok: false, problem: 'missing' };
}

/** The timestamp in Unix seconds, from a clock reading in milliseconds since the epoch. */
export function formatPartnerTimestamp(epochMs: number): string {
  return String(Math.floor(epochMs / 1000));
}

export type PartnerTimestampCheck =
  | { ok: true; seconds: number }
  | { ok: false; problem: 'not-decimal' }
  | { ok: false; problem: 'outside-window'; seconds: number; skewSeconds: number };

/**
 * Decimal Unix seconds within ±windowSeconds of now. A millisecond value (13 digits) reads as a time
 * far in the future, so it fails the window like any other wrong time.
 */
export function checkPartnerTimestamp(
  value: string,
  nowSeconds: number,
  windowSeconds: number = PARTNER_WINDOW_SECONDS,
): PartnerTimestampCheck {
  if (!/^\d{1,20}$/.test(value)) return { ok: false, problem: 'not-decimal' };
  const seconds = Number(value);
  const skewSeconds = seconds - nowSeconds;
  if (Math.abs(skewSeconds) > windowSeconds) return { ok: false, problem: 'outside-window', seconds, skewSeconds };
  return { ok: true, seconds };
}

/** A nonce is 1-64 printable ASCII characters (0x21-0x7e); being unseen is the server's to check. */
export function isPartnerNonce(value: string): boolean {
  return value.length >= 1 && value.length <= PARTNER_NONCE_MAX_LENGTH && /^[\x21-\x7e]+$/.test(value);
}
