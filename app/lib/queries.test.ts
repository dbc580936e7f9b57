import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestDraft } from '../../core/contract.ts';
import { signPreviewQueryOptions } from './queries.ts';

/** The hash the query cache files the draft's signature under. */
const hashOf = (draft: RequestDraft) => {
  const options = signPreviewQueryOptions(draft);
  return options.queryKeyHashFn!(options.queryKey);
};

const fields = {
  environment: fc.constantFrom('mock' as const, 'sandbox' as const),
  method: fc.constantFrom('GET', 'POST'),
  path: fc.string({ maxLength: 8 }),
  body: fc.option(fc.string({ maxLength: 8, unit: 'binary' }), { nil: null }),
  timestamp: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
};
type Field = keyof typeof fields;
const draft = fc.record(fields, { requiredKeys: ['environment', 'method', 'path', 'body'] });
/** A draft and one field of it given a value of its kind: often the same value, often another. */
const change = draft.chain((a) =>
  fc
    .constantFrom(...(Object.keys(fields) as Field[]))
    .chain((field) =>
      fc.tuple(
        fc.constant(a),
        fc.constant(field),
        fc.oneof(fc.constant(a[field]), fields[field] as fc.Arbitrary<unknown>),
      ),
    ),
);

describe('the signature query of a draft', () => {
  it('is the same query exactly when the drafts are the same, body and all', () => {
    fc.assert(
      fc.property(change, ([a, field, value]) => {
        const b = { ...a, [field]: value } as RequestDraft;
        expect(hashOf(a) === hashOf(b)).toBe(value === a[field]);
        expect(hashOf(a)).toBe(hashOf(structuredClone(a)));
      }),
    );
  });

  it('tells bodies apart, a missing body from an empty one, and a body from the fields before it', () => {
    const d: RequestDraft = { environment: 'mock', method: 'POST', path: '/a', body: '' };
    expect(hashOf({ ...d, body: 'a' })).not.toBe(hashOf({ ...d, body: 'b' }));
    expect(hashOf(d)).not.toBe(hashOf({ ...d, body: null }));
    expect(hashOf({ ...d, path: '/a', body: '\u0000x' })).not.toBe(hashOf({ ...d, path: '/a\u0000', body: 'x' }));
  });
});
