import { ifAssigned } from '../../test-support/assigned.ts';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectionDetail, ExportResponse, ImportResponse, type TreeItem } from '../../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';

let p: TestPlayground;
afterEach(async () => ifAssigned(p)?.close());

const fixture = (name: string) =>
  readFileSync(new URL(`../../core/workbench/fixtures/${name}`, import.meta.url), 'utf8');

/** A playground whose mock base is the one apitool's files name (nothing is sent in these tests). */
const start = (env: Record<string, string> = {}) =>
  startTestPlayground({
    env,
    config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, mock: 'http://127.0.0.1:8002/qapi/v1' } }),
  });

async function importing(body: Record<string, unknown>): Promise<ImportResponse> {
  const r = await p.call('POST', '/api/import', { body });
  expect(r.status, r.text).toBe(201);
  return ImportResponse.parse(r.json);
}

async function detail(id: number): Promise<CollectionDetail> {
  return CollectionDetail.parse((await p.call('GET', `/api/collections/${id}`)).json);
}

/** The saved requests without their places, as core/workbench's SavedRequest. */
function requests(items: TreeItem[]): unknown[] {
  return items.flatMap((i): unknown[] => {
    if (i.type === 'folder') return [{ folder: i.name, items: requests(i.items) }];
    const { id: _i, collectionId: _c, folderId: _f, position: _p, createdAt: _a, updatedAt: _u, ...saved } = i;
    return [saved];
  });
}

const THREE = `@wallet = 0x000000000000000000000000000000000000dEaD
@note = café ☕

### Balance
GET {{base}}/balance
Accept: application/json

### New transaction
# @name newTransaction
POST {{base}}/transaction
Content-Type: application/json

{
  "to": "{{wallet}}",
  "note": "{{note}}"
}

> {% client.global.set("tx_id", response.body.txID); %}

### Status of the transaction
GET {{base}}/transactions/{{tx_id}}/status
`;

const THREE_ENV = JSON.stringify({
  sandbox: { base: 'https://sandbox-api.qredo.network/qapi/v1', tx_id: 'TX-from-env' },
  local: { base: 'http://127.0.0.1:8002/qapi/v1' },
});

describe('importing files', () => {
  it("imports apitool's api.http with its env file: the three signature headers dropped, reported", async () => {
    p = await start();
    const r = await importing({
      text: fixture('apitool/api.http'),
      fileName: 'api.http',
      envFile: fixture('apitool/http-client.env.json'),
    });
    expect(r.collection).toMatchObject({ name: 'api', requests: 1 });
    expect(r.imported).toEqual([{ name: 'GET /balance', method: 'GET', path: '/balance', environment: 'mock' }]);
    expect(
      r.dropped.filter((d) => d.what.startsWith('header')).map((d) => d.what.split(' ')[1]!.toLowerCase()),
    ).toEqual(['qredo-api-key', 'qredo-api-ts', 'qredo-api-sig']);
    expect(r.notes[0]).toBe('Read as an HTTP request file (.http).');
    const stored = await detail(r.collection.id);
    expect(requests(stored.items)).toEqual([
      {
        type: 'request',
        name: 'GET /balance',
        method: 'GET',
        path: '/balance',
        headers: [],
        body: null,
        environment: 'mock',
        captures: [],
      },
    ]);
  });

  it("imports apitool's keymgmt.http: requests outside every base are kept with a note, the token is not", async () => {
    p = await start();
    const r = await importing({
      text: fixture('apitool/keymgmt.http'),
      fileName: 'keymgmt.http',
      envFile: fixture('apitool/http-client.env.json'),
      collection: 'apitool',
    });
    expect(r.imported.map((q) => `${q.method} ${q.path} ${q.environment}`)).toEqual([
      'GET /api/v1/apikey null',
      'POST /api/v1/apikey null',
      'PUT /api/v1/apikey/BlU_aOdfecoGhw null',
      'DELETE /api/v1/apikey/keB5uAJoumlQbA null',
    ]);
    expect(r.notes.filter((n) => n.includes("outside every environment's base"))).toHaveLength(4);
    expect(r.dropped.map((d) => d.what)).toContain('the variable token (environment user-api)');
    expect((await detail(r.collection.id)).variables).toEqual([{ name: 'host', value: '127.0.0.1:8002' }]);
    // Into the same named collection again: added at its end.
    const again = await importing({ text: fixture('apitool/api.http'), collection: 'APITOOL' });
    expect(again.collection).toMatchObject({ id: r.collection.id, requests: 5 });
    expect(again.notes).toContain('Added at the end of the collection "apitool".');
  });

  it('imports a .http file of three requests with file variables and an env file', async () => {
    p = await start();
    const r = await importing({ text: THREE, fileName: 'flows.http', envFile: THREE_ENV, envName: 'sandbox' });
    expect(r.imported).toEqual([
      { name: 'Balance', method: 'GET', path: '/balance', environment: 'sandbox' },
      { name: 'newTransaction', method: 'POST', path: '/transaction', environment: 'sandbox' },
      {
        name: 'Status of the transaction',
        method: 'GET',
        path: '/transactions/{{tx_id}}/status',
        environment: 'sandbox',
      },
    ]);
    const stored = await detail(r.collection.id);
    expect(stored.name).toBe('flows');
    expect(stored.variables).toEqual(
      expect.arrayContaining([
        { name: 'wallet', value: '0x000000000000000000000000000000000000dEaD' },
        { name: 'note', value: 'café ☕' },
        { name: 'tx_id', value: 'TX-from-env' },
      ]),
    );
    const [, tx] = requests(stored.items) as Array<Record<string, unknown>>;
    expect(tx).toMatchObject({
      body: '{\n  "to": "{{wallet}}",\n  "note": "{{note}}"\n}',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      captures: [{ variable: 'tx_id', from: 'body', path: '$.txID' }],
    });
    // The other environment of the env file is the mock.
    const local = await importing({ text: THREE, fileName: 'flows.http', envFile: THREE_ENV, envName: 'local' });
    expect(local.collection.name).toBe('flows (2)');
    expect(local.imported.map((q) => q.environment)).toEqual(['mock', 'mock', 'mock']);
    expect(local.notes).toContain('A collection named "flows" exists already; this one is "flows (2)".');
  });

  it('imports a Postman v2.1 collection with its folders, by its content', async () => {
    p = await start();
    const r = await importing({ text: fixture('postman-qredo.postman_collection.json') });
    expect(r.notes[0]).toBe('Read as a Postman v2.1 collection.');
    expect(r.collection).toMatchObject({ name: 'Qredo API v1', requests: 5, folders: 2 });
    expect(r.imported.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /balance',
      'GET /funds?archived=true',
      'GET /funds/2AbCdEfGhIjKlMnOpQrStUvWxYz/wallets',
      'POST /transaction',
      'GET /transactions/{{tx_id}}/status',
    ]);
    expect(r.dropped.map((d) => d.what)).toEqual(
      expect.arrayContaining(['header qredo-api-sig of request "Read-only / Balance"', 'the variable apiSecret']),
    );
    const stored = await detail(r.collection.id);
    expect(stored.items.map((i) => i.name)).toEqual(['Read-only', 'Web3']);
    expect(JSON.stringify(stored)).not.toContain('sandboxKeyId01');
  });

  it('refuses files it cannot read with 400 and stores nothing', async () => {
    p = await start();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ text: '{ not json', fileName: 'x.json' }, /not valid JSON/],
      [{ text: '{"hello": 1}' }, /neither a playground collection/],
      [{ text: '{"format": "qredo-playground-collection", "version": 9}' }, /version 9, newer/],
      [{ text: '{"info": {"name": "v1"}, "requests": []}' }, /Postman v1 collection/],
      [{ text: THREE, envFile: THREE_ENV, envName: 'staging' }, /no environment "staging"/],
    ];
    for (const [body, message] of cases) {
      const r = await p.call('POST', '/api/import', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code).toBe('import-failed');
      expect(r.json.error.message).toMatch(message);
    }
    const big = await p.call('POST', '/api/import', { body: { text: 'x'.repeat(5 * 1024 * 1024 + 1) } });
    expect(big.status).toBe(400);
    expect(big.json.error.message).toMatch(/at most 5242880 characters/);
    expect((await p.call('GET', '/api/collections')).json.collections).toEqual([]);
  });

  it('leaves out a header or a request holding a configured secret, and says so', async () => {
    const key = '$2a$10$ImportTestSecretForThePlaygroundOnly.0123456789abcdefgh';
    const secret = Buffer.from(key).toString('base64');
    p = await start({ QREDO_SANDBOX_API_KEY: 'importKeyId001', QREDO_SANDBOX_API_SECRET: secret });
    const text = `@pasted = ${secret}

### Balance
GET https://sandbox-api.qredo.network/qapi/v1/balance
X-Note: ${key}

### Leaky
POST https://sandbox-api.qredo.network/qapi/v1/transaction

{"secret": "${secret}"}
`;
    const r = await importing({ text });
    expect(r.imported.map((q) => q.name)).toEqual(['Balance']);
    expect(r.dropped.map((d) => d.what)).toEqual(
      expect.arrayContaining(['the variable pasted (line 1)', 'header X-Note of request "Balance"', 'request "Leaky"']),
    );
    const stored = await detail(r.collection.id);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(p.answers.join('\n')).not.toContain(secret);
    expect(p.answers.join('\n')).not.toContain(key);
  });
});

describe('exporting files', () => {
  it('round-trips a collection through each format: export, then import gives the same requests', async () => {
    p = await start();
    const made = await importing({ text: THREE, fileName: 'flows.http', envFile: THREE_ENV, envName: 'sandbox' });
    const folder = await p.call('POST', `/api/collections/${made.collection.id}/items`, {
      body: { item: { type: 'folder', name: 'More' } },
    });
    await p.call('POST', `/api/collections/${made.collection.id}/items`, {
      body: {
        folderId: folder.json.id,
        item: {
          type: 'request',
          name: 'Funds',
          method: 'GET',
          path: '/funds?archived=true',
          headers: [{ name: 'Accept', value: 'application/json' }],
          body: null,
          environment: 'mock',
          demoKey: 'read-only',
          captures: [{ variable: 'fund_id', from: 'body', path: '$.funds[0].id' }],
        },
      },
    });
    const original = await detail(made.collection.id);

    const exported = async (format: string) => {
      const r = await p.call('GET', `/api/collections/${made.collection.id}/export?format=${format}`);
      expect(r.status, r.text).toBe(200);
      return ExportResponse.parse(r.json);
    };

    // The playground's own format keeps everything.
    const json = await exported('json');
    expect(json).toMatchObject({ fileName: 'flows.collection.json', mediaType: 'application/json', notes: [] });
    const back = await importing({ text: json.text, collection: 'from json' });
    const again = await detail(back.collection.id);
    expect(requests(again.items)).toEqual(requests(original.items));
    expect(again.variables).toEqual(original.variables);

    // .http flattens folders into names; Postman keeps folders but not the demo key.
    const http = await exported('http');
    expect(http.fileName).toBe('flows.http');
    expect(http.notes.join('\n')).toMatch(/folders are written into the request's name/);
    const fromHttp = await importing({ text: http.text, fileName: http.fileName, collection: 'from http' });
    expect(fromHttp.imported.map((q) => [q.name, q.method, q.path, q.environment])).toEqual([
      ['Balance', 'GET', '/balance', 'sandbox'],
      ['newTransaction', 'POST', '/transaction', 'sandbox'],
      ['Status of the transaction', 'GET', '/transactions/{{tx_id}}/status', 'sandbox'],
      ['More / Funds', 'GET', '/funds?archived=true', 'mock'],
    ]);
    const postman = await exported('postman');
    expect(postman.fileName).toBe('flows.postman_collection.json');
    expect(postman.notes.join('\n')).toMatch(/demo key/);
    const fromPostman = await importing({ text: postman.text, collection: 'from postman' });
    const viaPostman = await detail(fromPostman.collection.id);
    expect(viaPostman.items.map((i) => i.name)).toEqual([
      'Balance',
      'newTransaction',
      'Status of the transaction',
      'More',
    ]);
    expect(fromPostman.imported.map((q) => q.path)).toEqual(fromHttp.imported.map((q) => q.path));

    expect((await p.call('GET', `/api/collections/${made.collection.id}/export?format=har`)).status).toBe(400);
    expect((await p.call('GET', '/api/collections/999/export?format=json')).status).toBe(404);
  });
});
