/**
 * Build check: the built page (dist/ by default) must not contain any secret the playground knows.
 *
 *   tsx scripts/check-bundle-secrets.ts [dir]
 *
 * Looks for, in every file under the folder (source maps included):
 *   - the value of every QREDO_* environment variable (key ids and secrets alike);
 *   - the key id and secret of each environment in the credentials file of the data folder
 *     (PLAYGROUND_DATA_DIR, else the default under the home folder), when there is one;
 *   - the embedded mock's demo secrets;
 *   - for every secret, the forms derived from it alone (the decoded key as hex, base64 and text).
 * Values shorter than 8 characters are listed as skipped (too short to tell from ordinary text).
 * Prints what it scanned, never a value. Exit 0: clean. Exit 1: a hit (file and what was found).
 * Exit 2: the folder does not exist or cannot be read.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { base64standard, base64url, decodeSecret, toHex } from '../core/signing/index.ts';
import { defaultDataDir } from '../server/config/config.ts';
import { CREDENTIALS_FILE } from '../server/config/credentials.ts';
import { DEMO_KEYS } from '../server/mock/keys.ts';

const MIN_LENGTH = 8;

interface Needle {
  label: string;
  value: string;
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
    if (/SECRET/i.test(name)) all.push(...secretForms(`$${name}`, value));
    else all.push({ label: `$${name}`, value: value.trim() });
  }
  const dataDir = resolve(env.PLAYGROUND_DATA_DIR || defaultDataDir(env));
  const credentialsFile = join(dataDir, CREDENTIALS_FILE);
  if (existsSync(credentialsFile)) {
    sources.push(credentialsFile);
    let stored: Record<string, { keyId?: unknown; secret?: unknown }> = {};
    try {
      stored = JSON.parse(readFileSync(credentialsFile, 'utf8'));
    } catch {
      console.error(`check-bundle-secrets: ${credentialsFile} is not valid JSON; its values were not checked.`);
    }
    for (const [environment, entry] of Object.entries(stored)) {
      if (typeof entry?.keyId === 'string')
        all.push({ label: `${environment} key id (credentials file)`, value: entry.keyId.trim() });
      if (typeof entry?.secret === 'string')
        all.push(...secretForms(`${environment} secret (credentials file)`, entry.secret));
    }
  }
  sources.push(`${DEMO_KEYS.length} demo secrets`);
  for (const k of DEMO_KEYS) all.push(...secretForms(`demo key "${k.id}" secret`, k.secret));

  const needles: Needle[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const n of all) {
    if (n.value.length < MIN_LENGTH) {
      skipped.push(n.label);
      continue;
    }
    if (seen.has(n.value)) continue;
    seen.add(n.value);
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
  const encoded = needles.map((n) => ({ ...n, bytes: Buffer.from(n.value, 'utf8') }));
  let bytes = 0;
  const hits: string[] = [];
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    const found = encoded.filter((n) => content.includes(n.bytes)).map((n) => n.label);
    if (found.length) hits.push(`${relative(process.cwd(), file)}: ${found.join('; ')}`);
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
