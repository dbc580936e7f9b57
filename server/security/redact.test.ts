import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.ts';

const SECRET = 'c2VjcmV0LXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tbWF0dGVy';

function redactor(): Redactor {
  const r = new Redactor();
  r.add(SECRET);
  return r;
}

describe('Redactor.scrubValue', () => {
  it('scrubs a secret at any depth, in values and in keys, and leaves the input as it was', () => {
    const input = { a: [1, { b: `x${SECRET}y` }], [SECRET]: 'k', c: 'plain' };
    const before = JSON.stringify(input);
    const out = redactor().scrubValue(input);
    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out.a[1]).toEqual({ b: 'x[redacted]y' });
    expect(Object.keys(out)).toEqual(['a', '[redacted]', 'c']);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('gives back a value with nothing to scrub as it was, and copies only the branches that change', () => {
    const clean = { a: [1, 'two', { three: 3 }], b: { c: 'short' }, d: null };
    const r = redactor();
    expect(r.scrubValue(clean)).toBe(clean);
    const mixed = { keep: { deep: ['x'] }, change: { s: SECRET } };
    const out = r.scrubValue(mixed);
    expect(out).not.toBe(mixed);
    expect(out.keep).toBe(mixed.keep);
    expect(out.change).toEqual({ s: '[redacted]' });
    expect(mixed.change.s).toBe(SECRET);
  });

  it('keeps a "__proto__" key from JSON as an ordinary property when it scrubs around it', () => {
    const parsed = JSON.parse(`{"__proto__":{"polluted":true},"s":"${SECRET}"}`) as Record<string, unknown>;
    const out = redactor().scrubValue(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 's']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns values with toJSON into their JSON form, as JSON.stringify would', () => {
    const when = new Date(0);
    expect(redactor().scrubValue({ when })).toEqual({ when: '1970-01-01T00:00:00.000Z' });
  });
});
