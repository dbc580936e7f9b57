/**
 * Which request headers a person may add to a request (the headers editor, an imported request, a
 * saved one), in one place for page, server and CLI. The three signature headers are computed by
 * the playground on every send (core/signing); the transport and hop-by-hop headers are written by
 * the relay from the URL and the body, or belong to one connection. Everything else is sent exactly
 * as typed. v1 signs no header: an added header is never part of the string-to-sign.
 *
 * Public API: isComputedHeader, isTransportHeader, RELAY_WRITTEN_HEADERS, headerNameProblem,
 * headerValueProblem, extraHeaderIssues, HEADER_NAME_PATTERN, MAX_EXTRA_HEADERS.
 */
import { PARTNER_SCHEME, V1_SCHEME } from './schemes.ts';

/** RFC 9110 token: the characters a header name may have. */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Visible ASCII, space and tab: what the relay writes as it is (anything else would be re-encoded). */
const HEADER_VALUE_PATTERN = /^[\t\x20-\x7e]*$/;

export const MAX_EXTRA_HEADERS = 100;

/** The headers either signing scheme computes (v1's three, the Partner API's four): never mixed, never set by hand. */
const COMPUTED = new Set(
  [V1_SCHEME, PARTNER_SCHEME].flatMap((s) => [
    s.headers.key,
    s.headers.timestamp,
    s.headers.signature,
    s.headers.nonce ?? '',
  ]),
);

/** The headers the relay writes for every request itself, from the URL and the body. */
export const RELAY_WRITTEN_HEADERS: readonly string[] = ['host', 'content-length', 'connection', 'transfer-encoding'];

/** Hop-by-hop headers (RFC 9110 §7.6.1): about one connection, never the request's to set. */
const HOP_BY_HOP = [
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
];

const TRANSPORT = new Set([...RELAY_WRITTEN_HEADERS, ...HOP_BY_HOP]);

/** True for the signing headers of either scheme (qredo-api-*, x-api-key, x-timestamp, x-nonce, x-sign), in any case. */
export function isComputedHeader(name: string): boolean {
  return COMPUTED.has(name.trim().toLowerCase());
}

/** True for the headers the relay derives from the URL and the body, and the hop-by-hop ones. */
export function isTransportHeader(name: string): boolean {
  return TRANSPORT.has(name.trim().toLowerCase());
}

/** Why a header name cannot be added, or null. */
export function headerNameProblem(name: string): string | null {
  if (name === '') return 'The header name is empty.';
  if (name.length > 256) return 'The header name is longer than 256 characters.';
  if (!HEADER_NAME_PATTERN.test(name))
    return `The header name ${JSON.stringify(name.slice(0, 60))} may contain only letters, digits and HTTP token characters (no spaces or colons).`;
  if (isComputedHeader(name))
    return `${name} is computed by the playground on every send, from the key and the signature: it cannot be set by hand.`;
  if (isTransportHeader(name))
    return `${name} is written by the relay (from the URL and the body) or belongs to one connection: it cannot be set by hand.`;
  return null;
}

/** Why a header value cannot be sent as it is, or null. */
export function headerValueProblem(value: string): string | null {
  if (value.length > 16_384) return 'The header value is longer than 16384 characters.';
  if (/[\r\n\0]/.test(value)) return 'The header value contains a line break or NUL, which would split the request.';
  if (!HEADER_VALUE_PATTERN.test(value))
    return 'The header value contains characters outside visible ASCII; percent-encode them (headers are sent as ASCII).';
  return null;
}

/** Every problem of a list of added headers, as "headers.N.name: …" lines (empty when all can be sent). */
export function extraHeaderIssues(headers: ReadonlyArray<{ name: string; value: string }>): string[] {
  const issues: string[] = [];
  if (headers.length > MAX_EXTRA_HEADERS) issues.push(`headers: at most ${MAX_EXTRA_HEADERS} headers can be added.`);
  headers.forEach((h, i) => {
    const name = headerNameProblem(h.name);
    if (name) issues.push(`headers.${i}.name: ${name}`);
    const value = headerValueProblem(h.value);
    if (value) issues.push(`headers.${i}.value: ${value}`);
  });
  return issues;
}

/** Header names whose values are credentials of some kind (a bundle never carries their values). */
const SENSITIVE_HEADER =
  /(authorization|cookie|secret|password|passwd|token|private|credential|session|x-api-key$|^api-key$)/i;

/** True for a header whose value is a credential of some kind: a bundle never carries its value. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}
