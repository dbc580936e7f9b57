import { describe, expect, it } from 'vitest';
import { decodeUtf8Exactly, findInvalidUtf8 } from './utf8.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const encoder = new TextEncoder();

describe('findInvalidUtf8', () => {
  it.each([
    ['ASCII', encoder.encode('{"a":1}')],
    ['two, three and four byte characters', encoder.encode('é€😀')],
    ['a byte order mark', bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d)],
    ['the largest code point', bytes(0xf4, 0x8f, 0xbf, 0xbf)],
    ['nothing', bytes()],
  ])('accepts %s', (_name, input) => {
    expect(findInvalidUtf8(input)).toBeNull();
  });

  it.each([
    ['a lone continuation byte', bytes(0x7b, 0x80, 0x7d), 1],
    ['0xFF', bytes(0x41, 0x42, 0xff), 2],
    ['an overlong slash (0xC0 0xAF)', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0x20, 0xe0, 0x80, 0xaf), 1],
    ['a UTF-16 surrogate (U+D800)', bytes(0xed, 0xa0, 0x80), 0],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a character cut off at the end', bytes(0x61, 0xe2, 0x82), 1],
    ['Latin-1 text (é as 0xE9)', bytes(0x63, 0x61, 0x66, 0xe9, 0x22), 3],
  ])('finds %s at its offset', (_name, input, offset) => {
    expect(findInvalidUtf8(input)?.offset).toBe(offset);
  });
});

describe('decodeUtf8Exactly', () => {
  it('keeps a byte order mark and CRLF, so that encoding again gives the same bytes', () => {
    const input = bytes(0xef, 0xbb, 0xbf, 0x7b, 0x0d, 0x0a, 0x7d);
    const r = decodeUtf8Exactly(input);
    expect(r).toEqual({ ok: true, text: '\uFEFF{\r\n}' });
    if (r.ok) expect(encoder.encode(r.text)).toEqual(input);
  });

  it('names the byte offset of the first byte that is not UTF-8', () => {
    const r = decodeUtf8Exactly(bytes(0x7b, 0x22, 0xe9, 0x22, 0x7d), 'The body file');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.offset).toBe(2);
      expect(r.error).toMatch(/^The body file is not valid UTF-8 at byte offset 2 \(counting from 0\)/);
      expect(r.error).toContain('0xE9');
    }
  });
});
