export * from './types.ts';
export { parseCurl, MAX_CURL_LENGTH } from './curl.ts';
export { parseRawHttp, MAX_RAW_HTTP_LENGTH } from './raw-http.ts';

import { parseCurl } from './curl.ts';
import { parseRawHttp } from './raw-http.ts';
import type { ImportedRequest } from './types.ts';

/** Reads a paste that is either a cURL command or a raw HTTP request. */
export function parseRequestPaste(text: string): ImportedRequest {
  return /^\s*curl(\.exe)?\b/i.test(text) ? parseCurl(text) : parseRawHttp(text);
}
