/**
 * The string-to-sign laid out in the page, with the core's own buildStringToSign, so that the view
 * follows the typing without waiting for the network. It is provisional: the server's answer to
 * POST /api/sign (which also carries the signature, made with a secret the page never holds) replaces
 * it, and wins wherever the two differ (a send-time timestamp read from another clock, a redaction).
 * No React.
 */
import type { RequestDraft, StringToSignView } from '../../../core/contract.ts';
import { buildStringToSign } from '../../../core/signing/string-to-sign.ts';
import { formatTimestamp } from '../../../core/signing/timestamp.ts';
import { checkPath, joinUrl } from '../../../core/signing/url.ts';

/**
 * What the server will sign for `draft` under `baseUrl` (the environment's, from the session), with
 * the page's clock for a send-time timestamp; null when the server will refuse the draft anyway (it
 * then says why) or the base URL is not known yet.
 */
export function provisionalStringToSign(
  draft: RequestDraft,
  baseUrl: string | undefined,
  nowMs: number,
): StringToSignView | null {
  if (baseUrl === undefined || draft.method === '' || !checkPath(draft.path).ok) return null;
  if (draft.timestamp !== undefined && !/^\d{1,20}$/.test(draft.timestamp)) return null;
  const timestamp = draft.timestamp ?? formatTimestamp(nowMs, draft.timestampUnit ?? 'seconds');
  const built = buildStringToSign({
    timestamp,
    method: draft.method,
    url: joinUrl(baseUrl, draft.path),
    body: draft.body,
  });
  return { segments: built.segments, byteLength: built.bytes.length };
}
