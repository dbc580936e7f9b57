import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import vectors from '../core/fixtures/vectors.json' with { type: 'json' };
import { runCli } from './cli.ts';
import { openHistoryStore } from './history/store.ts';
import { findDemoKey } from './mock/keys.ts';
import { startMockServer } from './mock/server.ts';
import { memoryIo } from '../test-support/cli-io.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

const io = memoryIo;

const v = vectors.find((x) => x.name === 'post-json-compact')!;
const pretty = vectors.find((x) => x.name === 'post-json-pretty-whitespace')!;

describe('cli verify', () => {
  it('exits 0 with valid:true for a correct vector', async () => {
    const { value, out } = io({ QREDO_API_SECRET: v.secret }, { '/b': Buffer.from(v.body!, 'utf8') });
    const code = await runCli(
      [
        'verify',
        '--timestamp',
        v.timestamp,
        '--method',
        v.method,
        '--url',
        v.url,
        '--signature',
        v.signature,
        '--body-file',
        '/b',
        '--json',
      ],
      value,
    );
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({ valid: true, expected: v.signature, causes: [] });
  });

  it('exits 1 and names the re-serialized body with certainty', async () => {
    // The compact body was signed; the pretty one was sent.
    const { value, out } = io({ QREDO_API_SECRET: v.secret }, { '/b': Buffer.from(pretty.body!, 'utf8') });
    const code = await runCli(
      [
        'verify',
        '--timestamp',
        v.timestamp,
        '--method',
        'POST',
        '--url',
        v.url,
        '--signature',
        v.signature,
        '--body-file',
        '/b',
        '--json',
      ],
      value,
    );
    expect(code).toBe(1);
    const json = JSON.parse(out.join('\n'));
    expect(json.valid).toBe(false);
    expect(json.expected).toBe(pretty.signature);
    expect(json.causes[0]).toEqual({
      id: 'body-reserialized',
      title: expect.any(String),
      detail: expect.any(String),
      certain: true,
    });
    expect(Object.keys(json).sort()).toEqual(['causes', 'expected', 'valid']);
  });

  it('explains in text, and reports an expired timestamp unless told to ignore the window', async () => {
    const old = vectors.find((x) => x.name === 'get-no-body-seconds')!;
    const args = [
      'verify',
      '--timestamp',
      old.timestamp,
      '--method',
      'GET',
      '--url',
      old.url,
      '--signature',
      old.signature,
    ];
    const a = io({ QREDO_API_SECRET: old.secret });
    expect(await runCli(args, a.value)).toBe(1);
    expect(a.out.join('\n')).toMatch(/timestamp-expired/);
    const b = io({ QREDO_API_SECRET: old.secret });
    expect(await runCli([...args, '--ignore-window'], b.value)).toBe(0);
    expect(b.out.join('\n')).toMatch(/valid/);
  });

  it('reads a pasted cURL command from --capture-file', async () => {
    const g = vectors.find((x) => x.name === 'get-query-string')!;
    const curl = `curl '${g.url}' -H 'qredo-api-key: k' -H 'qredo-api-ts: ${g.timestamp}' -H 'qredo-api-sign: ${g.signature}'`;
    const { value, out } = io({ QREDO_API_SECRET: g.secret }, { '/c': Buffer.from(curl) });
    expect(await runCli(['verify', '--capture-file', '/c', '--json'], value)).toBe(1);
    expect(JSON.parse(out.join('\n')).causes[0]).toMatchObject({ id: 'header-misspelt', certain: true });
  });

  it.each([
    [['verify', '--method', 'GET'], /--timestamp is required/],
    [
      ['verify', '--timestamp', '1', '--method', 'GET', '--url', 'u', '--signature', 's', '--secret', 'x'],
      /never taken from an argument/,
    ],
    [['verify', '--timestamp', '1', '--method', 'GET', '--url', 'u', '--signature', 's'], /No secret/],
  ])('refuses %j with exit 2', async (args, message) => {
    const { value, err } = io();
    expect(await runCli(args, value)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('works as a real process with its exit code', () => {
    const g = vectors.find((x) => x.name === 'apitool-readme-get-balance')!;
    const run = (sig: string) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'server/cli.ts',
          'verify',
          '--timestamp',
          g.timestamp,
          '--method',
          'GET',
          '--url',
          g.url,
          '--signature',
          sig,
          '--ignore-window',
          '--json',
        ],
        {
          env: { ...process.env, QREDO_API_SECRET: g.secret },
          encoding: 'utf8',
        },
      );
    const ok = run(g.signature);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).valid).toBe(true);
    const bad = run(`${g.signature}=`);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).causes[0].id).toBe('signature-padded');
  }, 30_000);
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('cli send', () => {
  it('starts the mock in-process, signs, sends, prints the answer and records it in history', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const { value, out, err } = io({ MOCK_PORT: String(port) }, {}, Date.now);
    const code = await runCli(
      ['send', '--env', 'mock', '--method', 'GET', '--path', '/balance', '--data-dir', dataDir],
      value,
    );
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/HTTP 200/);
    expect(out.join('\n')).toMatch(/"assets"|"BTC"|\{/);
    const store = openHistoryStore({ dir: dataDir });
    try {
      expect(store.count()).toBe(1);
      const listed = store.list({ limit: 10, offset: 0 });
      expect(listed.entries[0]).toMatchObject({ environment: 'mock', method: 'GET', path: '/balance', status: 200 });
    } finally {
      store.close();
    }
  });

  it('uses a mock already listening on MOCK_PORT, with the chosen demo key and a body file', async () => {
    const mock = await startMockServer({ port: 0 });
    try {
      const dataDir = tempDir();
      const body =
        '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000","gasPrice":"2100","chainID":"1"}';
      const { value, out } = io({ MOCK_PORT: String(mock.port) }, { '/b': Buffer.from(body) }, Date.now);
      const code = await runCli(
        [
          'send',
          '--env',
          'mock',
          '--method',
          'POST',
          '--path',
          '/transaction',
          '--body-file',
          '/b',
          '--demo-key',
          'read-only',
          '--data-dir',
          dataDir,
          '--json',
        ],
        value,
      );
      const entry = JSON.parse(out.join('\n'));
      expect(entry.keyId).toBe(findDemoKey('read-only').keyId);
      expect(entry.response.status).toBe(403);
      expect(code).toBe(1);
      expect(JSON.stringify(entry)).not.toContain(findDemoKey('read-only').secret);
    } finally {
      await mock.close();
    }
  });

  it.each([
    [['send', '--env', 'moon', '--path', '/balance'], /--env must be/],
    [['send', '--env', 'mock'], /--path is required/],
    [['send', '--env', 'mock', '--path', '/balance', '--demo-key', 'nobody'], /--demo-key must be one of/],
  ])('refuses %j with exit 2', async (args, message) => {
    const { value, err } = io();
    expect(await runCli(args, value)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('refuses a POST to production without --confirm, before any credentials are needed', async () => {
    const { value, err } = io({ PLAYGROUND_DATA_DIR: tempDir() });
    expect(await runCli(['send', '--env', 'production', '--method', 'POST', '--path', '/transaction'], value)).toBe(1);
    expect(err.join('\n')).toMatch(/confirm/);
  });
});
