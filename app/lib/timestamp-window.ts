/**
 * Whether a signed request's timestamp is still accepted, as the page tells it under a copied cURL
 * command or a history entry. No React.
 */
import { MOCK_WINDOW_SECONDS } from '../../core/constants.ts';
import { timestampToSeconds } from '../../core/signing/timestamp.ts';

export interface TimestampWindow {
  /** Inside the mock's window now. */
  valid: boolean;
  /** When it leaves the window (ms since the epoch), or null for a timestamp that is not one. */
  untilMs: number | null;
}

/** Whether a signed request's timestamp is still inside the window, and until when. */
export function timestampWindow(
  timestamp: string,
  nowMs: number,
  windowSeconds = MOCK_WINDOW_SECONDS,
): TimestampWindow {
  const seconds = timestampToSeconds(timestamp);
  if (seconds === null) return { valid: false, untilMs: null };
  const untilMs = (seconds + windowSeconds) * 1000;
  return { valid: Math.abs(nowMs / 1000 - seconds) <= windowSeconds, untilMs };
}

/** One sentence about the window, for the page: "valid until 14:05:12 (±300 s on the mock)" or "expired at …". */
export function describeWindow(timestamp: string, nowMs: number, time: (ms: number) => string): string {
  const w = timestampWindow(timestamp, nowMs);
  if (w.untilMs === null) return `Its timestamp ${timestamp} is not a timestamp any upstream accepts.`;
  return w.valid
    ? `Valid only inside the timestamp window: until about ${time(w.untilMs)} (±${MOCK_WINDOW_SECONDS} s on the embedded mock; Qredo's own window may differ). After that, sign again.`
    : `Outside the timestamp window since about ${time(w.untilMs)}: an upstream refuses it now (401). Re-send signs it again.`;
}
