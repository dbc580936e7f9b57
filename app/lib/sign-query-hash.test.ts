import { describe, expect, it } from 'vitest';
import { signQueryKeyHash } from './sign-query-hash.ts';

const draft = (over: object = {}) => ({ environment: 'mock', method: 'POST', path: '/x', body: '{"a":1}', ...over });

describe('signQueryKeyHash', () => {
  it('is equal for equal drafts, whatever the key order or string identity', () => {
    const big = 'x'.repeat(100_000);
    expect(signQueryKeyHash(['sign', draft({ body: big })])).toBe(
      signQueryKeyHash(['sign', { body: 'x'.repeat(100_000), path: '/x', method: 'POST', environment: 'mock' }]),
    );
  });

  it('tells apart drafts that differ anywhere, the body included', () => {
    const hashes = new Set(
      [
        draft(),
        draft({ body: '{"a":2}' }),
        draft({ body: null }),
        draft({ body: '' }),
        draft({ method: 'PUT' }),
        draft({ timestamp: '1' }),
        draft({ demoKey: 'read-only' }),
      ].map((d) => signQueryKeyHash(['sign', d])),
    );
    expect(hashes.size).toBe(7);
  });

  it('stays exact when old bodies are forgotten', () => {
    const first = signQueryKeyHash(['sign', draft({ body: 'first' })]);
    for (let i = 0; i < 200; i++) signQueryKeyHash(['sign', draft({ body: `b${i}` })]);
    const again = signQueryKeyHash(['sign', draft({ body: 'first' })]);
    // A forgotten body gets a new number: a new key (a new request), never another body's answer.
    expect(again).not.toBe(signQueryKeyHash(['sign', draft({ body: 'b199' })]));
    expect(typeof first).toBe('string');
  });
});
