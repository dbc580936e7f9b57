/**
 * Runs the generated Partner API snippets (cURL, Node, Python with `cryptography`, Go with crypto/rsa)
 * against the embedded Partner API: each must get a 200, and pinned to the playground's timestamp or
 * nonce each must print the playground's signature. Under CI a missing toolchain fails; elsewhere the
 * snippet is skipped with a message.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPartnerPayload, formatPartnerTimestamp, type PartnerValueKind } from '../core/partner/index.ts';
import { allPartnerSnippets, PARTNER_SNIPPET_ENV, type PartnerSnippetInput } from '../core/snippets/index.ts';
import { base64url } from '../core/signing/index.ts';
import { nodeRsaSha256 } from './crypto.ts';
import { findPartnerDemoKey } from './mock/partner/keys.ts';
import { startMockServer, type MockServer } from './mock/server.ts';
import { tempDir } from '../test-support/temp-dirs.ts';
import { createPrivateKey } from 'node:crypto';

const partner = findPartnerDemoKey('partner-test-key');
const privateKey = createPrivateKey(partner.privateKeyPem);
const dir = tempDir('playground-partner-snippets-');
const KEY_FILE = join(dir, 'partner-key.pem');
writeFileSync(KEY_FILE, `# the vectors' public test key, which guards nothing\n${partner.privateKeyPem}`, {
  mode: 0o600,
});

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

const required = process.env.CI !== undefined;
const works = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const hasGo = works('go', ['version']);
/** The first Python 3 that imports `cryptography` (Debian's python3-cryptography is for /usr/bin/python3). */
const python = ['python3', '/usr/bin/python3'].find((p) => works(p, ['-c', 'import cryptography']));
if (!hasGo && !required)
  console.warn('[partner snippets] Go is not installed: the Go snippet is not run (npm test installs it).');
if (!python && !required)
  console.warn(
    "[partner snippets] no python3 with the cryptography package: the Python snippet is not run (npm test installs Debian's python3-cryptography).",
  );

const partnerBase = () => mock.baseUrl.replace(/\/qapi\/v1$/, '/api/v1/p');
let nonceCounter = 0;

async function input(
  path: string,
  method: string,
  body: string | null,
  kind: PartnerValueKind = 'timestamp',
): Promise<PartnerSnippetInput> {
  const url = `${partnerBase()}${path}`;
  const value =
    kind === 'nonce' ? `snippet-${process.pid}-${Date.now()}-${++nonceCounter}` : formatPartnerTimestamp(Date.now());
  const payload = buildPartnerPayload({ kind, value, url, body });
  const signature = base64url(await nodeRsaSha256(privateKey, payload.bytes));
  return {
    url,
    method,
    body,
    freshness: { kind, value },
    signature,
    headers: [{ name: 'X-Request-Id', value: 'snippet-1' }],
  };
}

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
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          [PARTNER_SNIPPET_ENV.apiKey]: partner.apiKey,
          [PARTNER_SNIPPET_ENV.privateKeyFile]: KEY_FILE,
          ...env,
        },
        timeout: 100_000,
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const pin = (i: PartnerSnippetInput): Record<string, string> =>
  i.freshness.kind === 'nonce'
    ? { [PARTNER_SNIPPET_ENV.nonce]: i.freshness.value }
    : { [PARTNER_SNIPPET_ENV.timestamp]: i.freshness.value };

const COMPANY = JSON.stringify({
  name: 'Snippet Café ☕ Ltd',
  city: 'Zürich',
  country: 'CH',
  ref: `snip-${process.pid}`,
});

describe.each([
  ['GET /assets', '/assets', 'GET', null, 'timestamp'],
  ['POST /company with a non-ASCII body', '/company', 'POST', COMPANY, 'timestamp'],
  ['GET /assets with an x-nonce', '/assets', 'GET', null, 'nonce'],
] as const)('Partner snippets for %s run against the mock', (_label, path, method, body, kind) => {
  // Each run makes a company of its own: the ref must differ between runs of the POST.
  const bodyFor = (n: number) => (body === null ? null : body.replace('snip-', `snip-${n}-`));

  it('cURL (signed now; the X-API-KEY from the environment)', async () => {
    const i = await input(path, method, bodyFor(1), kind);
    const s = allPartnerSnippets(i);
    expect(s.curl).not.toContain(partner.apiKey);
    const file = join(dir, `curl-${method}-${kind}.sh`);
    writeFileSync(file, s.curl);
    const r = await run('bash', [file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('Node (crypto.sign RSA-SHA256)', async () => {
    const i = await input(path, method, bodyFor(2), kind);
    const file = join(dir, `req-${method}-${kind}.mjs`);
    writeFileSync(file, allPartnerSnippets(i).node);
    const r = await run(process.execPath, [file], pin(i));
    expect(r.stdout, r.stderr).toMatch(/^200 OK/);
    expect(r.stderr).toContain(`x-sign: ${i.signature}`);
  });

  it.skipIf(!python && !required)('Python (cryptography)', async () => {
    expect(python, 'python3 with the cryptography package').toBeDefined();
    const i = await input(path, method, bodyFor(3), kind);
    const file = join(dir, `req_${method}_${kind}.py`);
    writeFileSync(file, allPartnerSnippets(i).python);
    const r = await run(python!, [file], pin(i));
    expect(r.stdout, r.stderr).toMatch(/^200 OK/);
    expect(r.stderr).toContain(`x-sign: ${i.signature}`);
  });

  it.skipIf(!hasGo && !required)(
    'Go (crypto/rsa, x509.ParsePKCS1PrivateKey)',
    async () => {
      const i = await input(path, method, bodyFor(4), kind);
      const file = join(dir, `req_${method}_${kind}.go`);
      writeFileSync(file, allPartnerSnippets(i).go);
      const r = await run('go', ['run', file], pin(i));
      expect(r.stdout, r.stderr).toMatch(/^200 OK/);
      expect(r.stderr).toContain(`x-sign: ${i.signature}`);
    },
    120_000,
  );
});

describe('Partner snippets', () => {
  it('never contain the private key or the X-API-KEY, and name what they need', async () => {
    const i = await input('/company', 'POST', COMPANY);
    const s = allPartnerSnippets(i);
    const pemLine = partner.privateKeyPem.split('\n')[3]!;
    for (const text of Object.values(s)) {
      expect(text).not.toContain(partner.apiKey);
      expect(text).not.toContain(pemLine);
      expect(text).toContain('X-Request-Id');
    }
    expect(s.python).toMatch(/cryptography/);
    expect(s.node).toMatch(/sign\('RSA-SHA256'/);
    expect(s.go).toMatch(/x509\.ParsePKCS1PrivateKey/);
    expect(s.curl).toMatch(/valid only while that timestamp is inside/);
    const n = allPartnerSnippets(await input('/assets', 'GET', null, 'nonce'));
    expect(n.curl).toMatch(/accepts each nonce once/);
    expect(n.curl).toContain(`x-nonce: ${n.curl.match(/x-nonce: (\S+)'/)![1]}`);
  });
});
