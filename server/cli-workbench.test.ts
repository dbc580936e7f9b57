import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportResponse } from '../core/contract.ts';
import { parseCollection, savedRequests } from '../core/workbench/collection.ts';
import { runCli } from './cli.ts';
import { memoryIo } from '../test-support/cli-io.ts';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

const fixture = (name: string) => readFileSync(new URL(`../core/workbench/fixtures/${name}`, import.meta.url));

const THREE = Buffer.from(`@wallet = 0x000000000000000000000000000000000000dEaD

### Balance
GET {{base}}/balance

### New transaction
POST {{base}}/transaction
Content-Type: application/json

{"to": "{{wallet}}"}

### Status
GET {{base}}/transactions/{{tx_id}}/status
`);
const THREE_ENV = Buffer.from(
  JSON.stringify({
    local: { base: 'http://127.0.0.1:8002/qapi/v1', tx_id: 'TX-1' },
    sandbox: { base: 'https://sandbox-api.qredo.network/qapi/v1' },
  }),
);

const files = {
  '/in/api.http': fixture('apitool/api.http'),
  '/in/http-client.env.json': fixture('apitool/http-client.env.json'),
  '/in/flows.http': THREE,
  '/in/flows.env.json': THREE_ENV,
  '/in/qredo.postman_collection.json': fixture('postman-qredo.postman_collection.json'),
  '/in/latin1.http': Buffer.from([0x47, 0x45, 0x54, 0x20, 0x2f, 0xe9]),
};

let p: TestPlayground | undefined;
afterEach(async () => p?.close());

async function cli(dir: string, args: string[]) {
  const io = memoryIo({ PLAYGROUND_DATA_DIR: dir }, files);
  const code = await runCli(args, io.value);
  return { code, out: io.out.join('\n'), err: io.err.join('\n') };
}

describe('cli import and export', () => {
  it("imports apitool's api.http with --json: one JSON object, the signature headers dropped", async () => {
    const dir = tempDir();
    const r = await cli(dir, ['import', '/in/api.http', '--env-file', '/in/http-client.env.json', '--json']);
    expect(r.code, r.err).toBe(0);
    const answer = JSON.parse(r.out) as unknown;
    expect(Object.keys(answer as object)).toEqual(['collection', 'imported', 'dropped', 'notes']);
    const parsed = ImportResponse.parse(answer);
    expect(parsed.collection).toMatchObject({ name: 'api', requests: 1 });
    expect(parsed.imported).toEqual([{ name: 'GET /balance', method: 'GET', path: '/balance', environment: 'mock' }]);
    const headers = parsed.dropped.filter((d) => d.what.startsWith('header'));
    expect(headers.map((d) => d.what.split(' ').slice(0, 2).join(' ').toLowerCase())).toEqual([
      'header qredo-api-key',
      'header qredo-api-ts',
      'header qredo-api-sig',
    ]);
    expect(parsed.dropped.map((d) => d.what)).toContain('the variable token (environment user-api)');

    // The same database as the server's.
    p = await startTestPlayground({ dataDir: dir });
    expect((await p.call('GET', '/api/collections')).json.collections).toMatchObject([{ name: 'api', requests: 1 }]);
  });

  it('imports a .http file with an env file into a named collection, and prints a summary', async () => {
    const dir = tempDir();
    const r = await cli(dir, [
      'import',
      '/in/flows.http',
      '--env-file',
      '/in/flows.env.json',
      '--env-name',
      'local',
      '--collection',
      'Flows',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Imported 3 requests into the collection "Flows" (3 in all).');
    expect(r.out).toContain('  POST /transaction  [mock]  New transaction');
    expect(r.out).toContain('  GET /transactions/{{tx_id}}/status  [mock]  Status');
    const postman = await cli(dir, ['import', '/in/qredo.postman_collection.json', '--collection', 'Flows', '--json']);
    expect(postman.code, postman.err).toBe(0);
    expect(JSON.parse(postman.out).collection).toMatchObject({ name: 'Flows', requests: 8, folders: 2 });
  });

  it('exports a collection to standard output, and the export reads back the same', async () => {
    const dir = tempDir();
    await cli(dir, ['import', '/in/flows.http', '--env-file', '/in/flows.env.json', '--collection', 'Flows']);
    const json = await cli(dir, ['export', '--collection', 'flows', '--format', 'json']);
    expect(json.code, json.err).toBe(0);
    const collection = parseCollection(json.out + '\n');
    expect(collection.name).toBe('Flows');
    expect(
      savedRequests(collection).map((r) => `${r.request.method} ${r.request.path} ${r.request.environment}`),
    ).toEqual(['GET /balance mock', 'POST /transaction mock', 'GET /transactions/{{tx_id}}/status mock']);

    const http = await cli(dir, ['export', '--collection', 'Flows', '--format', 'http']);
    expect(http.out).toMatch(/^@wallet = 0x0+dEaD\n/);
    expect(http.out).toContain('POST http://127.0.0.1:8002/qapi/v1/transaction');
    const postman = await cli(dir, ['export', '--collection', 'Flows', '--format', 'postman']);
    expect(JSON.parse(postman.out).info.name).toBe('Flows');

    // Round trip: the exported file imported again as another collection.
    const io = memoryIo({ PLAYGROUND_DATA_DIR: dir }, { '/out/flows.collection.json': Buffer.from(json.out) });
    expect(await runCli(['import', '/out/flows.collection.json', '--collection', 'Copy', '--json'], io.value)).toBe(0);
    expect(JSON.parse(io.out.join('\n')).imported).toEqual(
      savedRequests(collection).map(({ request: r }) => ({
        name: r.name,
        method: r.method,
        path: r.path,
        environment: r.environment,
      })),
    );
  });

  it.each([
    [['import'], 2, /one FILE/],
    [['import', '/in/a', '/in/b'], 2, /one FILE/],
    [['import', '/in/api.http', '--format', 'har'], 2, /--format must be one of http, postman, json/],
    [['import', '/in/api.http', '--nope'], 2, /Unknown option/],
    [['export', '--format', 'json'], 2, /--collection NAME is required/],
    [['export', '--collection', 'X'], 2, /--format is required/],
    [['import', '/in/missing.http'], 1, /ENOENT/],
    [['import', '/in/latin1.http'], 1, /not UTF-8|UTF-8/],
    [
      ['import', '/in/flows.http', '--env-file', '/in/flows.env.json', '--env-name', 'prod'],
      1,
      /no environment "prod"/,
    ],
    [['import', '/in/flows.http', '--collection', 'bad\nname'], 1, /control characters/],
    [['export', '--collection', 'Nowhere', '--format', 'http'], 1, /There is no collection named "Nowhere"/],
  ])('refuses %j with exit %i and a clear message', async (args, code, message) => {
    const r = await cli(tempDir(), args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});
