export type SegmentName = 'timestamp' | 'method' | 'url' | 'body';

export interface Segment {
  name: SegmentName;
  text: string;
  /** Byte offset of the segment in the UTF-8 string-to-sign. */
  offset: number;
  /** Length of the segment in UTF-8 bytes. */
  length: number;
}

export interface StringToSign {
  text: string;
  bytes: Uint8Array;
  segments: Segment[];
}

export interface SigningInput {
  timestamp: string;
  method: string;
  /** The full URL exactly as it goes on the wire: scheme, host, port, path and query. */
  url: string;
  /** The exact body text, or null for no body. */
  body: string | null;
}

const encoder = new TextEncoder();

/**
 * timestamp + METHOD + full URL + body, concatenated without separators and encoded as UTF-8
 * (REFERENCE §1.2). Nothing is normalised: the method and URL are used exactly as given.
 */
export function buildStringToSign(input: SigningInput): StringToSign {
  const parts: Array<[SegmentName, string]> = [
    ['timestamp', input.timestamp],
    ['method', input.method],
    ['url', input.url],
    ['body', input.body ?? ''],
  ];
  const encoded = parts.map(([, text]) => encoder.encode(text));
  const total = encoded.reduce((sum, b) => sum + b.length, 0);
  const bytes = new Uint8Array(total);
  const segments: Segment[] = [];
  let offset = 0;
  parts.forEach(([name, text], i) => {
    const b = encoded[i]!;
    bytes.set(b, offset);
    segments.push({ name, text, offset, length: b.length });
    offset += b.length;
  });
  return { text: parts.map(([, t]) => t).join(''), bytes, segments };
}
