import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from './utf8.ts';

describe('utf8ByteLength', () => {
  it('counts what TextEncoder writes', () => {
    const encoder = new TextEncoder();
    for (const text of ['', 'abc', 'café', '€', '😀x', 'a\uD800b', '\uDC00', 'Zahlung für Café 😀😀 中文']) {
      expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
    }
  });
});
