import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listKeysJson, parseArgs } from './cli-args.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('mock command-line arguments', () => {
  it('defaults to MOCK_PORT, else 8002, on 127.0.0.1', () => {
    expect(parseArgs([], {})).toEqual({ kind: 'serve', port: 8002, host: '127.0.0.1' });
    expect(parseArgs([], { MOCK_PORT: '9100' })).toEqual({ kind: 'serve', port: 9100, host: '127.0.0.1' });
    expect(parseArgs(['--port', '9200'], { MOCK_PORT: '9100' })).toEqual({
      kind: 'serve',
      port: 9200,
      host: '127.0.0.1',
    });
    expect(parseArgs(['--port=0', '--host', '::1'], {})).toEqual({ kind: 'serve', port: 0, host: '::1' });
    expect(parseArgs(['--list-keys'], {})).toEqual({ kind: 'list-keys' });
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
    expect(keys.map((k) => k.scheme)).toEqual(['v1', 'v1', 'v1', 'v1', 'v1', 'partner', 'partner', 'partner']);
    for (const k of keys.filter((k) => k.scheme === 'v1'))
      expect(Object.keys(k)).toEqual(expect.arrayContaining(['keyId', 'secret', 'permissions', 'description']));
    for (const k of keys.filter((k) => k.scheme === 'partner')) {
      expect(Object.keys(k)).toEqual(expect.arrayContaining(['id', 'apiKey', 'privateKeyPem', 'publicKeyPem']));
      expect(k.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    }
  });
});

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
    expect(JSON.parse(list.stdout)).toHaveLength(8);

    const bad = await run(['--port', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a port number/);

    const serve = await run(['--port', '0']);
    expect(serve.stdout).toMatch(/^Qredo API v1 mock listening at http:\/\/127\.0\.0\.1:\d+\/qapi\/v1\n$/);
    expect(serve.code).toBe(0);
  }, 30_000);
});
