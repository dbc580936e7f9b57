/**
 * Which requests carry a body that nothing expects, and how that is said: one rule for the body
 * editor, the signing panel, the Send button and the production confirmation. Pure.
 */
import { utf8ByteLength } from './signing/utf8.ts';

/**
 * Methods whose content has no generally defined meaning (RFC 9110 §9.3.1 GET, §9.3.2 HEAD,
 * §9.3.5 DELETE): a body sent with them is still signed and sent, but proxies and servers may drop
 * or refuse it, and then the signature no longer matches what arrives.
 */
export const BODYLESS_METHODS: readonly string[] = ['GET', 'HEAD', 'DELETE'];

/** A method that takes no body, compared case-insensitively. */
export function methodTakesNoBody(method: string): boolean {
  return BODYLESS_METHODS.includes(method.toUpperCase());
}

export interface UnexpectedBody {
  method: string;
  /** Bytes of the body, as signed (UTF-8). */
  bytes: number;
  /** Only spaces, tabs and line breaks: easy to miss, still signed and sent. */
  whitespaceOnly: boolean;
}

/**
 * The body of a request that should have none (its method, or the catalogue operation picked,
 * takes no body), or null. An empty body is no body; whitespace is a body.
 */
export function unexpectedBody(
  method: string,
  body: string | null,
  options: { operationTakesNoBody?: boolean } = {},
): UnexpectedBody | null {
  if (body === null || body === '') return null;
  if (!methodTakesNoBody(method) && !options.operationTakesNoBody) return null;
  return { method, bytes: utf8ByteLength(body), whitespaceOnly: body.trim() === '' };
}

/** "12,345": thousands separators without Intl. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "GET with a 222 B body: it is signed and sent" (or "…a 4 B whitespace-only body…"). */
export function describeUnexpectedBody(u: Pick<UnexpectedBody, 'method' | 'bytes' | 'whitespaceOnly'>): string {
  return `${u.method} with a ${grouped(u.bytes)} B ${u.whitespaceOnly ? 'whitespace-only ' : ''}body: it is signed and sent`;
}
