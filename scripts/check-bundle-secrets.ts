/**
 * Build check: the built page (dist/ by default) must not contain any secret the playground knows.
 *
 *   tsx scripts/check-bundle-secrets.ts [dir]
 *
 * Looks for, in every file under the folder (source maps included):
 *   - the value of every QREDO_* environment variable (key ids and secrets alike);
 *   - the key id and secret of each environment in the credentials file of the data folder
 *     (PLAYGROUND_DATA_DIR, else the default under the home folder), when there is one;
 *   - the embedded mock's demo secrets, and its demo partners' API keys and private keys;
 *   - the Partner API's keys: QREDO_PARTNER_*_PRIVATE_KEY (a PEM) and QREDO_PARTNER_*_PRIVATE_KEY_FILE
 *     (the PEM file it names), and the partner entries of the credentials file;
 *   - for every secret, the forms derived from it alone (the decoded key as hex, base64 and text; a
 *     private key's PEM in both formats, its base64 and lines, its DER as bytes and hex, its PEM base64'd);
 *   - any RSA private key at all, by its shape (PEM block, DER in base64 or hex, base64'd PEM).
 * Values shorter than 8 characters are listed as skipped (too short to tell from ordinary text).
 * Prints what it scanned, never a value. Exit 0: clean. Exit 1: a hit (file and what was found).
 * Exit 2: the folder does not exist or cannot be read.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { scrubPrivateKeyShapes } from '../core/partner/key-forms.ts';
import { base64standard, base64url, decodeSecret, toHex } from '../core/signing/index.ts';
import { defaultDataDir } from '../server/config/config.ts';
import { CREDENTIALS_FILE } from '../server/config/credentials.ts';
import { privateKeyForms } from '../server/config/partner-keys.ts';
import { DEMO_KEYS } from '../server/mock/keys.ts';
import { PARTNER_DEMO_KEYS } from '../server/mock/partner/keys.ts';

const MIN_LENGTH = 8;

interface Needle {
  label: string;
  value: string;
  /** Looked for as these bytes instead of the value's UTF-8 (a DER key). */
  bytes?: Buffer;
}

/** A private key's text forms (core/partner/key-forms.ts) and its DER bytes, PKCS#1 and PKCS#8. */
function privateKeyNeedles(label: string, pem: string): Needle[] {
  const out: Needle[] = privateKeyForms(pem).map((value) => ({ label: `${label} (private key)`, value }));
  try {
    const key = createPrivateKey(pem);
    for (const type of ['pkcs1', 'pkcs8'] as const) {
      const der = key.export({ type, format: 'der' });
      out.push({ label: `${label} (private key, ${type} DER)`, value: der.toString('hex'), bytes: der });
    }
  } catch {
    // Not a readable key: its text forms are enough.
  }
  return out;
}

/** The secret and every form derived from it alone, as the redactor knows them. */
function secretForms(label: string, secret: string): Needle[] {
  const out: Needle[] = [{ label, value: secret.trim() }];
  const decoded = decodeSecret(secret);
  if (decoded.ok) {
    const key = decoded.key;
    out.push(
      { label: `${label} (decoded key, hex)`, value: toHex(key) },
      { label: `${label} (decoded key, HEX)`, value: toHex(key).toUpperCase() },
      { label: `${label} (decoded key, base64)`, value: base64standard(key).replace(/=+$/, '') },
      { label: `${label} (decoded key, base64url)`, value: base64url(key) },
    );
    const text = new TextDecoder('utf-8', { fatal: false }).decode(key);
    if (!text.includes('\uFFFD')) {
      out.push(
        { label: `${label} (decoded key, text)`, value: text },
        { label: `${label} (decoded key, JSON text)`, value: JSON.stringify(text).slice(1, -1) },
      );
    }
  }
  return out;
}

function collectNeedles(env: NodeJS.ProcessEnv): { needles: Needle[]; skipped: string[]; sources: string[] } {
  const all: Needle[] = [];
  const sources: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('QREDO_') || !value) continue;
    sources.push(`$${name}`);
    if (/PRIVATE_KEY_FILE$/.test(name)) {
      try {
        all.push(...privateKeyNeedles(`the file in $${name}`, readFileSync(value, 'utf8')));
      } catch {
        console.error(`check-bundle-secrets: $${name} names a file that cannot be read; its key was not checked.`);
      }
    } else if (/PRIVATE_KEY$/.test(name)) all.push(...privateKeyNeedles(`$${name}`, value));
    else if (/SECRET/i.test(name)) all.push(...secretForms(`$${name}`, value));
    else all.push({ label: `$${name}`, value: value.trim() });
  }
  const dataDir = resolve(env.PLAYGROUND_DATA_DIR || defaultDataDir(env));
  const credentialsFile = join(dataDir, CREDENTIALS_FILE);
  if (existsSync(credentialsFile)) {
    sources.push(credentialsFile);
    let stored: Record<string, unknown> = {};
    try {
      stored = JSON.parse(readFileSync(credentialsFile, 'utf8'));
    } catch {
      console.error(`check-bundle-secrets: ${credentialsFile} is not valid JSON; its values were not checked.`);
    }
    for (const [environment, value] of Object.entries(stored)) {
      // Read from a file: an entry may be anything, null included.
      const entry: { keyId?: unknown; secret?: unknown; apiKey?: unknown; privateKeyPem?: unknown } =
        typeof value === 'object' && value !== null ? value : {};
      if (typeof entry.keyId === 'string')
        all.push({ label: `${environment} key id (credentials file)`, value: entry.keyId.trim() });
      if (typeof entry.secret === 'string')
        all.push(...secretForms(`${environment} secret (credentials file)`, entry.secret));
      if (typeof entry.apiKey === 'string')
        all.push({ label: `${environment} X-API-KEY (credentials file)`, value: entry.apiKey.trim() });
      if (typeof entry.privateKeyPem === 'string')
        all.push(...privateKeyNeedles(`${environment} (credentials file)`, entry.privateKeyPem));
    }
  }
  sources.push(`${DEMO_KEYS.length} demo secrets`);
  for (const k of DEMO_KEYS) all.push(...secretForms(`demo key "${k.id}" secret`, k.secret));
  sources.push(`${PARTNER_DEMO_KEYS.length} demo partners`);
  for (const k of PARTNER_DEMO_KEYS) {
    all.push({ label: `demo partner "${k.id}" X-API-KEY`, value: k.apiKey });
    all.push(...privateKeyNeedles(`demo partner "${k.id}"`, k.privateKeyPem));
  }

  const needles: Needle[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const n of all) {
    if (n.value.length < MIN_LENGTH) {
      skipped.push(n.label);
      continue;
    }
    const key = n.bytes ? `bytes:${n.value}` : n.value;
    if (seen.has(key)) continue;
    seen.add(key);
    needles.push(n);
  }
  return { needles, skipped, sources };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isDirectory()) out.push(...filesUnder(path));
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

function main(argv: string[], env: NodeJS.ProcessEnv): number {
  const dir = resolve(argv[0] ?? 'dist');
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
    console.error(`check-bundle-secrets: ${dir} is not a folder; build first (npm run build).`);
    return 2;
  }
  const { needles, skipped, sources } = collectNeedles(env);
  const files = filesUnder(dir);
  const encoded = needles.map((n) => ({ ...n, bytes: n.bytes ?? Buffer.from(n.value, 'utf8') }));
  let bytes = 0;
  const hits: string[] = [];
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    const found = encoded.filter((n) => content.includes(n.bytes)).map((n) => n.label);
    // Any private key, whoever it belongs to.
    if (scrubPrivateKeyShapes(content.toString('latin1'), '').hit) found.push('an RSA private key (by its shape)');
    if (found.length) hits.push(`${relative(process.cwd(), file)}: ${[...new Set(found)].join('; ')}`);
  }
  console.log(
    `check-bundle-secrets: scanned ${files.length} files (${bytes} bytes) in ${relative(process.cwd(), dir) || '.'} for ${needles.length} values from ${sources.join(', ')}.`,
  );
  if (skipped.length)
    console.log(`check-bundle-secrets: skipped (shorter than ${MIN_LENGTH} characters): ${skipped.join(', ')}.`);
  if (hits.length) {
    for (const h of hits) console.error(`check-bundle-secrets: FOUND ${h}`);
    console.error(
      `check-bundle-secrets: ${hits.length} file(s) of the bundle carry secret values. Nothing secret may reach the page: find what imports it.`,
    );
    return 1;
  }
  console.log('check-bundle-secrets: clean.');
  return 0;
}

process.exitCode = main(process.argv.slice(2), process.env);
