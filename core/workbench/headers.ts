/**
 * Which request headers a saved request may carry. The three signature headers are computed by the
 * playground on every send (core/signing); the transport headers are written by the relay from the
 * URL and the body. An imported request that carries any of them has them dropped, with a note, and
 * a saved collection may not contain them.
 *
 * Public API: isComputedHeader(name), isTransportHeader(name), headerNameProblem(name),
 * headerValueProblem(value), HEADER_NAME_PATTERN.
 */
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../signing/signature.ts';

/** RFC 9110 token: the characters a header name may have. */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const COMPUTED = new Set([HEADER_KEY, HEADER_TIMESTAMP, HEADER_SIGNATURE].map((h) => h.toLowerCase()));

/**
 * The headers the relay writes itself (server/relay/relay.ts keeps the same list for the socket):
 * a saved request never sets them.
 */
const TRANSPORT = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

/** True for qredo-api-key, qredo-api-ts and qredo-api-sig in any case. */
export function isComputedHeader(name: string): boolean {
  return COMPUTED.has(name.trim().toLowerCase());
}

/** True for the headers the relay derives from the URL and the body (Host, Content-Length...). */
export function isTransportHeader(name: string): boolean {
  return TRANSPORT.has(name.trim().toLowerCase());
}

/** Why a header name cannot be saved, or null. */
export function headerNameProblem(name: string): string | null {
  if (name === '') return 'The header name is empty.';
  if (name.length > 256) return 'The header name is longer than 256 characters.';
  if (!HEADER_NAME_PATTERN.test(name))
    return `The header name ${JSON.stringify(name.slice(0, 60))} may contain only letters, digits and HTTP token characters.`;
  if (isComputedHeader(name))
    return `${name} is computed by the playground on every send and cannot be saved with a request.`;
  if (isTransportHeader(name)) return `${name} is written by the relay from the URL and the body.`;
  return null;
}

/** Why a header value cannot be sent as it is, or null (line breaks and NUL would split the header). */
export function headerValueProblem(value: string): string | null {
  if (value.length > 16_384) return 'The header value is longer than 16384 characters.';
  if (/[\r\n\0]/.test(value)) return 'The header value contains a line break or NUL.';
  return null;
}
