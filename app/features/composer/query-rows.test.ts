import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPath } from '../../../core/signing/url.ts';
import {
  caretAfterEncoding,
  decodeQueryPart,
  encodeQueryPart,
  formatQuery,
  parseQuery,
  pathWithRows,
  rowsOfPath,
  setQueryParam,
  splitPathQuery,
  type QueryRow,
} from './query-rows.ts';

/** Query text as a path may hold it: visible ASCII without "#" (checkPath refuses it). */
const queryText = fc.stringMatching(/^[\x21-\x22\x24-\x7e]*$/);
/** Anything a person may type into a row. */
const typed = fc.string({ unit: 'grapheme', maxLength: 12 });

describe('query rows', () => {
  it('reads rows in order, keeping every byte as typed', () => {
    expect(parseQuery('a=1&b=%20x&c&d=&=e&&f=g=h')).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '%20x' },
      { key: 'c', value: null },
      { key: 'd', value: '' },
      { key: '', value: 'e' },
      { key: '', value: null },
      { key: 'f', value: 'g=h' },
    ]);
    expect(parseQuery('')).toEqual([]);
    expect(splitPathQuery('/funds')).toEqual({ base: '/funds', query: null });
    expect(splitPathQuery('/funds?a?b')).toEqual({ base: '/funds', query: 'a?b' });
  });

  it('round-trips any query string exactly (string → rows → string)', () => {
    fc.assert(
      fc.property(queryText, (q) => {
        expect(formatQuery(parseQuery(q))).toBe(q);
      }),
    );
  });

  it('round-trips any path with a query exactly (path → rows → path)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\/[a-z/]*$/), queryText, (base, q) => {
        const path = q === '' ? base : `${base}?${q}`;
        expect(pathWithRows(path, rowsOfPath(path))).toBe(path);
      }),
    );
  });

  it('round-trips rows typed by a person (rows → string → rows), and the path stays sendable', () => {
    const row = fc.tuple(typed, fc.option(typed, { nil: null })).map(([key, value]): QueryRow => ({
      key: encodeQueryPart(key, 'key').text,
      value: value === null ? null : encodeQueryPart(value, 'value').text,
    }));
    // A single row with neither key nor "=" is an empty query: the editor keeps such a row to itself.
    const rows = fc
      .array(row, { minLength: 1, maxLength: 6 })
      .filter((r) => !(r.length === 1 && formatQuery(r) === ''));
    fc.assert(
      fc.property(rows, (r) => {
        expect(parseQuery(formatQuery(r))).toEqual(r);
        expect(checkPath(pathWithRows('/funds', r)).ok).toBe(true);
      }),
    );
  });

  it('decodes what it encoded (text without "%" or "+", which stay as typed)', () => {
    fc.assert(
      fc.property(typed, (text) => {
        fc.pre(!/[%+]/.test(text) && !/\p{Cs}/u.test(text));
        expect(decodeQueryPart(encodeQueryPart(text, 'value').text)).toBe(text);
        expect(decodeQueryPart(encodeQueryPart(text, 'key').text)).toBe(text);
      }),
    );
  });

  it('encodes only what must be, and says what', () => {
    expect(encodeQueryPart('plain-value_1.~!*()', 'value')).toEqual({ text: 'plain-value_1.~!*()', changes: [] });
    expect(encodeQueryPart('a b&c', 'value')).toEqual({ text: 'a%20b%26c', changes: ['space → %20', '"&" → %26'] });
    expect(encodeQueryPart('x=y', 'value').text).toBe('x=y');
    expect(encodeQueryPart('x=y', 'key')).toEqual({ text: 'x%3Dy', changes: ['"=" → %3D'] });
    expect(encodeQueryPart('é#', 'value')).toEqual({ text: '%C3%A9%23', changes: ['"é" → %C3%A9', '"#" → %23'] });
    // A percent-escape typed by hand stays as typed.
    expect(encodeQueryPart('%2F%20', 'value').text).toBe('%2F%20');
    expect(encodeQueryPart('\t', 'value')).toEqual({ text: '%09', changes: ['U+0009 → %09'] });
    expect(encodeQueryPart('\ud800', 'value').changes[0]).toContain('unpaired surrogate');
  });

  it('sets one parameter, keeping the other rows and their encoding', () => {
    expect(setQueryParam('/funds?x=%7E&archived=false&y', 'archived', 'true')).toBe('/funds?x=%7E&archived=true&y');
    expect(setQueryParam('/funds?x=1', 'archived', 'true')).toBe('/funds?x=1&archived=true');
    expect(setQueryParam('/funds', 'archived', 'true')).toBe('/funds?archived=true');
    expect(setQueryParam('/funds?archived=true&x=1&archived=false', 'archived', null)).toBe('/funds?x=1');
    expect(setQueryParam('/funds?archived=true', 'archived', null)).toBe('/funds');
    expect(setQueryParam('/funds?archived=1&archived=2', 'archived', 'a b')).toBe('/funds?archived=a%20b');
  });

  it('puts the caret after what its encoding added before it', () => {
    expect(caretAfterEncoding('a b', 2, 'value')).toBe(4);
    expect(caretAfterEncoding('ab', 1, 'value')).toBe(1);
  });
});
