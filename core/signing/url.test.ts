import { describe, expect, it } from 'vitest';
import { checkPath, joinUrl } from './url.ts';

describe('checkPath', () => {
  it.each(['/balance', '/funds?archived=true', '/transactions/2H1uS4xWxmqYsXvvBQJ8Ns4PjXl/status', '/a?x=%20&y=@'])(
    'accepts %s unchanged',
    (p) => expect(checkPath(p)).toEqual({ ok: true, path: p }),
  );
  it.each([
    ['', /empty/],
    ['balance', /start with/],
    ['https://evil.example/x', /start with/],
    ['//evil.example/x', /another host/],
    ['/../admin', /segment/],
    ['/a/./b', /segment/],
    ['/%2e%2e/admin', /encoded/],
    ['/%2F%2Fevil', /encoded/],
    ['/a\\b', /backslash/],
    ['/@evil.example', /"@"/],
    ['/a b', /a space/],
    ['/caf\u00e9', /U\+00E9/],
    ['/a#frag', /fragment/],
    ['/a\r\nHost: x', /U\+000D/],
  ])('refuses %j', (p, message) => {
    const r = checkPath(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('joinUrl', () => {
  it('joins with exactly one slash', () => {
    expect(joinUrl('https://api.qredo.network/qapi/v1/', '/balance')).toBe('https://api.qredo.network/qapi/v1/balance');
    expect(joinUrl('http://127.0.0.1:8002/qapi/v1', '/balance')).toBe('http://127.0.0.1:8002/qapi/v1/balance');
  });
});
