/**
 * What the signing panel shows, decided in one place from what is known: the draft as typed, the
 * server's latest answer and the draft it answered. No React. The rules:
 * - the string-to-sign is laid out from the draft itself (core's buildStringToSign), so it follows
 *   every keystroke; once the server has answered for exactly this draft, its timestamp is used (the
 *   server reads its own clock for a send-time timestamp) and the signature beside it is this one's;
 * - an answer for an earlier draft is shown dimmed as "signing…", never as the current signature;
 * - a production mutation is never signed ahead (signedOnlyOnSend): its string-to-sign only.
 */
import type { RelayResult, RequestDraft, SignResponse, StringToSignView } from '../../../core/contract.ts';
import { schemeOf } from '../../../core/schemes.ts';
import { formatTimestamp } from '../../../core/signing/timestamp.ts';
import { checkPath, joinUrl } from '../../../core/signing/url.ts';
import { viewFromEntry, viewFromPreview, type SignedView } from './signed-view.ts';

export type PreviewState =
  /** A history entry, exactly as it was signed and sent. */
  | { kind: 'sent'; stringToSign: StringToSignView; signed: SignedView }
  /** The server cannot sign this draft: its reason. */
  | { kind: 'error'; error: Error }
  /** Laid out, signed only on Send (a production mutation). */
  | { kind: 'send-only'; stringToSign: StringToSignView | null }
  /**
   * Laid out from the draft. `signed` is the server's signature: of this draft when `current`,
   * else of an earlier one (shown dimmed while this one is signed); null before any answer.
   */
  | { kind: 'live'; stringToSign: StringToSignView | null; signed: SignedView | null; current: boolean };

/**
 * The string-to-sign the server will build for `draft` under `baseUrl`, with `timestamp` for a
 * send-time draft (the server's, once known, else the page's clock); null when the server would
 * refuse the draft anyway or the base URL is not known yet.
 */
export function layOut(draft: RequestDraft, baseUrl: string | undefined, timestamp: string): StringToSignView | null {
  if (baseUrl === undefined || draft.method === '' || !checkPath(draft.path).ok) return null;
  // The scheme decides the payload: v1 timestamp + method + URL + body, the Partner API its
  // x-timestamp or x-nonce value + URL + body. A fresh nonce is the server's: its answer lays it out.
  const nonce = draft.scheme === 'partner' ? draft.nonce : undefined;
  if (nonce === '') return null;
  const ts = draft.timestamp ?? timestamp;
  if (nonce === undefined && !/^\d{1,20}$/.test(ts)) return null;
  const built = schemeOf(draft.scheme).payload({
    method: draft.method,
    url: joinUrl(baseUrl, draft.path),
    body: draft.body,
    freshness: nonce !== undefined ? { kind: 'nonce', value: nonce } : { kind: 'timestamp', value: ts },
  });
  return { segments: built.segments, byteLength: built.bytes.length };
}

/** The same request, field for field (the body compared as a string: cheap even when large). */
export function sameDraft(a: RequestDraft, b: RequestDraft): boolean {
  return (
    a === b ||
    (a.environment === b.environment &&
      a.method === b.method &&
      a.path === b.path &&
      a.body === b.body &&
      a.timestamp === b.timestamp &&
      a.timestampUnit === b.timestampUnit &&
      a.demoKey === b.demoKey &&
      a.scheme === b.scheme &&
      a.nonce === b.nonce &&
      a.partnerKey === b.partnerKey)
  );
}

/** The same segments, text for text (a string comparison: cheap even for a large body). */
function sameBytes(a: StringToSignView | null, b: StringToSignView): a is StringToSignView {
  return (
    a !== null &&
    a.byteLength === b.byteLength &&
    a.segments.length === b.segments.length &&
    a.segments.every((s, k) => {
      const other = b.segments[k];
      return other !== undefined && s.text === other.text && s.offset === other.offset;
    })
  );
}

/**
 * The timestamp a send-time draft is laid out with: the server's latest (its clock decides what is
 * signed, and it stays the same from one keystroke to the next within a second, so the layout need
 * not change when the answer comes), else the page's clock. A pinned draft uses its own.
 */
export function layoutTimestamp(draft: RequestDraft, latest: SignResponse | null, nowMs: number): string {
  const unit = draft.timestampUnit ?? 'seconds';
  if (draft.timestamp !== undefined) return draft.timestamp;
  if (latest && latest.timestampAtSendTime && latest.timestamp.length >= 17 === (unit === 'nanoseconds'))
    return latest.timestamp;
  return formatTimestamp(nowMs, unit);
}

export interface PreviewInputs {
  /** The draft the panel lays out now. */
  draft: RequestDraft;
  /** layOut(draft, baseUrl, layoutTimestamp(…)), memoised by the caller. */
  laidOut: StringToSignView | null;
  /** The server's latest answer, and the draft it answered (null when unknown: an earlier one). */
  answer: SignResponse | null;
  answered: RequestDraft | null;
  error: Error | null;
  signedOnlyOnSend: boolean;
  /** A history entry to show as sent instead. */
  sent: RelayResult | null;
}

export function previewState(i: PreviewInputs): PreviewState {
  if (i.sent) {
    const signed = viewFromEntry(i.sent);
    return { kind: 'sent', stringToSign: signed.stringToSign, signed };
  }
  if (i.signedOnlyOnSend) return { kind: 'send-only', stringToSign: i.laidOut };
  const answersThis = i.answered !== null && sameDraft(i.answered, i.draft);
  const current = i.answer !== null && answersThis;
  if (i.error && answersThis) return { kind: 'error', error: i.error };
  const signed = i.answer ? viewFromPreview(i.answer) : null;
  if (current && i.answer) {
    // The answer's own bytes win wherever the two differ (its timestamp, a base URL the page did not know).
    const stringToSign = sameBytes(i.laidOut, i.answer.stringToSign) ? i.laidOut : i.answer.stringToSign;
    return { kind: 'live', stringToSign, signed, current: true };
  }
  return { kind: 'live', stringToSign: i.laidOut, signed, current: false };
}
