/**
 * Production guardrails, one rule each, applied alike by the page, the server and the CLI.
 * Pure: the clock is a parameter.
 */
import type { Environment } from './contract.ts';
import { timestampToSeconds } from './signing/timestamp.ts';

/** Methods that change nothing on the server (RFC 9110 §9.2.1, less TRACE, which Qredo never answers). */
export const SAFE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/** A safe method, compared case-insensitively. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.includes(method.toUpperCase());
}

/** Whether sending (or signing) this method for this environment needs the person's explicit confirmation. */
export function needsConfirmation(environment: Environment, method: string): boolean {
  return environment === 'production' && !isSafeMethod(method);
}

/**
 * How far ahead of now a pinned timestamp may be when it signs a production mutation. Qredo accepts
 * a timestamp for a few minutes; a signature dated further ahead would stay usable for that long,
 * which makes it a pre-signed capability to move funds.
 */
export const PINNED_TIMESTAMP_LEAD_SECONDS = 300;

/**
 * Why a production mutation may not be signed with this pinned timestamp, or null when it may
 * (after confirmation). `nowMs` is the clock in milliseconds since the epoch.
 */
export function pinnedTimestampRefusal(
  environment: Environment,
  method: string,
  timestamp: string | undefined,
  nowMs: number,
): string | null {
  if (timestamp === undefined || !needsConfirmation(environment, method)) return null;
  const seconds = timestampToSeconds(timestamp);
  const now = Math.floor(nowMs / 1000);
  if (seconds === null) return 'The pinned timestamp is not a timestamp in seconds or nanoseconds.';
  // The unit is told by the number of digits, and zeros in front change that count but not the
  // number: 000000002000000000 reads as nanoseconds (1970) here, and as 2000000000 seconds (2033)
  // to a server that reads the value.
  if (timestamp.length > 1 && timestamp.startsWith('0'))
    return `A ${method.toUpperCase()} to production is never signed with a pinned timestamp that starts with 0: its unit would depend on how the server counts the digits, and one reading could put it years ahead. Pin it without the leading zeros, or sign at send time.`;
  if (seconds - now > PINNED_TIMESTAMP_LEAD_SECONDS) {
    return `A ${method.toUpperCase()} to production is never signed with a timestamp more than ${PINNED_TIMESTAMP_LEAD_SECONDS / 60} minutes ahead (this one is ${describeLead(seconds - now)} ahead): such a signature could be used later to move funds. Sign at send time, or pin a timestamp near now.`;
  }
  return null;
}

function describeLead(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86_400)} days`;
}
