import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../core/signing/index.ts';
import { listKeysJson, parseArgs } from './cli-args.ts';
import { DEMO_KEYS } from './keys.ts';
import { startMockServer } from './server.ts';
import { signedRequest } from '../../test-support/mock-client.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('mock command-line arguments', () => {
  it('defaults to MOCK_PORT, else 8002, on 127.0.0.1', () => {
    expect(parseArgs([], {})).toEqual({ kind: 'serve', port: 8002, host: '127.0.0.1', seed: 0 });
    expect(parseArgs([], { MOCK_PORT: '9100' })).toEqual({ kind: 'serve', port: 9100, host: '127.0.0.1', seed: 0 });
    expect(parseArgs(['--port', '9200'], { MOCK_PORT: '9100' })).toEqual({
      kind: 'serve',
      port: 9200,
      host: '127.0.0.1',
      seed: 0,
    });
    expect(parseArgs(['--port=0', '--host', '::1'], {})).toEqual({ kind: 'serve', port: 0, host: '::1', seed: 0 });
    expect(parseArgs(['--list-keys'], {})).toEqual({ kind: 'list-keys' });
  });

  it('takes a seed, and --reset with the port of a running mock', () => {
    expect(parseArgs(['--seed', '42'], {})).toEqual({ kind: 'serve', port: 8002, host: '127.0.0.1', seed: 42 });
    expect(parseArgs(['--seed=4294967295'], {})).toMatchObject({ seed: 4294967295 });
    expect(parseArgs(['--reset'], { MOCK_PORT: '9100' })).toEqual({ kind: 'reset', port: 9100, host: '127.0.0.1' });
    expect(parseArgs(['--reset', '--port', '9300', '--host', 'localhost'], {})).toEqual({
      kind: 'reset',
      port: 9300,
      host: 'localhost',
    });
    expect(() => parseArgs(['--seed', '-1'], {})).toThrow(/--seed must be an integer from 0 to 4294967295/);
    expect(() => parseArgs(['--seed', '4294967296'], {})).toThrow(/--seed must be an integer/);
    expect(() => parseArgs(['--reset', '--seed', '1'], {})).toThrow(/--reset restores its own seed/);
    expect(() => parseArgs(['--reset', '--port', '0'], {})).toThrow(/--reset needs the port of the running mock/);
    expect(() => parseArgs(['--reset=yes'], {})).toThrow('--reset takes no value');
  });

  it('refuses bad arguments with a readable message', () => {
    expect(() => parseArgs(['--port'], {})).toThrow('--port needs a value');
    expect(() => parseArgs(['--port', 'abc'], {})).toThrow(/--port must be a port number from 0 to 65535; got "abc"/);
    expect(() => parseArgs(['--port', '70000'], {})).toThrow(/65535/);
    expect(() => parseArgs(['--verbose'], {})).toThrow('unknown argument "--verbose"');
    expect(() => parseArgs([], { MOCK_PORT: 'x' })).toThrow(/MOCK_PORT must be a port number/);
  });

  it('lists the keys as a JSON array: the v1 ones, then the Partner API ones', () => {
    const keys = JSON.parse(listKeysJson()) as Array<Record<string, unknown>>;
    expect(keys.map((k) => k.scheme)).toEqual([...DEMO_KEYS.map(() => 'v1'), 'partner', 'partner', 'partner']);
    for (const k of keys.filter((k) => k.scheme === 'v1'))
      expect(Object.keys(k)).toEqual(expect.arrayContaining(['keyId', 'secret', 'permissions', 'description']));
    for (const k of keys.filter((k) => k.scheme === 'partner')) {
      expect(Object.keys(k)).toEqual(expect.arrayContaining(['id', 'apiKey', 'privateKeyPem', 'publicKeyPem']));
      expect(k.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    }
  });
});

/** A port nothing listens on: bound for a moment, then released. */
async function freePort(): Promise<number> {
  const probe = await startMockServer({ port: 0 });
  const { port } = probe;
  await probe.close();
  return port;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      // Serving: once the line with the base URL is out, ask it to stop.
      if (stdout.includes('listening at')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('mock main', () => {
  it('prints the keys, exits 2 on bad arguments, and serves until SIGTERM', async () => {
    const list = await run(['--list-keys']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(DEMO_KEYS.length + 3);

    const bad = await run(['--port', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a port number/);

    const serve = await run(['--port', '0', '--seed', '5']);
    expect(serve.stdout).toMatch(/^Qredo API v1 mock listening at http:\/\/127\.0\.0\.1:\d+\/qapi\/v1 \(seed 5\)\n$/);
    expect(serve.code).toBe(0);
  }, 30_000);

  it('--reset resets the mock running on that port, and exits 1 when none answers', async () => {
    const now = 1_700_000_000_000;
    const mock = await startMockServer({ port: 0, now: () => now });
    try {
      const created = await signedRequest(mock.port, 'full', 'POST', '/transaction', {
        timestamp: formatTimestamp(now),
        body: '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000","chainID":"5"}',
      });
      expect(created.status).toBe(200);
      const done = await run(['--reset', '--port', String(mock.port)]);
      expect(done.stdout).toBe(`Reset the mock at http://127.0.0.1:${mock.port} to its seeded state (seed 0)\n`);
      expect(done.code).toBe(0);
      const after = await signedRequest(mock.port, 'full', 'GET', `/transactions/${created.json.txID}/status`, {
        timestamp: formatTimestamp(now),
      });
      expect(after.status).toBe(404);
    } finally {
      await mock.close();
    }
    const nobody = await run(['--reset', '--port', String(await freePort())]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^mock: no mock answers at http:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
  }, 30_000);
});
