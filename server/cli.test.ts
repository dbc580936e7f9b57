import { describe, expect, it } from 'vitest';
import vectors from '../core/fixtures/vectors.json' with { type: 'json' };
import { runCli } from './cli.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_FILE } from './security/launch-token.ts';
import { memoryIo, tempDir } from './test-support.ts';

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
