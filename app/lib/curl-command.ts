/**
 * "Copy as cURL": the composer's draft signed now, or a history entry exactly as it was sent (its
 * URL, method, headers, body, timestamp and signature), as a command a shell runs unchanged. A cURL
 * command carries a signature, not a secret; whether it is still accepted depends on its timestamp.
 * No React.
 */
import type { RelayResult, RequestDraft, SignResponse } from '../../core/contract.ts';
import { isComputedHeader, RELAY_WRITTEN_HEADERS } from '../../core/headers.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../core/signing/signature.ts';
import { timestampToSeconds } from '../../core/signing/timestamp.ts';
import { curlSnippet } from '../../core/snippets/index.ts';
import { snippetInputFromPreview } from './snippet-input.ts';

/** The embedded mock accepts a timestamp this far from its clock, either way; Qredo's own window is not published. */
export const MOCK_WINDOW_SECONDS = 300;

/** The draft's command, with the signature the server made for it just now. */
export function draftCurl(signed: SignResponse, draft: Pick<RequestDraft, 'body' | 'headers'>): string {
  return curlSnippet({ ...snippetInputFromPreview(signed, draft), windowSeconds: MOCK_WINDOW_SECONDS });
}

export type EntryCurl = { ok: true; command: string } | { ok: false; reason: string };

/**
 * The exact request of a history entry: every header the relay wrote, but those curl writes itself
 * from the URL and the body (host, content-length, connection); the signing headers as they were sent.
 */
export function entryCurl(entry: RelayResult): EntryCurl {
  if (entry.request.bodyTruncated)
    return {
      ok: false,
      reason:
        'History keeps only the start of this body, so the exact request cannot be copied. Re-send signs it again.',
    };
  const sent = entry.request.headers;
  const headers = Object.entries(sent)
    .filter(([name]) => !RELAY_WRITTEN_HEADERS.includes(name.toLowerCase()) && !isComputedHeader(name))
    .map(([name, value]) => ({ name, value }));
  return {
    ok: true,
    command: curlSnippet({
      url: entry.request.url,
      method: entry.request.method,
      body: entry.request.body,
      keyId: sent[HEADER_KEY] ?? entry.keyId,
      timestamp: sent[HEADER_TIMESTAMP] ?? entry.timestamp,
      signature: sent[HEADER_SIGNATURE] ?? entry.signature,
      headers,
      windowSeconds: MOCK_WINDOW_SECONDS,
    }),
  };
}

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
