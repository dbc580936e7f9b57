import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../import/types.ts';
import {
  COLLECTION_FORMAT,
  MAX_COLLECTION_CHARS,
  MAX_COLLECTION_REQUESTS,
  MAX_FOLDER_DEPTH,
  emptyCollection,
  parseCollection,
  printCollection,
  savedRequests,
  type Collection,
} from './collection.ts';
import { collectionArb, savedRequest } from './test-support.ts';

const sample: Collection = {
  format: COLLECTION_FORMAT,
  version: 1,
  name: 'Qredo flow',
  variables: [{ name: 'tx_id', value: '' }],
  items: [
    {
      type: 'folder',
      name: 'Transactions',
      items: [
        {
          type: 'request',
          name: 'New transaction',
          method: 'POST',
          path: '/transaction',
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          body: '{"value":"100"}',
          environment: 'mock',
          demoKey: 'full',
          captures: [{ variable: 'tx_id', from: 'body', path: '$.txID' }],
        },
        {
          type: 'request',
          name: 'Status',
          method: 'GET',
          path: '/transactions/{{tx_id}}/status',
          headers: [],
          body: null,
          environment: 'mock',
          timestampUnit: 'nanoseconds',
          captures: [],
        },
      ],
    },
    {
      type: 'request',
      name: 'Imported from elsewhere',
      method: 'GET',
      path: '/api/v1/apikey',
      headers: [],
      body: null,
      environment: null,
      captures: [],
    },
  ],
};

const withItems = (items: unknown[]) => JSON.stringify({ ...sample, items });
/** A saved request with any fields over it, well-formed or not (the parser is what is tested). */
const request = (over: Record<string, unknown>) => ({ ...savedRequest(), ...over });

describe('printCollection', () => {
  it('writes keys in a fixed order, two-space JSON and a final newline', () => {
    const text = printCollection(sample);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "qredo-playground-collection",');
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'name', 'variables', 'items']);
    const first = JSON.parse(text).items[0].items[0];
    expect(Object.keys(first)).toEqual([
      'type',
      'name',
      'method',
      'path',
      'headers',
      'body',
      'environment',
      'demoKey',
      'captures',
    ]);
    // The same collection with its keys in another order prints the same bytes.
    const shuffled = JSON.parse(JSON.stringify(sample), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(printCollection(shuffled)).toBe(text);
  });
});

describe('parseCollection', () => {
  it('reads what it printed, with a BOM too', () => {
    expect(parseCollection(printCollection(sample))).toEqual(sample);
    expect(parseCollection('\uFEFF' + printCollection(sample))).toEqual(sample);
    expect(parseCollection(printCollection(emptyCollection('e')))).toEqual(emptyCollection('e'));
  });

  it.each([
    ['not json', '{', /not valid JSON/],
    ['an array', '[]', /At \/: a collection is a JSON object/],
    ['another format', '{"format":"postman"}', /At \/format: this is not a playground collection/],
    ['a newer version', JSON.stringify({ ...sample, version: 2 }), /At \/version: .*version 2, newer/],
    ['an unknown key', JSON.stringify({ ...sample, extra: 1 }), /At \/: .*extra/],
    ['a bad method', withItems([request({ method: 'G T' })]), /At \/items\/0\/method: The method may contain only/],
    [
      'a signature header',
      withItems([request({ headers: [{ name: 'QREDO-API-SIG', value: 'x' }] })]),
      /At \/items\/0\/headers\/0\/name: QREDO-API-SIG is computed by the playground/,
    ],
    [
      'a Host header',
      withItems([request({ headers: [{ name: 'host', value: 'x' }] })]),
      /At \/items\/0\/headers\/0\/name: host is written by the relay/,
    ],
    [
      'a line break in a header value',
      withItems([request({ headers: [{ name: 'X-A', value: 'a\r\nb' }] })]),
      /headers\/0\/value: The header value contains a line break/,
    ],
    [
      'a bad capture path',
      withItems([request({ captures: [{ variable: 'v', from: 'body', path: 'txID' }] })]),
      /captures\/0\/path: A JSON path starts with "\$"/,
    ],
    [
      'a bad variable name',
      JSON.stringify({ ...sample, variables: [{ name: 'a b', value: '' }] }),
      /At \/variables\/0\/name: A variable name/,
    ],
    [
      'a variable defined twice',
      JSON.stringify({
        ...sample,
        variables: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ],
      }),
      /At \/variables\/1\/name: The variable a is defined twice/,
    ],
    ['an unknown environment', withItems([request({ environment: 'staging' })]), /At \/items\/0\/environment/],
    [
      'a path with a line break',
      withItems([request({ path: '/a\nb' })]),
      /At \/items\/0\/path: The path may not contain line breaks/,
    ],
    [
      'a folder name with a slash in a key',
      withItems([{ type: 'folder', name: '', items: [] }]),
      /At \/items\/0\/name: The name is empty/,
    ],
  ])('refuses %s, naming the JSON pointer', (_what, text, message) => {
    expect(() => parseCollection(text)).toThrow(ImportError);
    expect(() => parseCollection(text)).toThrow(message);
  });

  it('refuses files, request counts and nesting beyond the limits before validating', () => {
    expect(() => parseCollection(' '.repeat(MAX_COLLECTION_CHARS + 1))).toThrow(/limit is 5242880/);
    const many = Array.from({ length: MAX_COLLECTION_REQUESTS + 1 }, () => ({}));
    expect(() => parseCollection(withItems(many))).toThrow(/more than 10000 requests/);
    let deep: unknown = { type: 'folder', name: 'f', items: [] };
    for (let i = 0; i < MAX_FOLDER_DEPTH + 1; i++) deep = { type: 'folder', name: 'f', items: [deep] };
    expect(() => parseCollection(withItems([deep]))).toThrow(/nested more than 32 deep/);
    // A pathologically deep document is refused without exhausting the stack.
    const abyss =
      '{"format":"qredo-playground-collection","version":1,"name":"n","variables":[],"items":' +
      '['.repeat(5000) +
      ']'.repeat(5000) +
      '}';
    expect(() => parseCollection(abyss)).toThrow(ImportError);
  });

  it('parse(print(c)) is c for any valid collection (property)', () => {
    fc.assert(
      fc.property(collectionArb, (c) => {
        expect(parseCollection(printCollection(c))).toEqual(c);
      }),
      { numRuns: 500 },
    );
  });

  it('print is deterministic: print(parse(print(c))) is print(c) (property)', () => {
    fc.assert(
      fc.property(collectionArb, (c) => {
        const once = printCollection(c);
        expect(printCollection(parseCollection(once))).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws anything but ImportError on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const doc =
          v && typeof v === 'object' && !Array.isArray(v) ? { format: COLLECTION_FORMAT, version: 1, ...v } : v;
        try {
          parseCollection(JSON.stringify(doc));
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('savedRequests', () => {
  it('lists every request in document order with its folders', () => {
    expect(savedRequests(sample).map((r) => [r.folders, r.request.name])).toEqual([
      [['Transactions'], 'New transaction'],
      [['Transactions'], 'Status'],
      [[], 'Imported from elsewhere'],
    ]);
  });
});
