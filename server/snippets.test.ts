/** Runs the generated cURL, Python, Node and Go snippets against the embedded mock: each must get a 200. */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnippets, type SnippetInput } from '../core/snippets/index.ts';
import { buildStringToSign, decodeSecret, formatTimestamp, sign } from '../core/signing/index.ts';
import { nodeHmac } from './crypto.ts';
import { findDemoKey } from './mock/keys.ts';
import { startMockServer, type MockServer } from './mock/server.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

const key = findDemoKey('full');
let mock: MockServer;
const dir = tempDir('playground-snippets-');

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

const has = (cmd: string) =>
  spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0 ||
  spawnSync(cmd, ['version'], { encoding: 'utf8' }).status === 0;
const hasGo = has('go');
// The test command installs Debian's golang-go (scripts/ensure-tools.sh): under CI the Go snippet must run.
const goRequired = process.env.CI !== undefined;
if (!hasGo && !goRequired)
  console.warn('[snippets] Go is not installed: the Go snippet is not run (npm test installs it).');

async function input(path: string, method: string, body: string | null): Promise<SnippetInput> {
  const decoded = decodeSecret(key.secret);
  if (!decoded.ok) throw new Error(decoded.error);
  const url = `${mock.baseUrl}${path}`;
  const timestamp = formatTimestamp(Date.now());
  const signature = await sign(nodeHmac, decoded.key, buildStringToSign({ timestamp, method, url, body }));
  return { url, method, body, keyId: key.keyId, timestamp, signature: signature.value };
}

const TX_BODY = JSON.stringify({
  from: '0x84CE2138E54b1852689132FD73dDC4D3973a44B8',
  to: '0x000000000000000000000000000000000000dEaD',
  value: '100',
  gasLimit: '21000',
  gasPrice: '2100',
  chainID: '1',
  note: 'Zahlung für Café ☕ – it\'s "quoted" \\ 🚀',
});

/** Asynchronous on purpose: the mock answers from this same process, so the event loop must run. */
function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { encoding: 'utf8', env: { ...process.env, QREDO_API_SECRET: key.secret, ...env }, timeout: 100_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe.each([
  ['GET /balance', '/balance', 'GET', null],
  ['POST /transaction with a non-ASCII body', '/transaction', 'POST', TX_BODY],
] as const)('snippets for %s run against the mock', (_label, path, method, body) => {
  it('cURL', async () => {
    const s = allSnippets(await input(path, method, body));
    const file = join(dir, `req-${method}.sh`);
    writeFileSync(file, s.curl);
    const r = await run('bash', [file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('Python (standard library)', async () => {
    const i = await input(path, method, body);
    const file = join(dir, `req_${method}.py`);
    writeFileSync(file, allSnippets(i).python);
    const r = await run('python3', [file]);
    expect(r.stdout).toMatch(/^200 OK/);
    // Pinned to the playground's timestamp, it reproduces the playground's signature.
    const pinned = await run('python3', [file], { QREDO_TIMESTAMP: i.timestamp });
    expect(pinned.stderr).toContain(`qredo-api-sig: ${i.signature}`);
  });

  it('Node (no dependencies)', async () => {
    const i = await input(path, method, body);
    const file = join(dir, `req-${method}.mjs`);
    writeFileSync(file, allSnippets(i).node);
    const r = await run(process.execPath, [file], { QREDO_TIMESTAMP: i.timestamp });
    expect(r.stdout).toMatch(/^200 OK/);
    expect(r.stderr).toContain(`qredo-api-sig: ${i.signature}`);
  });

  it.skipIf(!hasGo && !goRequired)(
    'Go (net/http)',
    async () => {
      const i = await input(path, method, body);
      const file = join(dir, `req_${method}.go`);
      writeFileSync(file, allSnippets(i).go);
      const r = await run('go', ['run', file], { QREDO_TIMESTAMP: i.timestamp });
      expect(r.stdout).toMatch(/^200 OK/);
      expect(r.stderr).toContain(`qredo-api-sig: ${i.signature}`);
    },
    120_000,
  );
});
