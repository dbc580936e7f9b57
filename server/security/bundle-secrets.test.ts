/**
 * The build check scripts/check-bundle-secrets.ts, run as the build runs it (node --import tsx), on
 * temporary folders: clean, with a secret planted in each form it must catch, and missing.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSecret, toHex } from '../../core/signing/index.ts';
import { DEMO_KEYS } from '../mock/keys.ts';
import { PARTNER_DEMO_KEYS } from '../mock/partner/keys.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { PROJECT_ROOT } from '../../test-support/standalone.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-bundle-secrets.ts', import.meta.url));
const KEY_TEXT = '$2a$10$BundleCheckTestSecretThatMustNotShip.0123456789abcdefgh';
const SECRET = Buffer.from(KEY_TEXT).toString('base64');
const KEY_ID = 'bundleCheckKey1';
const FILE_SECRET = Buffer.from('$2a$10$SecretStoredFromThePageInTheDataFolder.0123456789ab').toString('base64url');
const EXTRA = 'qredo-extra-value-42';

const dataDir = tempDir('playground-bundle-data-');
writeFileSync(
  join(dataDir, 'credentials.json'),
  JSON.stringify({ production: { keyId: 'fileKeyId00001', secret: FILE_SECRET } }),
  { mode: 0o600 },
);

const ENV = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  PLAYGROUND_DATA_DIR: dataDir,
  QREDO_SANDBOX_API_KEY: KEY_ID,
  QREDO_SANDBOX_API_SECRET: SECRET,
  QREDO_EXTRA_SETTING: EXTRA,
  QREDO_SHORT: 'abc',
};

function run(dir: string, env: Record<string, string | undefined> = ENV) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, dir], {
    cwd: PROJECT_ROOT, // where `--import tsx` resolves
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** No value the script looks for ever appears in its own output. */
function expectNoValues(out: string): void {
  for (const v of [
    SECRET,
    KEY_TEXT,
    toHex(new TextEncoder().encode(KEY_TEXT)),
    KEY_ID,
    FILE_SECRET,
    EXTRA,
    ...DEMO_KEYS.map((k) => k.secret),
  ]) {
    expect(out).not.toContain(v);
  }
}

function bundle(): string {
  const dir = tempDir('playground-bundle-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index.js"></script>');
  writeFileSync(join(dir, 'assets', 'index.js'), 'const api="/api/session";export{api};');
  writeFileSync(join(dir, 'assets', 'index.js.map'), '{"version":3,"sources":["app/main.tsx"],"mappings":""}');
  return dir;
}

describe('scripts/check-bundle-secrets.ts', () => {
  it('exits 0 on a clean bundle and says what it scanned', () => {
    const { code, out } = run(bundle());
    expect(code).toBe(0);
    expect(out).toMatch(/scanned 3 files \(\d+ bytes\)/);
    expect(out).toContain('$QREDO_SANDBOX_API_SECRET');
    expect(out).toContain('$QREDO_EXTRA_SETTING');
    expect(out).toContain('credentials.json');
    expect(out).toContain(`${DEMO_KEYS.length} demo secrets`);
    expect(out).toMatch(/skipped .*\$QREDO_SHORT/);
    expect(out).toContain('clean');
    expectNoValues(out);
  }, 60_000);

  it('exits 1 and names the file and the kind of value for each planted secret, never the value', () => {
    const dir = bundle();
    const decoded = decodeSecret(SECRET);
    if (!decoded.ok) throw new Error('test secret does not decode');
    const planted: Array<[string, string, RegExp]> = [
      ['assets/env-secret.js', `const s="${SECRET}";`, /assets\/env-secret\.js: \$QREDO_SANDBOX_API_SECRET;/],
      [
        'assets/decoded-hex.js',
        `const k="${toHex(decoded.key)}";`,
        /assets\/decoded-hex\.js: \$QREDO_SANDBOX_API_SECRET \(decoded key, hex\)/,
      ],
      [
        'assets/decoded-text.js',
        `const t=${JSON.stringify(KEY_TEXT)};`,
        /assets\/decoded-text\.js: \$QREDO_SANDBOX_API_SECRET \(decoded key, text\)/,
      ],
      ['assets/key-id.js', `const id="${KEY_ID}";`, /assets\/key-id\.js: \$QREDO_SANDBOX_API_KEY/],
      ['assets/extra.js', `const e="${EXTRA}";`, /assets\/extra\.js: \$QREDO_EXTRA_SETTING/],
      [
        'assets/file-secret.js.map',
        `{"x":"${FILE_SECRET}"}`,
        /assets\/file-secret\.js\.map: production secret \(credentials file\)/,
      ],
      [
        'nested/deeper/demo.js',
        `const d="${DEMO_KEYS[1]!.secret}";`,
        /nested\/deeper\/demo\.js: demo key "read-only" secret/,
      ],
    ];
    for (const [file, content] of planted) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    const { code, out } = run(dir);
    expect(code).toBe(1);
    for (const [, , pattern] of planted) expect(out).toMatch(pattern);
    expect(out).toContain(`${planted.length} file(s) of the bundle carry secret values`);
    expectNoValues(out);
  }, 60_000);

  it('exits 2 when there is nothing to scan', () => {
    const { code, out } = run(join(tempDir(), 'no-such-dist'));
    expect(code).toBe(2);
    expect(out).toContain('npm run build');
  }, 60_000);

  it('finds the Partner API keys in every form: env PEM and key file, the credentials file, demo partners, and any private key by its shape', () => {
    const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const fileKey = pair();
    const envKey = pair();
    const storedKey = pair();
    const keyFile = join(tempDir('playground-bundle-key-'), 'partner.pem');
    // Given as PKCS#8: its PKCS#1 form is caught too.
    writeFileSync(keyFile, fileKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    const partnerData = tempDir('playground-bundle-partner-data-');
    writeFileSync(
      join(partnerData, 'credentials.json'),
      JSON.stringify({
        'partner-production': {
          apiKey: 'eyJrZXlfaWQiOiJidW5kbGVUZXN0In0',
          privateKeyPem: storedKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        },
      }),
      { mode: 0o600 },
    );
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLAYGROUND_DATA_DIR: partnerData,
      QREDO_PARTNER_SANDBOX_PRIVATE_KEY_FILE: keyFile,
      QREDO_PARTNER_PRODUCTION_PRIVATE_KEY: envKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    };
    const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const der = (k: ReturnType<typeof pair>, type: 'pkcs1' | 'pkcs8') => k.export({ type, format: 'der' });
    // A line of a PEM, in a string a bundler would write: caught by the known key, not by the shape.
    const fileLine = fileKey.export({ type: 'pkcs1', format: 'pem' }).toString().split('\n')[3]!;
    const planted: Array<[string, string | Buffer, RegExp]> = [
      [
        'assets/file-line.js',
        `const l="${fileLine}";`,
        /assets\/file-line\.js: the file in \$QREDO_PARTNER_SANDBOX_PRIVATE_KEY_FILE \(private key\)/,
      ],
      [
        'assets/env-der.bin',
        der(envKey, 'pkcs8'),
        /assets\/env-der\.bin: .*\$QREDO_PARTNER_PRODUCTION_PRIVATE_KEY \(private key, pkcs8 DER\)/,
      ],
      [
        'assets/api-key.js',
        'const k="eyJrZXlfaWQiOiJidW5kbGVUZXN0In0";',
        /assets\/api-key\.js: partner-production X-API-KEY \(credentials file\)/,
      ],
      [
        'assets/stored-hex.js',
        `const h="${der(storedKey, 'pkcs1').toString('hex')}";`,
        /assets\/stored-hex\.js: .*partner-production \(credentials file\) \(private key/,
      ],
      [
        'assets/demo.js',
        `const d="${body(PARTNER_DEMO_KEYS[0]!.privateKeyPem)}";`,
        /assets\/demo\.js: .*demo partner "partner-test-key"/,
      ],
      [
        'assets/unknown.js',
        `const u=${JSON.stringify(pair().export({ type: 'pkcs8', format: 'pem' }).toString())};`,
        /assets\/unknown\.js: an RSA private key \(by its shape\)/,
      ],
    ];
    const dir = bundle();
    for (const [file, content] of planted) writeFileSync(join(dir, file), content);
    const { code, out } = run(dir, env);
    expect(code).toBe(1);
    for (const [, , pattern] of planted) expect(out).toMatch(pattern);
    expect(out).toContain(`${PARTNER_DEMO_KEYS.length} demo partners`);
    expect(out).toContain(`${planted.length} file(s) of the bundle carry secret values`);
    expect(out).not.toContain(fileLine);
    expect(out).not.toContain('eyJrZXlfaWQiOiJidW5kbGVUZXN0In0');
    // The clean bundle stays clean with all these keys known.
    expect(run(bundle(), env).code).toBe(0);
  }, 120_000);
});
