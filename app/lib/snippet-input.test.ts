import { describe, expect, it } from 'vitest';
import type { RelayResult, SignResponse } from '../../core/contract.ts';
import { snippetFor } from '../../core/snippets/index.ts';
import { snippetInputFromEntry, snippetInputFromPreview } from './snippet-input.ts';

describe('snippet inputs', () => {
  it('take the URL, method, exact body, key id, timestamp and signature', () => {
    const signed = {
      url: 'http://127.0.0.1:1/qapi/v1/transaction',
      method: 'POST',
      keyId: 'K',
      timestamp: '1700000000',
      signature: 'S',
    } as SignResponse;
    const input = snippetInputFromPreview(signed, { body: '{"a": 1}\n' });
    expect(input).toEqual({
      url: signed.url,
      method: 'POST',
      body: '{"a": 1}\n',
      keyId: 'K',
      timestamp: '1700000000',
      signature: 'S',
      headers: [],
    });
    expect(snippetFor('curl', input)).toContain(": S'");
    const withHeader = snippetInputFromPreview(signed, {
      body: null,
      headers: [{ name: 'X-Request-Id', value: 'r1' }],
    });
    expect(snippetFor('curl', withHeader)).toContain("--header 'X-Request-Id: r1'");
    const entry = {
      request: { url: 'u', method: 'GET', body: null },
      keyId: 'K2',
      timestamp: '1',
      signature: 'S2',
    } as unknown as RelayResult;
    expect(snippetInputFromEntry(entry)).toEqual({
      url: 'u',
      method: 'GET',
      body: null,
      keyId: 'K2',
      timestamp: '1',
      signature: 'S2',
      headers: [],
    });
  });
});
