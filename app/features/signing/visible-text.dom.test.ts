import { describe, expect, it } from 'vitest';
import {
  describeToken,
  glyphsFor,
  hexDump,
  tokenizeVisible,
  chunkText,
  createChunker,
  utf8Length,
  visibleHtml,
} from './visible-text.ts';

describe('tokenizeVisible', () => {
  it('keeps printable ASCII in long runs and groups whitespace', () => {
    expect(tokenizeVisible('{\n  "a": 1\r\n}\t')).toEqual([
      { kind: 'text', text: '{' },
      { kind: 'lf', count: 1 },
      { kind: 'space', count: 2 },
      { kind: 'text', text: '"a":' },
      { kind: 'space', count: 1 },
      { kind: 'text', text: '1' },
      { kind: 'cr', count: 1 },
      { kind: 'lf', count: 1 },
      { kind: 'text', text: '}' },
      { kind: 'tab', count: 1 },
    ]);
  });

  it('counts UTF-8 bytes of non-ASCII runs', () => {
    expect(tokenizeVisible('café 😀')).toEqual([
      { kind: 'text', text: 'caf' },
      { kind: 'non-ascii', text: 'é', bytes: 2 },
      { kind: 'space', count: 1 },
      { kind: 'non-ascii', text: '😀', bytes: 4 },
    ]);
    expect([0x41, 0xe9, 0x20ac, 0x1f600].map(utf8Length)).toEqual([1, 2, 3, 4]);
  });

  it('marks other control characters', () => {
    expect(tokenizeVisible('a\u0000\u007f')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'control', text: '\u0000\u007f' },
    ]);
  });

  it('covers every character exactly once', () => {
    const text = '1700000000POSThttps://x/y?z=1{"k": "\tv\r\n ü"}\u0001';
    const rebuilt = tokenizeVisible(text)
      .map((t) => {
        if (t.kind === 'text' || t.kind === 'non-ascii' || t.kind === 'control') return t.text;
        return { space: ' ', tab: '\t', cr: '\r', lf: '\n' }[t.kind].repeat(t.count);
      })
      .join('');
    expect(rebuilt).toBe(text);
  });

  it('tokenises a 100 KB pretty body into few tokens per line', () => {
    const body = JSON.stringify(
      Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item ${i}` })),
      null,
      2,
    );
    const tokens = tokenizeVisible(body);
    expect(body.length).toBeGreaterThan(90_000);
    expect(tokens.length).toBeLessThan(body.split('\n').length * 6);
  });
});

describe('glyphsFor and describeToken', () => {
  it('shows whitespace as visible glyphs, LF followed by a real line break', () => {
    expect(glyphsFor({ kind: 'space', count: 3 })).toBe('···');
    expect(glyphsFor({ kind: 'tab', count: 1 })).toBe('→');
    expect(glyphsFor({ kind: 'cr', count: 1 })).toBe('␍');
    expect(glyphsFor({ kind: 'lf', count: 2 })).toBe('␊\n␊\n');
    expect(glyphsFor({ kind: 'control', text: '\u0000\u001b\u007f' })).toBe('␀␛␡');
  });

  it('names characters and their byte counts', () => {
    expect(describeToken({ kind: 'non-ascii', text: 'é€', bytes: 5 })).toBe(
      'Non-ASCII, 5 bytes in UTF-8: é U+00E9 (2 bytes), € U+20AC (3 bytes)',
    );
    expect(describeToken({ kind: 'space', count: 2 })).toBe('2 spaces (0x20)');
  });
});

describe('hexDump', () => {
  it('prints offset, hex and ASCII columns', () => {
    const { text, truncated } = hexDump(new TextEncoder().encode('0123456789abcdef\nü'));
    expect(truncated).toBe(false);
    expect(text.split('\n')).toEqual([
      '0000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|',
      '0010  0a c3 bc                                          |...|',
    ]);
  });

  it('stops at the limit', () => {
    const r = hexDump(new Uint8Array(100), 32);
    expect(r.truncated).toBe(true);
    expect(r.text.split('\n')).toHaveLength(2);
  });
});

describe('visibleHtml', () => {
  it('escapes text and wraps only the special characters', () => {
    const html = visibleHtml('<a href="x">&</a> é\r\n');
    expect(html).toContain('&lt;a');
    expect(html).toContain('href=');
    expect(html).toContain('&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(html).not.toMatch(/<a /);
    expect(html).toContain('title="Non-ASCII, 2 bytes in UTF-8: é U+00E9 (2 bytes)">é</span>');
    expect(html).toMatch(/␍<\/span><span class="glyph-lf"[^>]*>␊<\/span>\n$/);
  });

  it('renders it as real markup with the same text content', () => {
    const div = document.createElement('div');
    div.innerHTML = visibleHtml('a  b\t<c>');
    expect(div.textContent).toBe('a··b→<c>');
    expect(div.querySelectorAll('span')).toHaveLength(2);
  });
});

describe('chunkText', () => {
  const minified = `[${Array.from({ length: 1500 }, (_, i) => JSON.stringify({ id: `tx-${i}`, amount: (i * 7919) % 100_000, memo: 'payment for services' })).join(',')}]`;
  const pretty = JSON.stringify(JSON.parse(minified), null, 2);

  it('loses nothing and keeps every piece within its bounds', () => {
    for (const text of [minified, pretty, 'x\n'.repeat(5000) + 'end']) {
      const chunks = chunkText(text);
      expect(chunks.join('')).toBe(text);
      for (const c of chunks.slice(0, -1)) {
        expect(c.length).toBeGreaterThanOrEqual(512);
        expect(c.length).toBeLessThanOrEqual(4096 + 160);
      }
    }
    expect(chunkText('')).toEqual(['']);
    expect(chunkText('short')).toEqual(['short']);
  });

  it('ends pieces of multi-line text at line feeds', () => {
    const chunks = chunkText(pretty);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith('\n')).toBe(true);
  });

  it('never splits a surrogate pair or CR LF', () => {
    const text = '😀\r\n'.repeat(5000);
    const chunks = chunkText(text, { min: 16, bits: 3, max: 64 });
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) {
      expect(c.charCodeAt(c.length - 1)).not.toBe(0xd83d);
      expect(c.endsWith('\r')).toBe(false);
    }
  });

  it('changes one or two pieces when a character is typed, wherever the pieces fall', () => {
    for (const text of [minified, pretty]) {
      const before = chunkText(text);
      for (const at of [10, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 5]) {
        const after = chunkText(text.slice(0, at) + 'x' + text.slice(at));
        const old = new Set(before);
        const changed = after.filter((c) => !old.has(c));
        expect(changed.length).toBeGreaterThanOrEqual(1);
        expect(changed.length).toBeLessThanOrEqual(2);
      }
    }
  });
});

describe('createChunker', () => {
  // A small deterministic generator: the same edits on every run.
  function random(seed: number) {
    let x = seed | 0 || 1;
    return (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
  }
  const alphabet = ['a', 'b', ' ', '\n', '\r\n', '\t', 'é', '😀', '{"k":1}', 'xyz\n'];
  const texts = [
    `[${Array.from({ length: 1500 }, (_, i) => JSON.stringify({ id: `tx-${i}`, memo: 'payment for services' })).join(',')}]`,
    JSON.stringify(
      Array.from({ length: 800 }, (_, i) => ({ id: i, memo: i % 7 ? 'plain' : 'Café 😀' })),
      null,
      2,
    ),
    'x\n'.repeat(3000),
    '😀\r\n'.repeat(3000),
  ];

  it('gives exactly chunkText’s pieces after any edit, reusing the unchanged ones', () => {
    for (const options of [
      {},
      { min: 16, bits: 3, max: 64, lineLookahead: 8 },
      { min: 4, bits: 2, max: 9, lineLookahead: 0 },
    ]) {
      for (const [t, start] of texts.entries()) {
        const next = random(t + 7);
        const chunker = createChunker(options);
        let text = start;
        expect(chunker(text)).toEqual(chunkText(text, options));
        for (let step = 0; step < 40; step++) {
          const at = next(text.length + 1);
          const cutLength = next(4) === 0 ? next(300) : next(3);
          const insert = Array.from({ length: next(4) }, () => alphabet[next(alphabet.length)]).join('');
          const before = chunker(text);
          text = text.slice(0, at) + insert + text.slice(at + cutLength);
          const after = chunker(text);
          expect(after).toEqual(chunkText(text, options));
          // A small edit leaves most pieces as the very same strings.
          if (Object.keys(options).length === 0) {
            const old = new Set(before);
            expect(after.filter((c) => !old.has(c)).length).toBeLessThanOrEqual(4);
          }
        }
        // Emptied, refilled, replaced wholesale.
        for (const whole of ['', 'short', start, start.slice(1000), `${start}${start}`]) {
          text = whole;
          expect(chunker(text)).toEqual(chunkText(text, options));
        }
      }
    }
  });
});
