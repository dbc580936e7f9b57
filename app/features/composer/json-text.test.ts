import { describe, expect, it } from 'vitest';
import { checkJson, formatJson, jsonStatusText, lineColumn, minifyJson } from './json-text.ts';

describe('checkJson', () => {
  it.each([
    ['{}'],
    ['[]'],
    ['  {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}\n'],
    ['"just a string"'],
    ['12345678901234567890123'],
  ])('accepts %j', (text) => {
    expect(checkJson(text)).toEqual({ state: 'valid' });
  });

  it('calls only the empty text "No body": whitespace is counted, byte for byte', () => {
    expect(checkJson('')).toEqual({ state: 'empty' });
    expect(jsonStatusText(checkJson(''), 0)).toBe('No body');
    expect(checkJson(' \r\n\t')).toEqual({ state: 'whitespace' });
    expect(jsonStatusText(checkJson('    '), 4)).toBe('Whitespace-only body (4 B)');
    expect(jsonStatusText(checkJson('{}'), 2)).toBe('Valid JSON');
  });

  it.each([
    ['{"a": 1,}', 1, 9, /Trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /Expected "," or "}"/],
    ["{'a': 1}", 1, 2, /single quote/],
    ['[1, 2', 1, 6, /Expected "," or "]".*end of the text/],
    ['{"a": 01}', 1, 7, /Invalid number/],
    ['{"a": "x\ny"}', 1, 9, /Line break inside a string/],
    ['{"a": tru}', 1, 7, /Expected a value/],
    ['{} {}', 1, 4, /Unexpected text after/],
    ['{"a": "\\x"}', 1, 8, /Invalid escape/],
    ['"abc', 1, 5, /Unterminated string/],
  ])('reports %j at line %i column %i', (text, line, column, message) => {
    const r = checkJson(text);
    expect(r.state).toBe('invalid');
    if (r.state !== 'invalid') return;
    expect({ line: r.line, column: r.column }).toEqual({ line, column });
    expect(r.message).toMatch(message);
    expect(jsonStatusText(r, text.length)).toBe(`Line ${line}, column ${column}: ${r.message}`);
  });

  it('survives deep nesting without throwing', () => {
    expect(checkJson('['.repeat(5000) + ']'.repeat(5000)).state).toBe('invalid');
  });
});

describe('lineColumn', () => {
  it('counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('formatJson and minifyJson', () => {
  const text = '{"n": 1.50, "big": 12345678901234567890, "s": "a , : { } \\" b", "e": {}, "l": [ ], "arr": [1,2]}';

  it('moves only whitespace: numbers, escapes and key order are kept', () => {
    const pretty = formatJson(text)!;
    expect(pretty).toBe(
      '{\n  "n": 1.50,\n  "big": 12345678901234567890,\n  "s": "a , : { } \\" b",\n  "e": {},\n  "l": [],\n  "arr": [\n    1,\n    2\n  ]\n}',
    );
    expect(minifyJson(pretty)).toBe(
      '{"n":1.50,"big":12345678901234567890,"s":"a , : { } \\" b","e":{},"l":[],"arr":[1,2]}',
    );
  });

  it('refuses invalid JSON', () => {
    expect(formatJson('{"a":')).toBeNull();
    expect(minifyJson('')).toBeNull();
  });
});
