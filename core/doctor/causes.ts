/** The mistakes the signature doctor knows, by stable id (docs/qredo-api.md, "What people get wrong (the doctor's causes)"). */
import { DOCTOR_CAUSE_IDS } from '../constants.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../signing/index.ts';

/** One list for the doctor and the wire contract. */
export const CAUSE_IDS = DOCTOR_CAUSE_IDS;

export type CauseId = (typeof CAUSE_IDS)[number];

export interface Cause {
  id: CauseId;
  title: string;
  detail: string;
  /** True when the doctor established it: a replayed mistake reproduced the captured signature exactly, or the capture shows it directly while the signature is otherwise explained. */
  certain: boolean;
}

export const CAUSE_TITLES: Record<CauseId, string> = {
  'secret-not-decoded': 'The secret was used as text instead of being base64-decoded',
  'signature-standard-base64': 'The signature is in standard base64 (+ and /) instead of URL-safe base64',
  'signature-padded': 'The signature carries "=" padding',
  'body-reserialized': 'The JSON body was written out differently from what was signed',
  'body-line-endings': 'The body line endings changed (CRLF versus LF)',
  'body-trailing-newline': 'A final newline was added to or removed from the body',
  'timestamp-unit': 'The timestamp is in the wrong unit',
  'timestamp-mismatch': 'The timestamp header differs from the signed timestamp',
  'timestamp-expired': 'The timestamp is outside the accepted window',
  'url-scheme': 'The URL scheme differs (http versus https)',
  'url-host': 'The URL host or port differs from the one signed',
  'url-trailing-slash': 'A slash differs in the URL path (trailing or doubled)',
  'url-query-missing': 'The query string was left out of, or changed in, the signed URL',
  'url-path-only': 'Only the path was signed, not the full URL',
  'method-case': 'The method was signed in a different letter case',
  'header-misspelt': 'A signing header name is misspelt',
  'method-in-payload': 'The HTTP method was signed into the payload (the Qredo API v1 habit)',
  'freshness-both': 'Both x-timestamp and x-nonce were sent',
  'key-mismatch': 'The signature was not made with this key pair',
  'base-path-typo': 'The URL uses the /qapi/v1/p base, a typo in Qredo’s docs',
  'url-encoding': 'The query was signed with another encoding (%20 versus +, or other escapes)',
  'nonce-reused': 'The nonce was used before',
};

/** Header names people send instead of the three real ones, with the name they meant. */
export const LOOKALIKE_HEADERS: ReadonlyArray<{
  sent: string;
  meant: typeof HEADER_SIGNATURE | typeof HEADER_TIMESTAMP | typeof HEADER_KEY;
  why: string;
}> = [
  { sent: 'qredo-api-sign', meant: HEADER_SIGNATURE, why: 'the spelling the apitool CLI prints, copied by the docs' },
  { sent: 'qredo-api-signature', meant: HEADER_SIGNATURE, why: 'the Qredo API v2 name' },
  { sent: 'x-sign', meant: HEADER_SIGNATURE, why: 'the Partner API name' },
  { sent: 'qredo-api-timestamp', meant: HEADER_TIMESTAMP, why: 'the Qredo API v2 name' },
  { sent: 'qredo-api-time', meant: HEADER_TIMESTAMP, why: 'a guess at the name' },
  { sent: 'x-timestamp', meant: HEADER_TIMESTAMP, why: 'the Partner API name' },
  { sent: 'qredo-api-keyid', meant: HEADER_KEY, why: 'a guess at the name' },
  { sent: 'x-api-key', meant: HEADER_KEY, why: 'the Partner API name' },
];

/** A cause a doctor finds likely while reading a capture, with how likely (higher first). */
export interface ScoredCause {
  score: number;
  id: CauseId;
  detail: string;
}

/**
 * The likely causes, as both doctors list them when nothing certain explains the signature: one
 * entry per id (its best score and that score's detail; the first on a tie), best first, none certain.
 */
export function rankLikelyCauses(scored: readonly ScoredCause[]): Cause[] {
  const best = new Map<CauseId, { score: number; detail: string }>();
  for (const s of scored) {
    const prev = best.get(s.id);
    if (!prev || prev.score < s.score) best.set(s.id, { score: s.score, detail: s.detail });
  }
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score)
    .map(([id, v]) => ({ id, title: CAUSE_TITLES[id], detail: v.detail, certain: false }));
}
