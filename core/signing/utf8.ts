/**
 * Body bytes to the text the signing scheme works with, keeping every byte: the text returned
 * encodes (as UTF-8) to exactly the bytes given, so a byte order mark stays U+FEFF and CRLF stays.
 */

import { itemAt } from '../checked.ts';

export interface Utf8Problem {
  /** Offset (from 0) of the first byte of the sequence that is not UTF-8. */
  offset: number;
  /** What is wrong there, in words. */
  reason: string;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * The first sequence that is not well-formed UTF-8 (RFC 3629; Unicode table 3-7: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or null when all the bytes are well-formed.
 */
export function findInvalidUtf8(bytes: Uint8Array): Utf8Problem | null {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = itemAt(bytes, i);
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else {
      return { offset: i, reason: `byte ${hex(b)} cannot start a UTF-8 character` };
    }
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { offset: i, reason: `the file ends inside the character that starts with ${hex(b)}` };
      const c = itemAt(bytes, i + k);
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c < min || c > max) {
        return {
          offset: i,
          reason: `byte ${hex(b)} is followed by ${hex(c)}, which does not continue a UTF-8 character`,
        };
      }
    }
    i += need + 1;
  }
  return null;
}

export type ExactText = { ok: true; text: string } | { ok: false; offset: number; error: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes bytes that must be UTF-8 text, byte for byte: a leading byte order mark is kept (as
 * U+FEFF) and line endings are untouched, so encoding the text again gives the same bytes. Bytes
 * that are not UTF-8 are refused with the offset of the first one that is not, since no text
 * would encode back to them.
 */
export function decodeUtf8Exactly(bytes: Uint8Array, what = 'The body'): ExactText {
  const problem = findInvalidUtf8(bytes);
  if (problem) {
    return {
      ok: false,
      offset: problem.offset,
      error: `${what} is not valid UTF-8 at byte offset ${problem.offset} (counting from 0): ${problem.reason}. The Qredo API signs UTF-8 text; save it as UTF-8.`,
    };
  }
  return { ok: true, text: decoder.decode(bytes) };
}

/** The UTF-8 length of a string, without encoding it (a lone surrogate counts 3, as TextEncoder's U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: 2 UTF-16 units, 4 bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}
