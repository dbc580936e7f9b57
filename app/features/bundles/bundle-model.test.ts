import { describe, expect, it } from 'vitest';
import type { BundleEntry } from '../../../core/bundle/index.ts';
import { clip, draftFromBundleEntry, exportFileName, MAX_SHOWN_CHARS } from './bundle-model.ts';

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
