import { describe, expect, it } from 'vitest';
import {
  blocksAtDepth,
  findMatches,
  formatJsonLines,
  lineText,
  looksLikeJson,
  rawRows,
  rowText,
  textLineModel,
  unfoldToReveal,
  visibleLines,
  type LineModel,
} from './json-lines.ts';

function lines(model: LineModel): string[] {
  return Array.from({ length: model.lineCount }, (_, i) => '  '.repeat(model.depth[i] ?? 0) + lineText(model, i));
}

function format(text: string): LineModel {
  const r = formatJsonLines(text);
  if (!r.ok) throw new Error(r.message);
  return r.model;
}

describe('formatJsonLines', () => {
  it('pretty-prints objects and arrays with depth and block ends', () => {
    const m = format('{"a":1,"b":[true,null,"x"],"c":{}}');
    expect(lines(m)).toEqual([
      '{',
      '  "a": 1,',
      '  "b": [',
      '    true,',
      '    null,',
      '    "x"',
      '  ],',
      '  "c": {}',
      '}',
    ]);
    expect(m.end[0]).toBe(8);
    expect(m.end[2]).toBe(6);
    expect(m.end[1]).toBe(-1);
  });

  it('keeps every token exactly as received', () => {
    const m = format('{"big":12345678901234567890,"e":1.50E+3,"s":"caf\\u00e9 \\"q\\"","k":1,"k":2}');
    expect(lines(m)).toEqual([
      '{',
      '  "big": 12345678901234567890,',
      '  "e": 1.50E+3,',
      '  "s": "caf\\u00e9 \\"q\\"",',
      '  "k": 1,',
      '  "k": 2',
      '}',
    ]);
  });

  it('formats scalars and empty containers at the top level', () => {
    expect(lines(format(' 42 '))).toEqual(['42']);
    expect(lines(format('[ ]'))).toEqual(['[]']);
    expect(lines(format('"x"'))).toEqual(['"x"']);
  });

  it.each([
    ['', 'empty'],
    ['{"a":1,}', 'Expected a quoted key'],
    ['{"a" 1}', 'Expected ":"'],
    ['[1,2', 'ends too early'],
    ['{"a":1} x', 'after the JSON value'],
    ['<html></html>', 'Unexpected character'],
    ['["a\nb"]', 'string'],
    ['[tru]', 'Unexpected word'],
    ['[1]]', 'after the JSON value'],
    ['{"a":1]', 'Expected "," or "}"'],
  ])('refuses %j', (text, message) => {
    const r = formatJsonLines(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('handles 10,000 levels of nesting without recursion', () => {
    const depth = 10_000;
    const text = '['.repeat(depth) + '1' + ']'.repeat(depth);
    const m = format(text);
    expect(m.lineCount).toBe(2 * depth + 1);
    expect(m.depth[depth]).toBe(depth);
    expect(lineText(m, depth)).toBe('1');
    expect(m.end[0]).toBe(2 * depth);
    expect(m.end[depth - 1]).toBe(depth + 1);
    const objects = '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth);
    expect(format(objects).lineCount).toBe(2 * depth + 1);
  });

  it('formats a few megabytes', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      id: i,
      name: `row ${i}`,
      tags: ['a', 'b'],
      nested: { ok: true },
    }));
    const m = format(JSON.stringify(rows));
    expect(m.lineCount).toBe(2 + 20_000 * 11);
  });
});

describe('looksLikeJson', () => {
  it('trusts a JSON content type or a leading bracket', () => {
    expect(looksLikeJson('x', 'application/json; charset=utf-8')).toBe(true);
    expect(looksLikeJson('x', 'application/problem+json')).toBe(true);
    expect(looksLikeJson('  {"a":1}', 'text/plain')).toBe(true);
    expect(looksLikeJson('<html>', 'text/html')).toBe(false);
  });
});

describe('folding', () => {
  const m = format('{"a":{"b":[1,2]},"c":[3]}');
  // 0 {  1 "a": {  2 "b": [  3 1,  4 2  5 ]  6 },  7 "c": [  8 3  9 ]  10 }
  it('shows every line when nothing is folded', () => {
    expect(visibleLines(m, new Set())).toBeNull();
  });
  it('hides the inside of folded blocks, keeping the opening line', () => {
    expect(Array.from(visibleLines(m, new Set([1])) ?? [])).toEqual([0, 1, 7, 8, 9, 10]);
    expect(Array.from(visibleLines(m, new Set([1, 2, 7])) ?? [])).toEqual([0, 1, 7, 10]);
    expect(Array.from(visibleLines(m, new Set([0])) ?? [])).toEqual([0]);
  });
  it('lists blocks by depth and unfolds what hides a line', () => {
    expect(blocksAtDepth(m, 1)).toEqual([1, 7]);
    expect([...unfoldToReveal(m, new Set([1, 2, 7]), 3)]).toEqual([7]);
    expect([...unfoldToReveal(m, new Set([1, 7]), 8)]).toEqual([1]);
  });
});

describe('findMatches', () => {
  it('finds case-insensitive matches with their line and column', () => {
    const m = format('{"Name":"alpha","other":"ALPHA beta alpha"}');
    const { matches, capped } = findMatches(m.text.toLowerCase(), m.starts, m.lineCount, 'Alpha');
    expect(capped).toBe(false);
    expect(matches).toEqual([
      { line: 1, column: 9, length: 5 },
      { line: 2, column: 10, length: 5 },
      { line: 2, column: 21, length: 5 },
    ]);
  });
  it('caps the number of matches', () => {
    const model = textLineModel('a'.repeat(100));
    const { matches, capped } = findMatches(model.text, model.starts, model.lineCount, 'a', 10);
    expect(matches).toHaveLength(10);
    expect(capped).toBe(true);
  });
  it('finds nothing for an empty query', () => {
    expect(findMatches('abc', Int32Array.of(0, 4), 1, '').matches).toEqual([]);
  });
});

describe('raw rows', () => {
  it('splits on line breaks and cuts long lines', () => {
    const rows = rawRows('ab\ncdefg\n', 3);
    expect(Array.from({ length: rows.lineCount }, (_, i) => rowText(rows, i))).toEqual(['ab', 'cde', 'fg', '']);
    const model = textLineModel('ab\ncdefg', 3);
    expect(Array.from({ length: model.lineCount }, (_, i) => lineText(model, i))).toEqual(['ab', 'cde', 'fg']);
  });
});
