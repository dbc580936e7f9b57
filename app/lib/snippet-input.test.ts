import { describe, expect, it } from 'vitest';
import type { RelayResult, SignResponse } from '../../core/contract.ts';
import { snippetFor } from '../../core/snippets/index.ts';
import { draftCurl, entryCurl } from './curl-command.ts';
import {
  schemeSnippetCode,
  schemeSnippetFromEntry,
  schemeSnippetFromPreview,
  snippetInputFromEntry,
  snippetInputFromPreview,
} from './snippet-input.ts';

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

describe('Partner API snippets in the page', () => {
  const url = 'http://127.0.0.1:1/api/v1/p/company';
  const segments = (first: 'timestamp' | 'nonce', value: string) => ({
    segments: [
      { name: first, text: value, offset: 0, length: value.length },
      { name: 'url', text: url, offset: value.length, length: url.length },
    ],
    byteLength: value.length + url.length,
  });

  it('are written for the Partner scheme: x-timestamp or x-nonce as signed, x-sign, no v1 header', () => {
    const signed = {
      scheme: 'partner',
      url,
      method: 'POST',
      keyId: 'partner-fresh',
      timestamp: '1700000000',
      signature: 'SIG',
      stringToSign: segments('timestamp', '1700000000'),
    } as unknown as SignResponse;
    const s = schemeSnippetFromPreview(signed, { body: '{"name":"A"}' });
    expect(s).toMatchObject({ scheme: 'partner', input: { freshness: { kind: 'timestamp', value: '1700000000' } } });
    const curl = draftCurl(signed, { body: '{"name":"A"}' });
    expect(curl).toContain('x-sign: SIG');
    expect(curl).toContain('x-timestamp: 1700000000');
    expect(curl).toContain('QREDO_PARTNER_API_KEY');
    expect(curl).not.toMatch(/qredo-api-(sig|ts|key)/);
    expect(schemeSnippetCode('node', s)).toContain('QREDO_PARTNER_PRIVATE_KEY');

    const entry = {
      scheme: 'partner',
      request: { url, method: 'GET', body: null, headers: {} },
      keyId: 'partner-fresh',
      timestamp: 'nonce-1',
      signature: 'SIG2',
      stringToSign: segments('nonce', 'nonce-1'),
    } as unknown as RelayResult;
    expect(schemeSnippetFromEntry(entry).input).toMatchObject({ freshness: { kind: 'nonce', value: 'nonce-1' } });
    const copied = entryCurl(entry);
    expect(copied.ok && copied.command).toContain('x-nonce: nonce-1');
  });
});
