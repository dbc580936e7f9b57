import { describe, expect, it } from 'vitest';
import { pathFromUrl } from './qredo-url.ts';

describe('pathFromUrl', () => {
  it('keeps the path and query exactly as written', () => {
    expect(pathFromUrl('https://api.qredo.network/qapi/v1/funds?archived=true')).toEqual({
      ok: true,
      path: '/funds?archived=true',
      base: 'https://api.qredo.network/qapi/v1',
      matched: 'https://api.qredo.network/qapi/v1',
    });
  });
  it('accepts a configured base and any host serving /qapi/v1', () => {
    expect(pathFromUrl('http://127.0.0.1:8091/qapi/v1/balance', ['http://127.0.0.1:8091/qapi/v1'])).toMatchObject({
      ok: true,
      path: '/balance',
      matched: 'http://127.0.0.1:8091/qapi/v1',
    });
    expect(pathFromUrl('http://127.0.0.1:8002/qapi/v1/balance')).toMatchObject({
      ok: true,
      path: '/balance',
      matched: null,
    });
  });
  it('refuses what is not under a Qredo v1 base, a bare path, and an unsafe path', () => {
    expect(pathFromUrl('https://example.com/api/balance')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not under a Qredo v1 base/),
    });
    expect(pathFromUrl('https://api.qredo.network/qapi/v10/balance')).toMatchObject({ ok: false });
    expect(pathFromUrl('/qapi/v1/balance')).toMatchObject({ ok: false, error: expect.stringMatching(/is a path/) });
    expect(pathFromUrl('ftp://x/qapi/v1/balance')).toMatchObject({ ok: false });
    expect(pathFromUrl('https://api.qredo.network/qapi/v1/../admin')).toMatchObject({ ok: false });
    expect(pathFromUrl('https://api.qredo.network/qapi/v1')).toMatchObject({ ok: false });
  });
});
