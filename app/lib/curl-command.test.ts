import { describe, expect, it } from 'vitest';
import type { RelayResult, SignResponse } from '../../core/contract.ts';
import { draftCurl, entryCurl } from './curl-command.ts';

const entry = {
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8002/qapi/v1/transaction?x=%20',
    path: '/transaction?x=%20',
    headers: {
      'qredo-api-key': 'K',
      'qredo-api-ts': '1700000000',
      'qredo-api-sig': 'S',
      accept: 'application/json',
      'content-type': 'application/json',
      'X-Trace': 'a  b',
      host: '127.0.0.1:8002',
      'content-length': '9',
      connection: 'keep-alive',
    },
    body: `{"a": 'q'}`,
  },
  keyId: 'K',
  timestamp: '1700000000',
  signature: 'S',
} as unknown as RelayResult;

describe('copy as cURL', () => {
  it('copies a history entry exactly as sent: its headers, body, timestamp and signature', () => {
    const r = entryCurl(entry);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.command).toContain(`--url 'http://127.0.0.1:8002/qapi/v1/transaction?x=%20'`);
    expect(r.command).toContain(`--header 'qredo-api-ts: 1700000000'`);
    expect(r.command).toContain(`--header 'qredo-api-sig: S'`);
    expect(r.command).toContain(`--header 'X-Trace: a  b'`);
    expect(r.command).toContain(`--data-raw '{"a": '\\''q'\\''}'`);
    // curl writes these itself from the URL and the body.
    expect(r.command).not.toMatch(/host:|content-length:|connection:/i);
    // Each header once: the ones the relay wrote are not doubled by the defaults.
    expect(r.command.match(/accept: application\/json/g)).toHaveLength(1);
  });

  it('refuses an entry whose body history cut', () => {
    const cut = { ...entry, request: { ...entry.request, bodyTruncated: true } } as RelayResult;
    expect(entryCurl(cut)).toMatchObject({ ok: false, reason: expect.stringMatching(/only the start/) });
  });

  it('copies a draft with the signature just made and its added headers', () => {
    const signed = { url: 'u', method: 'GET', keyId: 'K', timestamp: '1', signature: 'S' } as SignResponse;
    const text = draftCurl(signed, { body: null, headers: [{ name: 'X-A', value: '1' }] });
    expect(text).toContain(`--header 'X-A: 1'`);
    expect(text).toContain('±300 s');
  });
});
