import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json.ts';

/** Keys sorted at every level: two values print the same with sorted keys exactly when they are the same. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))
        .map(([k, x]) => [k, sorted(x)]),
    );
  return v;
}

describe('sameJson', () => {
  it('agrees with comparing the JSON printed with sorted keys, for any two values', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)));
        expect(sameJson(a, structuredClone(a))).toBe(true);
      }),
    );
  });

  it('ignores key order and keys set to undefined, and tells arrays from objects', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ 0: 'a' }, ['a'])).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson({ body: 'x'.repeat(100_000) }, { body: `${'x'.repeat(99_999)}y` })).toBe(false);
  });
});
