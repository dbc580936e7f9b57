import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vectors from '../core/fixtures/vectors.json' with { type: 'json' };
import { runCli } from './cli.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_FILE } from './security/launch-token.ts';
import { startMockServer } from './mock/server.ts';
import { memoryIo } from '../test-support/cli-io.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

const io = memoryIo;

describe('cli sign', () => {
  it.each(vectors.map((v) => [v.name, v] as const))(
    'reproduces vector %s with the body read as raw bytes',
    async (_n, v) => {
      const files: Record<string, Buffer> = v.body === null ? {} : { '/body': Buffer.from(v.body, 'utf8') };
      const { value, out } = io({ QREDO_API_SECRET: v.secret, QREDO_API_KEY: 'kid' }, files);
      const args = ['sign', '--timestamp', v.timestamp, '--method', v.method, '--url', v.url, '--json'];
      if (v.body !== null) args.push('--body-file', '/body');
      expect(await runCli(args, value)).toBe(0);
      const json = JSON.parse(out.join('\n'));
      expect(json).toEqual({
        stringToSign: v.stringToSign,
        signature: v.signature,
        headers: { 'qredo-api-key': 'kid', 'qredo-api-ts': v.timestamp, 'qredo-api-sig': v.signature },
      });
    },
  );

  it('reads the secret from --secret-file and uses the clock when no timestamp is pinned', async () => {
    const v = vectors[0]!;
    const { value, out } = io({}, { '/s': Buffer.from(`${v.secret}\n`) });
    expect(await runCli(['sign', '--method', 'GET', '--url', v.url, '--secret-file', '/s'], value)).toBe(0);
    expect(out.join('\n')).toContain('qredo-api-ts: 1700000000');
  });

  it.each([
    [['sign', '--method', 'GET', '--url', 'u', '--secret', 'abc'], /never taken from an argument/],
    [['sign', '--url', 'u'], /--method is required/],
    [['sign', '--method', 'GET', '--url', 'u'], /No secret/],
    [['sign', '--method', 'GET', '--url', 'u', '--timestamp', 'soon'], /decimal digits/],
    [['frobnicate'], /Unknown command/],
  ])('refuses %j with exit 2 and a message', async (args, message) => {
    const { value, err } = io();
    expect(await runCli(args, value)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('refuses an invalid secret with exit 1 and does not echo it', async () => {
    const { value, err } = io({ QREDO_API_SECRET: 'not base64 at all!' });
    expect(await runCli(['sign', '--method', 'GET', '--url', 'u'], value)).toBe(1);
    expect(err.join('\n')).toMatch(/not base64/);
    expect(err.join('\n')).not.toContain('not base64 at all!');
  });
});

describe('cli token', () => {
  it('prints the address with the token kept in the data folder, and --new replaces it', async () => {
    const dir = tempDir();
    const first = io({ PLAYGROUND_DATA_DIR: dir, PORT: '5180' });
    expect(await runCli(['token'], first.value)).toBe(0);
    const url = first.out[0]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:5180\/#token=[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8').trim()).toBe(url.split('#token=')[1]);
    const again = io({ PLAYGROUND_DATA_DIR: dir, PORT: '5180' });
    await runCli(['token'], again.value);
    expect(again.out[0]).toBe(url);
    const rotated = io({ PLAYGROUND_DATA_DIR: dir, PORT: '5180' });
    expect(await runCli(['token', '--new'], rotated.value)).toBe(0);
    expect(rotated.out[0]).not.toBe(url);
    expect(rotated.err.join()).toMatch(/new launch token/);
  });
});

describe('cli body files: the exact bytes are signed', () => {
  const v = vectors[0]!;
  const secretBytes = Buffer.from(v.secret, 'base64');
  /** The signature over timestamp + method + url and then the raw file bytes, computed apart from the CLI. */
  const expected = (file: Buffer) =>
    createHmac('sha256', secretBytes)
      .update(Buffer.concat([Buffer.from(`${v.timestamp}POST${v.url}`, 'utf8'), file]))
      .digest('base64url');
  const signArgs = [
    'sign',
    '--timestamp',
    v.timestamp,
    '--method',
    'POST',
    '--url',
    v.url,
    '--body-file',
    '/b',
    '--json',
  ];

  it('keeps a UTF-8 byte order mark at the start of the body', async () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
    const { value, out, err } = io({ QREDO_API_SECRET: v.secret }, { '/b': file });
    expect(await runCli(signArgs, value)).toBe(0);
    expect(err).toEqual([]);
    const json = JSON.parse(out.join('\n'));
    expect(json.stringToSign).toBe(`${v.timestamp}POST${v.url}\uFEFF{"a":1}`);
    expect(json.signature).toBe(expected(file));
  });

  it('keeps CRLF line endings', async () => {
    const file = Buffer.from('{\r\n  "a": 1\r\n}\r\n');
    const { value, out } = io({ QREDO_API_SECRET: v.secret }, { '/b': file });
    expect(await runCli(signArgs, value)).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json.stringToSign.endsWith('{\r\n  "a": 1\r\n}\r\n')).toBe(true);
    expect(json.signature).toBe(expected(file));
  });

  it('refuses a file that is not UTF-8, naming the byte offset, and signs nothing', async () => {
    // "café" saved as Latin-1: é is the single byte 0xE9 at offset 12.
    const file = Buffer.from([...Buffer.from('{"note":"caf'), 0xe9, ...Buffer.from('"}')]);
    const { value, out, err } = io({ QREDO_API_SECRET: v.secret }, { '/b': file });
    expect(await runCli(signArgs, value)).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/The body file \/b is not valid UTF-8 at byte offset 12 \(counting from 0\)/);
    expect(err.join('\n')).toContain('0xE9');
  });

  it('verify and send read body files the same way', async () => {
    const file = Buffer.from([0x7b, 0x80, 0x7d]);
    const verify = io({ QREDO_API_SECRET: v.secret }, { '/b': file });
    const args = ['verify', '--timestamp', v.timestamp, '--method', 'POST', '--url', v.url, '--signature', 'x'];
    expect(await runCli([...args, '--body-file', '/b'], verify.value)).toBe(1);
    expect(verify.err.join('\n')).toMatch(/not valid UTF-8 at byte offset 1/);
    const send = io({}, { '/b': file });
    expect(
      await runCli(
        ['send', '--env', 'mock', '--method', 'POST', '--path', '/transaction', '--body-file', '/b'],
        send.value,
      ),
    ).toBe(1);
    expect(send.err.join('\n')).toMatch(/not valid UTF-8 at byte offset 1/);
  });
});

describe('cli send with a byte order mark', () => {
  it('relays the very bytes it signed, and the mock accepts the signature', async () => {
    const mock = await startMockServer({ port: 0 });
    try {
      const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"value":"1"}\r\n')]);
      const { value, out } = io({ MOCK_PORT: String(mock.port) }, { '/b': file }, Date.now);
      const args = ['send', '--env', 'mock', '--method', 'POST', '--path', '/transaction', '--body-file', '/b'];
      await runCli([...args, '--data-dir', tempDir(), '--json'], value);
      const entry = JSON.parse(out.join('\n'));
      const sha = createHash('sha256').update(file).digest('hex');
      expect(entry.hashes).toEqual({ signedBodySha256: sha, sentBodySha256: sha });
      expect(entry.request.body).toBe('\uFEFF{"value":"1"}\r\n');
      // Whatever the mock thinks of the JSON, it did not refuse the signature.
      expect(entry.response.status).not.toBe(401);
    } finally {
      await mock.close();
    }
  });
});
