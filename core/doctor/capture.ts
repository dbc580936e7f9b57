/** Turns a pasted request (cURL or raw HTTP, already parsed) into a capture the doctor can check. */
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../signing/index.ts';
import { headerValue, type ImportedRequest } from '../import/types.ts';
import { LOOKALIKE_HEADERS } from './causes.ts';
import type { Capture } from './diagnose.ts';
import type { RelayResult } from '../contract.ts';

export type CaptureResult = { ok: true; capture: Capture; notes: string[] } | { ok: false; error: string };

/** Reads the signing headers, accepting the usual misspellings so the doctor can name them. */
export function captureFromRequest(request: ImportedRequest): CaptureResult {
  const notes: string[] = [];
  const pick = (real: string): string | undefined => {
    const value = headerValue(request, real);
    if (value !== undefined) return value;
    for (const look of LOOKALIKE_HEADERS) {
      if (look.meant !== real) continue;
      const other = headerValue(request, look.sent);
      if (other !== undefined) {
        notes.push(`Read "${look.sent}" as "${real}".`);
        return other;
      }
    }
    return undefined;
  };
  const signature = pick(HEADER_SIGNATURE);
  const timestamp = pick(HEADER_TIMESTAMP);
  const keyId = pick(HEADER_KEY);
  if (signature === undefined)
    return {
      ok: false,
      error: `The request has no "${HEADER_SIGNATURE}" header (nor a known misspelling of it), so there is no signature to check.`,
    };
  if (timestamp === undefined)
    return {
      ok: false,
      error: `The request has no "${HEADER_TIMESTAMP}" header (nor a known misspelling of it), so the signed timestamp is unknown.`,
    };
  const capture: Capture = {
    timestamp: timestamp.trim(),
    method: request.method,
    url: request.url,
    body: request.body,
    signature: signature.trim(),
    headerNames: request.headers.map((h) => h.name.toLowerCase()),
  };
  if (keyId !== undefined) capture.keyId = keyId.trim();
  return { ok: true, capture, notes: [...request.notes, ...notes] };
}

/**
 * A request the playground sent (a history or bundle entry) as a capture for the doctor: the
 * timestamp that was signed, the URL, body and signature as sent, and the header names. Without zod,
 * so that the page can call it from the first screen.
 */
export function captureFromSent(
  entry: Pick<RelayResult, 'stringToSign' | 'timestamp' | 'signature' | 'keyId'> & {
    request: Pick<RelayResult['request'], 'method' | 'url' | 'body' | 'headers'>;
  },
): Capture {
  const signedTs = entry.stringToSign.segments.find((s) => s.name === 'timestamp')?.text ?? entry.timestamp;
  const capture: Capture = {
    timestamp: signedTs,
    method: entry.request.method,
    url: entry.request.url,
    body: entry.request.body,
    signature: entry.signature,
    keyId: entry.keyId,
    headerNames: Object.keys(entry.request.headers),
  };
  if (signedTs !== entry.timestamp) capture.headerTimestamp = entry.timestamp;
  return capture;
}
