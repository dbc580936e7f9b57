import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../import/types.ts';
import { Collection as CollectionSchema, MAX_FOLDER_DEPTH, savedRequests, type Collection } from './collection.ts';
import { POSTMAN_SCHEMA_V21, importPostman, printPostman } from './postman.ts';
import { collectionArbFor, collectionOf, PARTNER_BASES, savedRequest } from './test-support.ts';

const bases = {
  mock: 'http://127.0.0.1:8002/qapi/v1',
  sandbox: 'https://sandbox-api.qredo.network/qapi/v1',
  production: 'https://api.qredo.network/qapi/v1',
};
const fixture = (p: string) => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const collection = (item: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ info: { name: 'T', schema: POSTMAN_SCHEMA_V21 }, item, ...extra });
const requests = (c: Collection) => savedRequests(c).map((r) => r.request);

describe('importPostman: a Qredo collection signed by a pre-request script', () => {
  const r = () => importPostman(fixture('postman-qredo.postman_collection.json'), { bases });

  it('keeps the folders, maps {{baseUrl}} to sandbox, fills :fund_id, drops the disabled query parameter', () => {
    const c = r().collection;
    expect(c.name).toBe('Qredo API v1');
    expect(c.items.map((i) => [i.type, i.name])).toEqual([
      ['folder', 'Read-only'],
      ['folder', 'Web3'],
    ]);
    expect(
      savedRequests(c).map(({ folders, request: q }) => [folders.join('/'), q.name, q.method, q.path, q.environment]),
    ).toEqual([
      ['Read-only', 'Balance', 'GET', '/balance', 'sandbox'],
      ['Read-only', 'Funds', 'GET', '/funds?archived=true', 'sandbox'],
      ['Read-only', 'Wallets of a fund', 'GET', '/funds/2AbCdEfGhIjKlMnOpQrStUvWxYz/wallets', 'sandbox'],
      ['Web3', 'New transaction', 'POST', '/transaction', 'sandbox'],
      ['Web3', 'Transaction status', 'GET', '/transactions/{{tx_id}}/status', 'sandbox'],
    ]);
    expect(r().dropped.map((d) => d.what)).toContain('query parameter limit of request "Read-only / Funds"');
  });

  it('drops the signature headers, the disabled header, the signing script and the credential variables', () => {
    const { collection: c, dropped } = r();
    expect(requests(c)[0]!.headers).toEqual([{ name: 'Accept', value: 'application/json' }]);
    const what = dropped.map((d) => d.what);
    expect(what).toEqual(
      expect.arrayContaining([
        'header qredo-api-key of request "Read-only / Balance"',
        'header qredo-api-ts of request "Read-only / Balance"',
        'header qredo-api-sig of request "Read-only / Balance"',
        'header X-Debug of request "Read-only / Balance"',
        "the collection's prerequest script",
        'the variable apiKey',
        'the variable apiSecret',
        'the variable signature',
      ]),
    );
    expect(c.variables).toEqual([
      { name: 'baseUrl', value: 'https://sandbox-api.qredo.network/qapi/v1' },
      { name: 'timestamp', value: '' },
      { name: 'tx_id', value: '' },
    ]);
    expect(JSON.stringify(c)).not.toContain('sandboxKeyId01');
  });

  it('keeps the raw body exactly, adds the Content-Type Postman adds, and reads the capture in the test script', () => {
    const { collection: c, notes, dropped } = r();
    const tx = requests(c)[3]!;
    expect(tx.body).toBe(
      '{\n    "from": "0x84CE2138E54b1852689132FD73dDC4D3973a44B8",\n    "to": "0x000000000000000000000000000000000000dEaD",\n    "value": "100",\n    "note": "café"\n}',
    );
    expect(tx.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
    expect(tx.captures).toEqual([{ variable: 'tx_id', from: 'body', path: '$.txID' }]);
    expect(notes.join('\n')).toMatch(/tx_id ← \$\.txID became capture rule/);
    // The script also tests the status, which the playground does not run: it is reported as dropped.
    expect(dropped.map((d) => d.what)).toContain('the test script of request "Web3 / New transaction"');
  });
});

describe('importPostman: other real-world shapes', () => {
  it('urlencoded bodies as text, auth blocks dropped, form-data and file bodies dropped', () => {
    const r = importPostman(
      collection(
        [
          {
            name: 'Webhook',
            request: {
              method: 'POST',
              auth: { type: 'bearer', bearer: [{ key: 'token', value: 'abc', type: 'string' }] },
              header: [],
              body: {
                mode: 'urlencoded',
                urlencoded: [
                  { key: 'event', value: 'transaction', type: 'text' },
                  { key: 'debug', value: '1', type: 'text', disabled: true },
                  { key: 'status', value: 'approved', type: 'text' },
                ],
              },
              url: 'https://api.qredo.network/qapi/v1/webhook',
            },
          },
          {
            name: 'Upload',
            request: {
              method: 'POST',
              body: { mode: 'formdata', formdata: [{ key: 'f', type: 'file', src: '/etc/passwd' }] },
              url: 'https://api.qredo.network/qapi/v1/upload',
            },
          },
        ],
        { auth: { type: 'apikey', apikey: [{ key: 'value', value: 'k' }] } },
      ),
      { bases },
    );
    const [hook, upload] = requests(r.collection);
    expect(hook).toMatchObject({
      body: 'event=transaction&status=approved',
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      environment: 'production',
    });
    expect(upload).toMatchObject({ body: null, path: '/upload' });
    expect(r.dropped.map((d) => d.what)).toEqual([
      'the apikey auth of the collection',
      'the bearer auth of request "Webhook"',
      'form field debug of request "Webhook"',
      'the formdata body of request "Upload"',
    ]);
    expect(JSON.stringify(r)).not.toContain('passwd');
  });

  it('a request given as a string, headers as one string, a URL without raw built from its parts', () => {
    const r = importPostman(
      collection([
        { name: 'As string', request: 'https://api.qredo.network/qapi/v1/balance' },
        {
          name: 'Header string',
          request: {
            method: 'GET',
            header: 'Accept: application/json\nX-Trace: 1\n',
            url: 'http://127.0.0.1:8002/qapi/v1/account',
          },
        },
        {
          name: 'Parts',
          request: {
            method: 'GET',
            url: {
              protocol: 'https',
              host: ['sandbox-api', 'qredo', 'network'],
              path: ['qapi', 'v1', 'funds'],
              query: [
                { key: 'archived', value: 'true' },
                { key: 'off', value: 'x', disabled: true },
              ],
            },
          },
        },
      ]),
      { bases },
    );
    expect(requests(r.collection).map((q) => [q.environment, q.path, q.headers.length])).toEqual([
      ['production', '/balance', 0],
      ['mock', '/account', 2],
      ['sandbox', '/funds?archived=true', 0],
    ]);
    expect(r.notes.join('\n')).toMatch(/rebuilt from its parts/);
  });

  it('v2.0 is read with a note; v1, non-JSON and non-collections are refused; a bad item is dropped alone', () => {
    const v20 = importPostman(
      JSON.stringify({
        info: { name: 'Old', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
        item: [],
      }),
      { bases },
    );
    expect(v20.notes[0]).toMatch(/v2.0/);
    expect(() => importPostman(JSON.stringify({ id: 'x', name: 'v1', order: [], requests: [] }), { bases })).toThrow(
      /v1 collection/,
    );
    expect(() => importPostman('nope', { bases })).toThrow(ImportError);
    expect(() => importPostman('{"hello":1}', { bases })).toThrow(/not a Postman v2.1 collection/);
    const bad = importPostman(
      collection([{ name: 5 }, { name: 'ok', request: { url: 'https://api.qredo.network/qapi/v1/balance' } }]),
      { bases },
    );
    expect(requests(bad.collection).map((q) => q.name)).toEqual(['ok']);
    expect(bad.dropped[0]!.what).toBe('item #1');
  });

  it('refuses folders nested too deep and files that are too large', () => {
    let item: unknown = { name: 'r', request: 'https://api.qredo.network/qapi/v1/balance' };
    for (let i = 0; i < MAX_FOLDER_DEPTH + 1; i++) item = { name: `f${i}`, item: [item] };
    expect(() => importPostman(collection([item]), { bases })).toThrow(/nested more than 32/);
    expect(() => importPostman(' '.repeat(5 * 1024 * 1024 + 1), { bases })).toThrow(/limit/);
  });

  it('drops a variable whose value holds a configured secret, and secret-typed variables', () => {
    const r = importPostman(
      collection([], {
        variable: [
          { key: 'a', value: 'has-SECRET-inside' },
          { key: 'b', value: 'x', type: 'secret' },
          { key: 'c', value: 3 },
          { key: 'bad name', value: 'x' },
        ],
      }),
      { bases, secrets: ['SECRET'] },
    );
    expect(r.collection.variables).toEqual([{ name: 'c', value: '3' }]);
    expect(r.dropped.map((d) => d.what)).toEqual(['the variable a', 'the variable b', 'the variable bad name']);
    expect(JSON.stringify(r)).not.toContain('SECRET');
  });
});

describe('printPostman', () => {
  it('writes v2.1 with the base in each URL and capture rules as a test script Postman runs', () => {
    const c = importPostman(fixture('postman-qredo.postman_collection.json'), { bases }).collection;
    const out = JSON.parse(printPostman(c, bases).text);
    expect(out.info).toEqual({ name: 'Qredo API v1', schema: POSTMAN_SCHEMA_V21 });
    const tx = out.item[1].item[0];
    expect(tx.request.url).toBe('https://sandbox-api.qredo.network/qapi/v1/transaction');
    expect(tx.event[0].script.exec).toEqual([
      '// Capture rules of the Qredo API Playground',
      'pm.collectionVariables.set("tx_id", pm.response.json().txID);',
    ]);
  });

  it('export then import is the identity on what Postman can carry (property)', () => {
    fc.assert(
      fc.property(collectionArbFor({ postman: true }), (c) => {
        const printed = printPostman(c, bases, PARTNER_BASES);
        expect(printed.notes).toEqual([]);
        const back = importPostman(printed.text, { bases, partnerBases: PARTNER_BASES });
        expect(back.collection).toEqual(c);
        expect(back.dropped).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('lists what Postman has no place for', () => {
    const c = collectionOf([savedRequest({ demoKey: 'read-only' })]);
    expect(printPostman(c, bases).notes).toEqual([
      '"r": the demo key and timestamp unit have no place in a Postman collection.',
    ]);
  });
});

describe('importPostman never crashes', () => {
  const onlyImportErrors = (text: string) => {
    try {
      const r = importPostman(text, { bases });
      expect(CollectionSchema.safeParse(r.collection).success).toBe(true);
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
    }
  };
  it('on arbitrary JSON and on collection-shaped JSON', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), onlyImportErrors), { numRuns: 2000 });
    const kv = fc.record(
      {
        key: fc.oneof(fc.string(), fc.constant('qredo-api-sig')),
        value: fc.jsonValue({ maxDepth: 1 }),
        disabled: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const item = fc.letrec<{ item: unknown }>((tie) => ({
      item: fc.oneof(
        { depthSize: 'small' },
        fc.record(
          {
            name: fc.oneof(fc.string(), fc.integer()),
            request: fc.oneof(
              fc.string(),
              fc.record(
                {
                  method: fc.string(),
                  header: fc.oneof(fc.array(kv), fc.string()),
                  url: fc.oneof(
                    fc.string(),
                    fc.record(
                      { raw: fc.string(), host: fc.array(fc.string()), variable: fc.array(kv), query: fc.array(kv) },
                      { requiredKeys: [] },
                    ),
                  ),
                  body: fc.record(
                    {
                      mode: fc.constantFrom('raw', 'urlencoded', 'formdata', 'x'),
                      raw: fc.string(),
                      urlencoded: fc.array(kv),
                    },
                    { requiredKeys: [] },
                  ),
                },
                { requiredKeys: [] },
              ),
            ),
            event: fc.array(
              fc.record({
                listen: fc.constantFrom('test', 'prerequest'),
                script: fc.record({ exec: fc.array(fc.string()) }),
              }),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.record({ name: fc.string(), item: fc.array(tie('item'), { maxLength: 3 }) }),
      ),
    }));
    fc.assert(
      fc.property(fc.array(item.item, { maxLength: 4 }), fc.array(kv, { maxLength: 3 }), (items, variable) =>
        onlyImportErrors(collection(items, { variable })),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('Partner API requests in a Postman collection', () => {
  it('are written at the Partner API base and read back as Partner API requests', () => {
    const c = collectionOf([
      savedRequest({ name: 'Assets', scheme: 'partner', path: '/assets', partnerKey: 'partner-fresh' }),
    ]);
    const printed = printPostman(c, bases, PARTNER_BASES);
    expect(JSON.parse(printed.text).item[0].request.url).toBe('http://127.0.0.1:8002/api/v1/p/assets');
    expect(printed.notes).toEqual(['"Assets": the demo partner and nonce mode have no place in a Postman collection.']);
    const back = importPostman(printed.text, { bases, partnerBases: PARTNER_BASES });
    expect(back.collection.items[0]).toMatchObject({ scheme: 'partner', environment: 'mock', path: '/assets' });
  });
});
