import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateCapture,
  formatJsonPath,
  idCandidates,
  parseJsonPath,
  suggestVariableName,
  type JsonPathSegment,
} from './captures.ts';
import { jsonPathArb } from './test-support.ts';

const transaction = JSON.stringify({
  big: 0,
  txID: '2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS',
  status: 'pending',
  funds: [{ fund_id: 'f-1', wallets: [{ wallet_id: 'w-1', 'asset-id': 'ETH' }] }],
  'a-b': { 'c d': 7, "it's": true },
  count: 3,
  none: null,
}).replace('"big":0', '"big":12345678901234567890');

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['$.txID', [{ kind: 'key', key: 'txID' }]],
    [
      '$.funds[0].fund_id',
      [
        { kind: 'key', key: 'funds' },
        { kind: 'index', index: 0 },
        { kind: 'key', key: 'fund_id' },
      ],
    ],
    ["$['a-b']", [{ kind: 'key', key: 'a-b' }]],
    ['$["c d"]', [{ kind: 'key', key: 'c d' }]],
    ["$['it\\'s']", [{ kind: 'key', key: "it's" }]],
  ])('reads %s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual({ ok: true, segments });
  });

  it.each([
    ['txID', /starts with "\$"/],
    ['$.', /field name is expected/],
    ['$.a-b', /Unexpected "-"/],
    ['$[01]', /must hold an index/],
    ['$[-1]', /must hold an index/],
    ['$[*]', /must hold an index/],
    ["$['open", /not closed/],
    ["$['a\\x']", /may be escaped/],
    ['$..a', /field name is expected/],
  ])('refuses %s', (path, message) => {
    const r = parseJsonPath(path);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('formats back to the same text for canonical paths (property)', () => {
    fc.assert(
      fc.property(jsonPathArb, (path) => {
        const r = parseJsonPath(path);
        expect(r.ok).toBe(true);
        if (r.ok) expect(formatJsonPath(r.segments)).toBe(path);
      }),
    );
  });
});

describe('evaluateCapture', () => {
  it.each([
    ['$.txID', '2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS'],
    ['$.funds[0].fund_id', 'f-1'],
    ['$.funds[0].wallets[0].wallet_id', 'w-1'],
    ["$.funds[0].wallets[0]['asset-id']", 'ETH'],
    ["$['a-b']['c d']", '7'],
    ["$['a-b']['it\\'s']", 'true'],
    ['$.count', '3'],
  ])('%s gives %s', (path, value) => {
    expect(evaluateCapture(path, transaction)).toEqual({ ok: true, value });
  });

  it.each([
    ['$.txID', 'not json', /not JSON/],
    ['$.missing', transaction, /\$ has no field "missing"/],
    ['$.funds[3]', transaction, /\$.funds has 1 element\(s\); there is no \[3\]/],
    ['$.funds', transaction, /is an array; a variable holds one value/],
    ["$['a-b']", transaction, /is an object/],
    ['$.none', transaction, /\$.none is null/],
    ['$.big', transaction, /too large to be read exactly/],
    ['$.txID.x', transaction, /\$.txID is string, not an object/],
    ['$.status[0]', transaction, /not an array/],
    ['txID', transaction, /starts with/],
  ])('%s on %s says why not', (path, body, reason) => {
    const r = evaluateCapture(path, body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('does not read inherited properties', () => {
    expect(evaluateCapture('$.constructor', '{}').ok).toBe(false);
    expect(evaluateCapture('$.__proto__', '{"__proto__":"x"}')).toEqual({ ok: true, value: 'x' });
  });
});

describe('idCandidates', () => {
  it('lists the ID-like string fields with their paths, in document order', () => {
    expect(idCandidates(transaction)).toEqual([
      { path: '$.txID', key: 'txID', value: '2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS', suggestedVariable: 'tx_id' },
      { path: '$.funds[0].fund_id', key: 'fund_id', value: 'f-1', suggestedVariable: 'fund_id' },
      { path: '$.funds[0].wallets[0].wallet_id', key: 'wallet_id', value: 'w-1', suggestedVariable: 'wallet_id' },
      { path: "$.funds[0].wallets[0]['asset-id']", key: 'asset-id', value: 'ETH', suggestedVariable: 'asset_id' },
    ]);
  });

  it('knows id, companyID, fundId and tx_id, and not paid, valid or numbers', () => {
    const body = JSON.stringify({
      id: 'a',
      companyID: 'b',
      fundId: 'c',
      tx_id: 'd',
      paid: 'e',
      valid: 'f',
      walletID: 1,
      id2: 'g',
    });
    expect(idCandidates(body).map((c) => [c.key, c.suggestedVariable])).toEqual([
      ['id', 'id'],
      ['companyID', 'company_id'],
      ['fundId', 'fund_id'],
      ['tx_id', 'tx_id'],
    ]);
  });

  it('has none for a body that is not JSON, and stays bounded on deep or large bodies', () => {
    expect(idCandidates('<html>')).toEqual([]);
    expect(idCandidates('"txID"')).toEqual([]);
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(idCandidates(deep)).toEqual([]);
    const many = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: `i${i}` })));
    expect(idCandidates(many)).toHaveLength(500);
  });

  it('finds what a plain recursive walk finds, in the same order, and a limit keeps the first ones (property)', () => {
    // The reference knows which of the generated keys are ID-like.
    const idKeys = new Set(['id', 'txID', 'fund_id', 'wallet-id']);
    const reference = (text: string): string[] => {
      const out: string[] = [];
      const walk = (v: unknown, segments: JsonPathSegment[]): void => {
        if (v === null || typeof v !== 'object' || segments.length >= 64) return;
        if (Array.isArray(v)) v.forEach((c, index) => walk(c, [...segments, { kind: 'index', index }]));
        else
          for (const [key, c] of Object.entries(v)) {
            const here: JsonPathSegment[] = [...segments, { kind: 'key', key }];
            if (typeof c === 'string' && c !== '' && idKeys.has(key)) out.push(formatJsonPath(here));
            else walk(c, here);
          }
      };
      walk(JSON.parse(text), []);
      return out;
    };
    const key = fc.constantFrom('id', 'txID', 'fund_id', 'wallet-id', 'name', 'paid', 'valid', 'data');
    const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('tree'), { maxLength: 5 }),
      object: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
    }));
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 8 }), (v, limit) => {
        const body = JSON.stringify(v);
        const all = idCandidates(body);
        expect(all.map((c) => c.path)).toEqual(reference(body));
        expect(idCandidates(body, limit)).toEqual(all.slice(0, limit));
      }),
      { numRuns: 500 },
    );
  });

  it('every candidate evaluates back to its value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.string({ minLength: 1, maxLength: 8 }), (v, id) => {
        const body = JSON.stringify({ data: v, txID: id, list: [{ fund_id: id }] });
        for (const c of idCandidates(body)) expect(evaluateCapture(c.path, body)).toEqual({ ok: true, value: c.value });
      }),
      { numRuns: 300 },
    );
  });

  it('suggests snake_case names', () => {
    expect(['txID', 'fundId', 'wallet_id', 'a-b', '9id'].map(suggestVariableName)).toEqual([
      'tx_id',
      'fund_id',
      'wallet_id',
      'a_b',
      'id_9id',
    ]);
  });
});
