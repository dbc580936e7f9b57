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
 * (docs/qredo-api.md, "Signing"). Nothing is normalised: the method and URL are used exactly as given.
 */
export function buildStringToSign(input: SigningInput): StringToSign {
  const parts: Array<[SegmentName, string]> = [
    ['timestamp', input.timestamp],
    ['method', input.method],
    ['url', input.url],
    ['body', input.body ?? ''],
  ];
  const chars = parts.reduce((sum, [, text]) => sum + text.length, 0);
  // Sized for mostly-ASCII text first; grown to the worst case (3 bytes per UTF-16 unit) if needed.
  let buffer = new Uint8Array(Math.ceil(chars * 1.25) + 64);
  const segments: Segment[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const first = encoder.encodeInto(text, buffer.subarray(offset));
    const read = first.read;
    let written = first.written;
    if (read < text.length) {
      const grown = new Uint8Array(offset + written + (text.length - read) * 3 + (chars - text.length) * 3);
      grown.set(buffer.subarray(0, offset + written));
      buffer = grown;
      written += encoder.encodeInto(text.slice(read), buffer.subarray(offset + written)).written;
    }
    segments.push({ name, text, offset, length: written });
    offset += written;
  }
  const bytes = buffer.subarray(0, offset);
  return {
    // Joined only when read: a large body is not copied again just to be signed.
    get text() {
      return parts.map(([, t]) => t).join('');
    },
    bytes,
    segments,
  };
}
