/**
 * "Copy as cURL": the composer's draft signed now, or a history entry exactly as it was sent (its
 * URL, method, headers, body, timestamp and signature), as a command a shell runs unchanged. A cURL
 * command carries a signature, not a secret; whether it is still accepted depends on its timestamp.
 * No React.
 */
import type { RelayResult, RequestDraft, SignResponse } from '../../core/contract.ts';
import { isComputedHeader, RELAY_WRITTEN_HEADERS } from '../../core/headers.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../core/signing/signature.ts';
import { curlSnippet } from '../../core/snippets/index.ts';
import { partnerCurlSnippet } from '../../core/snippets/partner.ts';
import { schemeSnippetFromEntry, schemeSnippetFromPreview } from './snippet-input.ts';
import { MOCK_WINDOW_SECONDS } from '../../core/constants.ts';

/** The draft's command, with the signature the server made for it just now. */
export function draftCurl(signed: SignResponse, draft: Pick<RequestDraft, 'body' | 'headers'>): string {
  const s = schemeSnippetFromPreview(signed, draft);
  return s.scheme === 'partner'
    ? partnerCurlSnippet({ ...s.input, windowSeconds: MOCK_WINDOW_SECONDS })
    : curlSnippet({ ...s.input, windowSeconds: MOCK_WINDOW_SECONDS });
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
  if (entry.scheme === 'partner') {
    // The Partner API's: value + URL + body as signed; the X-API-KEY is read from the environment.
    const s = schemeSnippetFromEntry(entry);
    if (s.scheme === 'partner')
      return { ok: true, command: partnerCurlSnippet({ ...s.input, windowSeconds: MOCK_WINDOW_SECONDS }) };
  }
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
