import { describe, expect, it } from 'vitest';
import type { BundleEntry } from '../../../core/bundle/index.ts';
import { clip, draftFromBundleEntry, exportFileName, MAX_SHOWN_CHARS, requestFromBundleEntry } from './bundle-model.ts';

function entry(url: string, extra: Partial<BundleEntry['request']> = {}): BundleEntry {
  return {
    kind: 'send',
    createdAt: 1700000000123,
    environment: 'sandbox',
    keyId: 'aAwMDjR8NcySRo',
    request: { method: 'POST', url, path: '/transaction', headers: {}, body: '{"a": 1}\n', ...extra },
    timestamp: '1700000000',
    signature: 'S',
    stringToSign: { segments: [], byteLength: 0 },
    hashes: { signedBodySha256: '', sentBodySha256: '' },
    response: null,
    error: null,
    timings: { ttfbMs: null, totalMs: 1 },
    appVersion: '0.1.0',
  };
}

const demoKeys = [{ id: 'read-only' as const, keyId: 'aAwMDjR8NcySRo', label: '', description: '', permissions: [] }];

describe('draftFromBundleEntry', () => {
  it('re-runs a Partner API entry by its own scheme, with the same demo partner on the mock', () => {
    const partner = { ...entry('https://sandbox-api.qredo.network/api/v1/p/company'), scheme: 'partner' as const };
    const bases = ['https://sandbox-api.qredo.network/api/v1/p'];
    expect(draftFromBundleEntry({ ...partner, keyId: 'partner-fresh' }, 'mock', bases)).toEqual({
      ok: true,
      note: null,
      request: {
        environment: 'mock',
        scheme: 'partner',
        partnerKey: 'partner-fresh',
        method: 'POST',
        path: '/company',
        body: '{"a": 1}\n',
      },
    });
    const other = draftFromBundleEntry({ ...partner, keyId: 'key 1a2b3c4d' }, 'mock', bases);
    expect(other.ok && other.note).toMatch(/Northwind demo partner signs instead/);
    const sandbox = draftFromBundleEntry(partner, 'sandbox', bases);
    expect(sandbox.ok && sandbox.request).not.toHaveProperty('partnerKey');
  });

  it('keeps method and exact body, strips the base, and picks the sender’s demo key on the mock', () => {
    const r = draftFromBundleEntry(
      entry('https://sandbox-api.qredo.network/qapi/v1/transaction?x=1'),
      'mock',
      [],
      demoKeys,
    );
    expect(r).toEqual({
      ok: true,
      note: null,
      request: {
        environment: 'mock',
        method: 'POST',
        path: '/transaction?x=1',
        body: '{"a": 1}\n',
        demoKey: 'read-only',
      },
    });
  });
  it('says when the mock signs with another key, and never sets a demo key for the sandbox', () => {
    const e = { ...entry('http://127.0.0.1:9/qapi/v1/balance'), keyId: 'someone-else' };
    const r = draftFromBundleEntry(e, 'mock', [], demoKeys);
    expect(r.ok && r.note).toMatch(/not a demo key/);
    const s = draftFromBundleEntry(entry('http://127.0.0.1:9/qapi/v1/balance'), 'sandbox', [], demoKeys);
    expect(s.ok && s.request.demoKey).toBeUndefined();
  });
  it('refuses a URL outside a Qredo v1 base and a truncated body', () => {
    expect(draftFromBundleEntry(entry('https://evil.example/steal'), 'mock', [])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Cannot re-run: .*not under a Qredo v1 base/),
    });
    expect(
      draftFromBundleEntry(entry('https://api.qredo.network/qapi/v1/x', { bodyTruncated: true }), 'mock', []),
    ).toMatchObject({ ok: false });
  });
});

describe('exportFileName and clip', () => {
  it('names files after the request', () => {
    expect(exportFileName(entry('u'), 'json')).toBe('qredo-bundle-sandbox-post-transaction-1700000000123.json');
    expect(exportFileName(entry('u'), 'har')).toMatch(/^qredo-har-.*\.har$/);
  });
  it('clips long text', () => {
    expect(clip('abc')).toEqual({ text: 'abc', hidden: 0 });
    expect(clip('x'.repeat(MAX_SHOWN_CHARS + 5)).hidden).toBe(5);
  });
});

describe('requestFromBundleEntry', () => {
  const bases = ['https://sandbox-api.qredo.network/qapi/v1'];

  it('is the re-run request with the headers the sender added, for the chosen environment', () => {
    const e = entry('https://sandbox-api.qredo.network/qapi/v1/transaction?probe=1', {
      path: '/transaction?probe=1',
      extraHeaders: [{ name: 'X-Trace', value: 't-1' }],
    });
    expect(requestFromBundleEntry(e, 'mock', bases, demoKeys)).toEqual({
      ok: true,
      note: null,
      request: {
        environment: 'mock',
        demoKey: 'read-only',
        method: 'POST',
        path: '/transaction?probe=1',
        body: '{"a": 1}\n',
        headers: [{ name: 'X-Trace', value: 't-1' }],
        timestampUnit: 'seconds',
      },
    });
  });

  it('never carries a credential: redacted, credential-named and signing headers are left out, and said', () => {
    const e = entry('https://sandbox-api.qredo.network/qapi/v1/balance', {
      method: 'GET',
      body: null,
      headers: { 'qredo-api-sig': 'S', authorization: '[redacted]' },
      extraHeaders: [
        { name: 'Authorization', value: 'Bearer live-token' },
        { name: 'X-Session', value: '[redacted]' },
        { name: 'qredo-api-key', value: 'K' },
        { name: 'Accept', value: 'application/json' },
      ],
    });
    const made = requestFromBundleEntry({ ...e, timestamp: '1700000000000000000' }, 'sandbox', bases);
    expect(made).toMatchObject({
      ok: true,
      request: { environment: 'sandbox', method: 'GET', path: '/balance', body: null, timestampUnit: 'nanoseconds' },
    });
    expect(made.ok && made.request.headers).toEqual([{ name: 'Accept', value: 'application/json' }]);
    expect(made.ok && made.note).toBe(
      'Left out header Authorization, X-Session, qredo-api-key: credentials and signing headers are never carried.',
    );
    expect(JSON.stringify(made.ok && made.request)).not.toMatch(/live-token|redacted|"S"|"K"/);
  });

  it('says why an entry cannot be made a request (a body cut at the history limit)', () => {
    const e = entry('https://sandbox-api.qredo.network/qapi/v1/transaction', { bodyTruncated: true });
    expect(requestFromBundleEntry(e, 'mock', bases)).toEqual({
      ok: false,
      error:
        'Cannot make a request from it: the bundle holds only the start of this body (it was cut at the history limit).',
    });
  });
});
