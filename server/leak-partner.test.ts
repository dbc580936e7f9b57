/**
 * The Partner API's keys never leave the server: not the private key in any of its forms (PEM PKCS#1
 * or PKCS#8, its base64 body or one line of it, its DER in base64url or hex, the PEM base64-encoded),
 * not the X-API-KEY. Keys come from the environment, are imported from the page and made on the
 * server; a hostile upstream echoes every form back; every answer, log line and history file is searched.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toBundle } from '../core/bundle/index.ts';
import type { HistoryEntry } from '../core/contract.ts';
import { startUpstream, type Upstream } from '../test-support/upstream.ts';
import { PARTNER_DEMO_KEYS } from './mock/partner/keys.ts';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

const ENV_API_KEY = 'eyJrZXlfaWQiOiJMZWFrRW52S2V5MSIsImtleSI6Im5ldmVyLWluLWFuLWFuc3dlciJ9';
const PAGE_API_KEY = 'eyJrZXlfaWQiOiJMZWFrUGFnZUtleTEiLCJrZXkiOiJzdGF5cy1vbi10aGUtc2VydmVyIn0';

/**
 * Every form a private key has been seen to leak in, built here independently of the redactor. A
 * single line of a PEM is a form only of a key the server knows: alone, it has no shape to find.
 */
function forms(key: KeyObject, known = true): string[] {
  const out: string[] = [];
  for (const type of ['pkcs1', 'pkcs8'] as const) {
    const pem = key.export({ type, format: 'pem' }).toString();
    const der = key.export({ type, format: 'der' });
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    out.push(
      pem,
      pem.replace(/\n/g, '\r\n'),
      JSON.stringify(pem).slice(1, -1),
      body,
      ...(known ? [pem.split('\n')[4]!] : []),
      der.toString('base64url'),
      der.toString('hex'),
      Buffer.from(pem).toString('base64'),
    );
  }
  return out;
}

/** Distinctive 48-character pieces of each form: what a search for a leak looks for. */
function needles(known: KeyObject[], unknown: KeyObject[], apiKeys: string[]): string[] {
  const out = [...apiKeys];
  const piece = (f: string) => f.slice(Math.floor(f.length / 2), Math.floor(f.length / 2) + 48);
  for (const k of known) for (const f of forms(k)) out.push(piece(f));
  for (const k of unknown) for (const f of forms(k, false)) out.push(piece(f));
  return out;
}

let p: TestPlayground | undefined;
let upstream: Upstream | undefined;
afterEach(async () => {
  await p?.close();
  await upstream?.close();
  p = undefined;
  upstream = undefined;
});

describe('Partner API keys never leave', () => {
  it('in no /api answer, no log line, no history file and no bundle, even when the upstream echoes every form', async () => {
    const envKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const pageKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const unknownKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const demo = PARTNER_DEMO_KEYS.map((k) => ({ apiKey: k.apiKey, pem: k.privateKeyPem }));
    const dataDir = tempDir();
    const keyFile = join(tempDir(), 'partner.pem');
    writeFileSync(keyFile, `# sandbox key\n${envKey.export({ type: 'pkcs8', format: 'pem' })}`, { mode: 0o600 });
    const echoed = [
      ...forms(envKey),
      ...forms(pageKey),
      ...forms(unknownKey, false),
      ENV_API_KEY,
      PAGE_API_KEY,
      ...demo.map((d) => d.apiKey),
      ...demo.map((d) => d.pem),
    ];
    upstream = await startUpstream({
      answer: (_r, res) => {
        res.setHeader('x-echo', ENV_API_KEY);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ leaked: echoed }));
      },
    });
    p = await startTestPlayground({
      dataDir,
      env: { QREDO_PARTNER_SANDBOX_API_KEY: ENV_API_KEY, QREDO_PARTNER_SANDBOX_PRIVATE_KEY_FILE: keyFile },
      config: (c) => ({
        ...c,
        partnerBaseUrls: { ...c.partnerBaseUrls, sandbox: upstream!.baseUrl, production: upstream!.baseUrl },
      }),
    });
    // From the page: an imported PKCS#8 key and an X-API-KEY for production.
    const put = await p.call('PUT', '/api/partner-credentials/production', {
      body: { apiKey: PAGE_API_KEY, privateKeyPem: pageKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.json.configured).toBe(true);

    const partner = (over: Record<string, unknown>) => ({
      scheme: 'partner',
      method: 'GET',
      path: '/assets',
      body: null,
      ...over,
    });
    await p.call('GET', '/api/session');
    const signed = await p.call('POST', '/api/sign', { body: partner({ environment: 'sandbox' }) });
    expect(signed.status).toBe(200);
    const sent = await p.call('POST', '/api/send', {
      body: partner({
        environment: 'sandbox',
        method: 'POST',
        path: '/company',
        body: JSON.stringify({ name: echoed[0] }),
      }),
    });
    expect(sent.json.response.status).toBe(200);
    await p.call('POST', '/api/send', { body: partner({ environment: 'production', confirm: true }) });
    await p.call('POST', '/api/send', { body: partner({ environment: 'mock', partnerKey: 'partner-test-key' }) });
    await p.call('GET', '/api/history');
    await p.call('GET', `/api/history/${sent.json.id}`);
    await p.call('POST', `/api/history/${sent.json.id}/resend`, { body: {} });
    await p.call('POST', '/api/walkthrough', { body: partner({ environment: 'sandbox' }) });
    await p.call('POST', '/api/walkthrough', { body: partner({ environment: 'mock' }) });
    const sig = (signed.json.headers as Array<{ name: string; value: string }>).find((h) => h.name === 'x-sign')!.value;
    await p.call('POST', '/api/doctor', {
      body: {
        scheme: 'partner',
        environment: 'sandbox',
        capture: { timestamp: '1700000000', method: 'GET', url: signed.json.url, body: null, signature: sig },
      },
    });
    // Error paths that carry a key: a key too short, a key cut in half, a public key, a key in a path.
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    await p.call('PUT', '/api/partner-credentials/sandbox', {
      body: { privateKeyPem: small.export({ type: 'pkcs1', format: 'pem' }).toString() },
    });
    await p.call('PUT', '/api/partner-credentials/sandbox', {
      body: { privateKeyPem: forms(unknownKey)[0]!.slice(0, 900) },
    });
    await p.call('POST', '/api/send', {
      body: partner({ environment: 'sandbox', path: `/x/${forms(unknownKey)[5]}` }),
    });
    // A key made on the server for sandbox: read back from the 0600 file to search for it too.
    const made = await p.call('POST', '/api/partner-credentials/sandbox/key-pair', { body: {} });
    expect(made.json.publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
    const stored = JSON.parse(readFileSync(join(p.services.dataDir, 'credentials.json'), 'utf8'))['partner-sandbox'];
    const madeKey = createPrivateKey(stored.privateKeyPem as string);
    await p.call('POST', '/api/send', { body: partner({ environment: 'sandbox' }) });
    const history = (await p.call('GET', '/api/history?limit=50')).json.entries as HistoryEntry[];

    const search = needles(
      [envKey, pageKey, madeKey, ...demo.map((d) => createPrivateKey(d.pem))],
      [unknownKey, small],
      [ENV_API_KEY, PAGE_API_KEY, ...demo.map((d) => d.apiKey)],
    );
    const hits = (text: string) => search.filter((n) => text.includes(n));
    expect(p.answers.length).toBeGreaterThanOrEqual(15);
    expect(p.answers.flatMap(hits)).toEqual([]);
    expect(p.logs.flatMap(hits)).toEqual([]);
    // A bundle made from those entries, as the page makes one.
    const full = await Promise.all(history.map(async (e) => (await p!.call('GET', `/api/history/${e.id}`)).json));
    expect(hits(JSON.stringify(toBundle(full, { appVersion: 'test' })))).toEqual([]);
    // The public keys are not secrets and stay visible.
    expect(made.text).toContain(made.json.publicKeyPem.split('\n')[2]);
    await p.close();
    const files = readdirSync(dataDir).filter((f) => f.startsWith('history'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(hits(readFileSync(join(dataDir, f)).toString('latin1')), f).toEqual([]);
  });
});
