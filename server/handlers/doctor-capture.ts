/**
 * What POST /api/doctor does with a pasted capture, for either scheme: the cURL command or raw HTTP
 * request is parsed, then read by the scheme's own reader (its headers and its mistakes differ).
 */
import { ImportError, parseCurl, parseRawHttp, type ImportedRequest } from '../../core/import/index.ts';
import { HttpError } from '../http.ts';

/** A capture read out of a parsed request by one scheme's reader, or why it cannot be. */
export type ReadCapture<C> = (
  request: ImportedRequest,
) => { ok: true; capture: C; notes: string[] } | { ok: false; error: string };

/** The capture in a pasted { curl } or { raw }, read by `read`; a paste that cannot be read is a 400 bad-capture. */
export function capturedFromPaste<C>(
  input: { curl: string } | { raw: string },
  read: ReadCapture<C>,
): { capture: C; notes: string[] } {
  let request: ImportedRequest;
  try {
    request = 'curl' in input ? parseCurl(input.curl) : parseRawHttp(input.raw);
  } catch (e) {
    if (e instanceof ImportError) throw new HttpError(400, 'bad-capture', e.message);
    throw e;
  }
  const result = read(request);
  if (!result.ok) throw new HttpError(400, 'bad-capture', result.error);
  return { capture: result.capture, notes: result.notes };
}
