import { describe, expect, it } from 'vitest';
import { buildStringToSign } from '../../../core/signing/string-to-sign.ts';
import { provisionalStringToSign } from './provisional.ts';

const base = 'http://127.0.0.1:8091/qapi/v1';

describe('provisionalStringToSign', () => {
  it('lays out what the server signs: pinned timestamp, method, base URL + path, body as UTF-8', () => {
    const body = '{\n "note": "Café ☕"}';
    const view = provisionalStringToSign(
      { environment: 'mock', method: 'POST', path: '/transaction?x=1', body, timestamp: '1700000000' },
      `${base}/`,
      0,
    );
    const expected = buildStringToSign({
      timestamp: '1700000000',
      method: 'POST',
      url: `${base}/transaction?x=1`,
      body,
    });
    expect(view).toEqual({ segments: expected.segments, byteLength: expected.bytes.length });
  });

  it('uses the clock it is given for a send-time timestamp, in the unit asked', () => {
    const draft = { environment: 'mock', method: 'GET', path: '/balance', body: null } as const;
    const now = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    expect(provisionalStringToSign(draft, base, now)?.segments[0]?.text).toBe(String(Math.floor(now / 1000)));
    expect(provisionalStringToSign({ ...draft, timestampUnit: 'nanoseconds' }, base, now)?.segments[0]?.text).toBe(
      `${now}000000`,
    );
  });

  it('gives nothing when the server would refuse the draft or the base URL is unknown', () => {
    const ok = { environment: 'mock', method: 'GET', path: '/balance', body: null } as const;
    expect(provisionalStringToSign(ok, undefined, 0)).toBeNull();
    expect(provisionalStringToSign({ ...ok, path: 'balance' }, base, 0)).toBeNull();
    expect(provisionalStringToSign({ ...ok, path: '/a/../b' }, base, 0)).toBeNull();
    expect(provisionalStringToSign({ ...ok, method: '' }, base, 0)).toBeNull();
    expect(provisionalStringToSign({ ...ok, timestamp: '12ab' }, base, 0)).toBeNull();
  });
});
