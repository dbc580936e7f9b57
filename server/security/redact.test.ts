import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../../test-support/property-runs.ts';
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

describe('Redactor.scrub finds every form in one pass', () => {
  // Forms from a small alphabet, so that they overlap, share prefixes and sit inside one another; texts
  // made of pieces of them and of other characters. The one-pass finder must decide as a scan form by
  // form does, so the scrubbed text is the same.
  const alphabet = fc.constantFrom(...'abAB01=-_é\n');
  const form = fc.string({ unit: alphabet, minLength: 8, maxLength: 24 });
  it('scrubs exactly what replacing each form in turn scrubs', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(form, { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(fc.nat(5), fc.string({ unit: alphabet, maxLength: 12 })), { maxLength: 12 }),
        (forms, pieces) => {
          const r = new Redactor();
          r.addForms(forms);
          const text = pieces.map((p) => (typeof p === 'number' ? (forms[p % forms.length] ?? '') : p)).join('');
          let expected = text;
          for (const f of [...forms].sort((a, b) => b.length - a.length))
            expected = expected.split(f).join('[redacted]');
          expect(r.scrub(text)).toBe(expected);
          expect(r.containsSecret(text)).toBe(expected !== text);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it('leaves text as it is when no form was added, and when the last one added is longer than the text', () => {
    expect(new Redactor().scrub('any text at all, of any length')).toBe('any text at all, of any length');
    const r = new Redactor();
    r.addForms(['a-form-longer-than-the-text']);
    expect(r.scrub('short')).toBe('short');
  });

  it('finds a form at the very start, at the very end and as the whole text', () => {
    const r = new Redactor();
    r.addForms(['needle-one', 'needle-two-longer']);
    expect(r.scrub('needle-one…')).toBe('[redacted]…');
    expect(r.scrub('…needle-two-longer')).toBe('…[redacted]');
    expect(r.scrub('needle-one')).toBe('[redacted]');
    expect(r.scrub('needle-on')).toBe('needle-on');
  });
});
