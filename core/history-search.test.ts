import { describe, expect, it } from 'vitest';
import { HistoryQuery } from './contract.ts';
import {
  describeHistorySearch,
  isEmptySearch,
  parseHistorySearch,
  searchParts,
  searchWords,
} from './history-search.ts';

describe('history search', () => {
  it.each([
    ['', []],
    ['  a   b ', ['a', 'b']],
    ['"created at" x', ['created at', 'x']],
    ['path:"/a b" c', ['path:/a b', 'c']],
    ['""', []],
    ['"unclosed quote', ['unclosed quote']],
  ])('splits %j into words', (q, words) => {
    expect(searchWords(q)).toEqual(words);
  });

  it('reads field tokens, in any case, and keeps other words as free text', () => {
    expect(searchParts('Status:403 METHOD:post qredo-api-ts:1 balance')).toEqual([
      { field: 'status', value: '403' },
      { field: 'method', value: 'post' },
      { field: null, value: 'qredo-api-ts:1' },
      { field: null, value: 'balance' },
    ]);
  });

  it('combines tokens with free text', () => {
    expect(parseHistorySearch('status:403 method:POST env:prod key:read-only path:/funds acme "x y"')).toEqual({
      words: ['acme', 'x y'],
      status: [{ kind: 'code', code: 403 }],
      methods: ['POST'],
      environments: ['production'],
      keys: ['read-only'],
      paths: ['/funds'],
      problems: [],
    });
  });

  it.each([
    ['status:4xx', { kind: 'class', from: 400 }],
    ['status:5XX', { kind: 'class', from: 500 }],
    ['status:error', { kind: 'error' }],
    ['status:200', { kind: 'code', code: 200 }],
  ])('reads %s', (q, status) => {
    expect(parseHistorySearch(q).status).toEqual([status]);
  });

  it.each([
    ['status:abc', 'status:abc is not a status'],
    ['status:99', 'status:99 is not a status'],
    ['status:', 'status: needs a value'],
    ['env:x', 'env:x is not an environment'],
    // "s" starts "sandbox" only; "" would start every one.
    ['env:', 'env: needs a value'],
    ['method:a/b', 'method:a/b is not a method'],
  ])('says why %s cannot be read', (q, problem) => {
    expect(parseHistorySearch(q).problems.join(' ')).toContain(problem);
  });

  it('takes a unique start of an environment name', () => {
    expect(parseHistorySearch('env:s env:m').environments).toEqual(['sandbox', 'mock']);
  });

  it('describes what it asks for', () => {
    expect(describeHistorySearch(parseHistorySearch('status:403 status:4xx method:POST balance'))).toBe(
      'status 403 or 4xx, method POST, text "balance"',
    );
    expect(isEmptySearch(parseHistorySearch('  '))).toBe(true);
    expect(isEmptySearch(parseHistorySearch('status:'))).toBe(false);
  });

  it('is checked at the edge of GET /api/history', () => {
    expect(HistoryQuery.safeParse({ q: 'status:403 method:POST' }).success).toBe(true);
    const bad = HistoryQuery.safeParse({ q: 'status:abc' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('status:abc is not a status');
  });
});
