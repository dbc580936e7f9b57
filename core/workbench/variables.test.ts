import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildStringToSign } from '../signing/string-to-sign.ts';
import { expandRequest, expandVariables, findReferences, utf8Offsets, type VariableScope } from './variables.ts';

const encoder = new TextEncoder();
const bytes = (s: string) => Array.from(encoder.encode(s));

const scopes: VariableScope[] = [
  {
    scope: 'collection',
    values: [
      { name: 'tx_id', value: 'from-collection' },
      { name: 'note', value: 'café ☕' },
    ],
  },
  { scope: 'environment:mock', values: { tx_id: '2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS', emoji: '😀' } },
];

describe('expandVariables', () => {
  it('expands from the scopes, later wins, with source and target ranges', () => {
    const r = expandVariables('/transactions/{{tx_id}}/status', scopes);
    expect(r).toEqual({
      ok: true,
      text: '/transactions/2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS/status',
      problems: [],
      expansions: [
        {
          name: 'tx_id',
          from: 'environment:mock',
          value: '2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS',
          sourceRange: { start: 14, end: 23 },
          targetRange: { start: 14, end: 41, byteStart: 14, byteEnd: 41 },
        },
      ],
    });
  });

  it('gives exact UTF-8 byte offsets for non-ASCII values and text around them', () => {
    const text = '{"é":"{{note}}","x":"{{ emoji }}","y":"{{tx_id}}"}';
    const r = expandVariables(text, scopes);
    expect(r.ok).toBe(true);
    const all = bytes(r.text);
    for (const e of r.expansions) {
      expect(r.text.slice(e.targetRange.start, e.targetRange.end)).toBe(e.value);
      expect(all.slice(e.targetRange.byteStart, e.targetRange.byteEnd)).toEqual(bytes(e.value));
      expect(bytes(r.text.slice(0, e.targetRange.start)).length).toBe(e.targetRange.byteStart);
    }
    expect(r.expansions.map((e) => [e.name, e.targetRange.byteEnd - e.targetRange.byteStart])).toEqual([
      ['note', 9],
      ['emoji', 4],
      ['tx_id', 27],
    ]);
  });

  it('places expansions inside the string-to-sign by adding the segment offset', () => {
    const path = expandVariables('/funds/{{note}}', scopes);
    const base = 'http://127.0.0.1:8002/qapi/v1';
    const body = expandVariables('{"n":"{{emoji}}"}', scopes);
    const sts = buildStringToSign({ timestamp: '1700000000', method: 'POST', url: base + path.text, body: body.text });
    const url = sts.segments.find((s) => s.name === 'url')!;
    const bodySeg = sts.segments.find((s) => s.name === 'body')!;
    const e = path.expansions[0]!;
    const start = url.offset + encoder.encode(base).length + e.targetRange.byteStart;
    const end = url.offset + encoder.encode(base).length + e.targetRange.byteEnd;
    expect(Array.from(sts.bytes.slice(start, end))).toEqual(bytes('café ☕'));
    const b = body.expansions[0]!;
    expect(
      Array.from(sts.bytes.slice(bodySeg.offset + b.targetRange.byteStart, bodySeg.offset + b.targetRange.byteEnd)),
    ).toEqual(bytes('😀'));
  });

  it('reports an undefined variable with its position and leaves it as written', () => {
    const r = expandVariables('/a/{{missing}}/{{tx_id}}', scopes);
    expect(r.ok).toBe(false);
    expect(r.text).toBe('/a/{{missing}}/2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS');
    expect(r.problems).toEqual([
      {
        kind: 'undefined',
        name: 'missing',
        sourceRange: { start: 3, end: 14 },
        message: '{{missing}} is not defined in collection, environment:mock.',
      },
    ]);
    expect(r.expansions[0]!.targetRange.start).toBe(15);
  });

  it('handles {{ name }} with spaces, dynamic variables through the caller, references and malformed ones', () => {
    expect(expandVariables('{{  tx_id\t}}', scopes).text).toBe('2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS');
    const none = expandVariables('{{$uuid}}', scopes);
    expect(none.problems.map((p) => [p.kind, p.name])).toEqual([['dynamic', '$uuid']]);
    const seen: string[] = [];
    const dyn = expandVariables('{{$uuid}}|{{$datetime iso8601}}|{{$random.int}}', scopes, {
      dynamic: (name, args) => {
        seen.push(`${name}(${args})`);
        return name === '$random.int' ? undefined : `<${name}>`;
      },
    });
    expect(seen).toEqual(['$uuid()', '$datetime(iso8601)', '$random.int()']);
    expect(dyn.text).toBe('<$uuid>|<$datetime>|{{$random.int}}');
    expect(dyn.expansions.map((e) => e.from)).toEqual(['dynamic', 'dynamic']);
    expect(expandVariables('{{login.response.body.$.token}}', scopes).problems[0]!.kind).toBe('reference');
    expect(expandVariables('{{a b}} {{}} {{9x}}', scopes).problems.map((p) => p.kind)).toEqual([
      'malformed',
      'malformed',
      'malformed',
    ]);
  });

  it('keeps unclosed braces and single braces as text, and expands inside JSON braces', () => {
    expect(expandVariables('{"a":"{{"}', scopes)).toMatchObject({ ok: true, text: '{"a":"{{"}' });
    expect(expandVariables('{{{tx_id}}}', scopes).text).toBe('{2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS}');
    expect(expandVariables('{"a":{{count}}}', [{ scope: 'c', values: { count: '3' } }]).text).toBe('{"a":3}');
  });

  it('does not expand a value again', () => {
    const r = expandVariables('{{a}}', [{ scope: 'c', values: { a: '{{b}}', b: 'x' } }]);
    expect(r).toMatchObject({ ok: true, text: '{{b}}' });
  });

  it('refuses a value that equals or contains a configured secret, without showing it', () => {
    const secret = 'JDJhJDEwJFBsYXlncm91bmRUZXN0';
    const s: VariableScope[] = [
      { scope: 'environment:sandbox', values: { k: secret, j: `Bearer ${secret}!`, ok: 'fine' } },
    ];
    const r = expandVariables('{{k}}/{{j}}/{{ok}}', s, { secrets: ['', secret] });
    expect(r.ok).toBe(false);
    expect(r.text).toBe('{{k}}/{{j}}/fine');
    expect(r.problems.map((p) => [p.kind, p.name])).toEqual([
      ['secret', 'k'],
      ['secret', 'j'],
    ]);
    expect(JSON.stringify(r.problems)).not.toContain(secret);
    const dyn = expandVariables('{{$x}}', [], { secrets: [secret], dynamic: () => secret });
    expect(dyn.problems[0]!.kind).toBe('secret');
  });

  it('without {{, expansion is the identity (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !s.includes('{{')),
        (text) => {
          expect(expandVariables(text, scopes)).toEqual({ ok: true, text, expansions: [], problems: [] });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('ranges always slice back to the values, in UTF-16 and in UTF-8 bytes (property)', () => {
    const name = fc.constantFrom('a', 'b', 'c_d', 'e.f', 'missing');
    const value = fc.string({ unit: 'grapheme', maxLength: 10 });
    const text = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 6 }),
          name.map((n) => `{{${n}}}`),
          name.map((n) => `{{ ${n} }}`),
        ),
        {
          maxLength: 10,
        },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, value, value, value, value, (t, a, b, c, e) => {
        const s: VariableScope[] = [
          { scope: 'one', values: { a, b } },
          {
            scope: 'two',
            values: [
              { name: 'c_d', value: c },
              { name: 'e.f', value: e },
            ],
          },
        ];
        const r = expandVariables(t, s);
        const all = bytes(r.text);
        for (const x of r.expansions) {
          expect(t.slice(x.sourceRange.start, x.sourceRange.end).replace(/[{} ]/g, '')).toBe(x.name);
          expect(r.text.slice(x.targetRange.start, x.targetRange.end)).toBe(x.value);
          expect(all.slice(x.targetRange.byteStart, x.targetRange.byteEnd)).toEqual(bytes(x.value));
        }
        for (const p of r.problems) expect(t.slice(p.sourceRange.start, p.sourceRange.end)).toMatch(/^\{\{.*\}\}$/);
        expect(r.ok).toBe(r.problems.length === 0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('utf8Offsets', () => {
  it('counts as TextEncoder does, lone surrogates as U+FFFD', () => {
    const text = 'aé☕😀\uD800b';
    const offsets = [0, 1, 2, 3, 5, 6, 7];
    expect(utf8Offsets(text, offsets)).toEqual(offsets.map((o) => encoder.encode(text.slice(0, o)).length));
  });
});

describe('findReferences', () => {
  it('classifies every reference', () => {
    expect(
      findReferences('{{a}}{{$uuid x}}{{r.response.body.$.id}}{{!}}').map((r) => [r.kind, r.name, r.args]),
    ).toEqual([
      ['variable', 'a', ''],
      ['dynamic', '$uuid', 'x'],
      ['reference', 'r.response.body.$.id', ''],
      ['malformed', '!', ''],
    ]);
  });
});

describe('expandRequest', () => {
  it('expands path, header values and body, and names the field of each problem', () => {
    const r = expandRequest(
      {
        path: '/tx/{{tx_id}}',
        headers: [{ name: 'X-{{a}}', value: '{{nope}}' }],
        body: '{"n":"{{note}}","m":"{{gone}}"}',
      },
      scopes,
    );
    expect(r.ok).toBe(false);
    expect(r.path.text).toBe('/tx/2Ob8rW9Vd3n3tW6T3zDZ0m6sJqS');
    expect(r.headers[0]!.name).toBe('X-{{a}}');
    expect(r.body!.text).toBe('{"n":"café ☕","m":"{{gone}}"}');
    expect(r.problems.map((p) => [p.field, p.name])).toEqual([
      ['headers.0', 'nope'],
      ['body', 'gone'],
    ]);
    expect(expandRequest({ path: '/', headers: [], body: null }, scopes)).toMatchObject({ ok: true, body: null });
  });
});
