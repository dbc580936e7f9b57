import type { PartnerValueKind } from './headers.ts';

export type PartnerSegmentName = PartnerValueKind | 'url' | 'body';

export interface PartnerSegment {
  name: PartnerSegmentName;
  /** The segment as text. For a body given as bytes, a UTF-8 decoding meant for display only. */
  text: string;
  /** Byte offset of the segment in the payload. */
  offset: number;
  /** Length of the segment in bytes. */
  length: number;
}

export interface PartnerPayload {
  text: string;
  bytes: Uint8Array;
  segments: PartnerSegment[];
}

export interface PartnerSigningInput {
  /** Which header carries `value`: `x-timestamp` or `x-nonce`. */
  kind: PartnerValueKind;
  /** The header value exactly as sent. */
  value: string;
  /** The full URL exactly as requested: scheme, host, port, path and query. */
  url: string;
  /** The exact body: text (signed as UTF-8) or the raw bytes received; null for no body. */
  body: string | Uint8Array | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * value + full URL + body, concatenated without separators (docs/partner-api.md, "Signing"): no HTTP
 * method, and nothing normalised. A missing body and an empty one give the same payload.
 */
export function buildPartnerPayload(input: PartnerSigningInput): PartnerPayload {
  const body = input.body ?? '';
  const parts: Array<[PartnerSegmentName, string, Uint8Array]> = [
    [input.kind, input.value, encoder.encode(input.value)],
    ['url', input.url, encoder.encode(input.url)],
    typeof body === 'string' ? ['body', body, encoder.encode(body)] : ['body', decoder.decode(body), body],
  ];
  const bytes = new Uint8Array(parts.reduce((sum, [, , b]) => sum + b.length, 0));
  const segments: PartnerSegment[] = [];
  let offset = 0;
  for (const [name, text, part] of parts) {
    bytes.set(part, offset);
    segments.push({ name, text, offset, length: part.length });
    offset += part.length;
  }
  return {
    // Joined only when read: a large body is not copied again just to be signed.
    get text() {
      return parts.map(([, t]) => t).join('');
    },
    bytes,
    segments,
  };
}
