/**
 * The Partner API through the playground: signed by its own scheme (no method in the payload, RSA,
 * x-api-key / x-timestamp or x-nonce / x-sign), relayed to the embedded Partner API, answered there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';

let p: TestPlayground | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

const partner = (over: Record<string, unknown> = {}) => ({
  scheme: 'partner',
  environment: 'mock',
  method: 'GET',
  path: '/assets',
  body: null,
  ...over,
});

describe('the Partner API scheme', () => {
  it('signs timestamp + URL + body, without the method, and names the Partner headers', async () => {
    p = await startTestPlayground();
    const r = await p.call('POST', '/api/sign', {
      body: partner({ method: 'POST', path: '/company', body: '{"name":"Acme"}', timestamp: '1700000000' }),
    });
    expect(r.status).toBe(200);
    expect(r.json.scheme).toBe('partner');
    expect(r.json.url).toMatch(/\/api\/v1\/p\/company$/);
    expect(r.json.stringToSign.segments.map((s: { name: string }) => s.name)).toEqual(['timestamp', 'url', 'body']);
    expect(r.json.signature).toMatch(/^[A-Za-z0-9_-]{342}$/);
    expect(r.json.headers.map((h: { name: string }) => h.name)).toEqual(['x-api-key', 'x-timestamp', 'x-sign']);
    // The X-API-KEY is kept like a secret: never in an answer.
    expect(r.json.headers[0].value).toBe('[redacted]');
  });

  it('is answered by the embedded Partner API: a read, then a company created and read back', async () => {
    p = await startTestPlayground();
    const assets = await p.call('POST', '/api/send', { body: partner() });
    expect(assets.json.response.status).toBe(200);
    expect(assets.json.scheme).toBe('partner');
    expect(assets.json.request.headers).toHaveProperty('x-sign');
    expect(assets.json.request.headers).not.toHaveProperty('qredo-api-sig');
    const created = await p.call('POST', '/api/send', {
      body: partner({ method: 'POST', path: '/company', body: '{"name":"Playground Test Co","country":"CH"}' }),
    });
    expect(created.json.response.status).toBe(200);
    const id = JSON.parse(created.json.response.body).company_id as string;
    const read = await p.call('POST', '/api/send', { body: partner({ path: `/company/${id}` }) });
    expect(JSON.parse(read.json.response.body)).toMatchObject({ company_id: id, name: 'Playground Test Co' });
    const list = await p.call('GET', '/api/history?limit=3');
    expect(list.json.entries.map((e: { scheme?: string }) => e.scheme)).toEqual(['partner', 'partner', 'partner']);
  });

  it('signs an x-nonce when asked, a fresh one when left empty, and the mock refuses a nonce used twice', async () => {
    p = await startTestPlayground();
    const fresh = await p.call('POST', '/api/send', { body: partner({ nonce: '' }) });
    expect(fresh.json.response.status).toBe(200);
    expect(fresh.json.stringToSign.segments[0].name).toBe('nonce');
    expect(fresh.json.request.headers['x-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.json.request.headers).not.toHaveProperty('x-timestamp');
    const pinned = partner({ nonce: 'playground-nonce-0001' });
    expect((await p.call('POST', '/api/send', { body: pinned })).json.response.status).toBe(200);
    const again = await p.call('POST', '/api/send', { body: pinned });
    expect(again.json.response.status).toBe(401);
    expect(JSON.parse(again.json.response.body)).toMatchObject({ msg: 'errPartnerAuth' });
  });

  it('refuses a nonce for v1, a Partner signing header added by hand, and asks before a production mutation', async () => {
    p = await startTestPlayground();
    const v1 = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/balance', body: null, nonce: 'x1' },
    });
    expect(v1.status).toBe(400);
    const header = await p.call('POST', '/api/send', { body: partner({ headers: [{ name: 'X-Sign', value: 'x' }] }) });
    expect(header.status).toBe(400);
    expect(header.json.error.message).toMatch(/computed by the playground/);
    const prod = await p.call('POST', '/api/send', { body: partner({ environment: 'production', method: 'POST' }) });
    expect(prod.status).toBe(403);
    expect(prod.json.error.code).toBe('confirmation-required');
    const noKey = await p.call('POST', '/api/send', { body: partner({ environment: 'sandbox' }) });
    expect(noKey.status).toBe(400);
    expect(noKey.json.error.message).toMatch(/QREDO_PARTNER_SANDBOX_API_KEY/);
  });

  it('keeps the Partner keys out of every answer and the history', async () => {
    p = await startTestPlayground();
    await p.call('POST', '/api/send', { body: partner() });
    const { PARTNER_DEMO_KEYS } = await import('./mock/partner/keys.ts');
    const all = p.answers.join('\n');
    for (const k of PARTNER_DEMO_KEYS) {
      expect(all).not.toContain(k.apiKey);
      expect(all).not.toContain(k.privateKeyPem.split('\n')[1]);
    }
  });
});

describe('a Partner API entry in history', () => {
  it('is re-sent by its own scheme, with the same demo partner and a fresh nonce', async () => {
    p = await startTestPlayground();
    const sent = await p.call('POST', '/api/send', {
      body: partner({ nonce: 'resend-nonce-0001', partnerKey: 'partner-fresh' }),
    });
    expect(sent.json.keyId).toBe('partner-fresh');
    const again = await p.call('POST', `/api/history/${sent.json.id}/resend`, { body: {} });
    expect(again.json.scheme).toBe('partner');
    expect(again.json.keyId).toBe('partner-fresh');
    expect(again.json.request.headers['x-nonce']).not.toBe('resend-nonce-0001');
    expect(again.json.response.status).toBe(200);
  });
});

describe('Partner keys made in the playground', () => {
  it('generates a 2048-bit pair on the server: the answer has the public key only, the file keeps the private one 0600', async () => {
    const { readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    p = await startTestPlayground();
    const made = await p.call('POST', '/api/partner-credentials/sandbox/key-pair', { body: {} });
    expect(made.status).toBe(200);
    expect(made.json).toMatchObject({
      name: 'sandbox',
      hasPrivateKey: true,
      hasApiKey: false,
      configured: false,
      keyBits: 2048,
    });
    expect(made.json.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(made.text).not.toMatch(/PRIVATE KEY/);
    const file = join(p.services.dataDir, 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8'))['partner-sandbox'];
    expect(stored.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    // The key stays out of every answer, the session included.
    const session = await p.call('GET', '/api/session');
    expect(session.text).not.toContain(stored.privateKeyPem.split('\n')[1]);
    expect(session.json.partnerEnvironments[1].publicKeyPem).toBe(made.json.publicKeyPem);
  });

  it('imports a PKCS#8 key as PKCS#1 with a note, signs with it, and refuses what cannot sign', async () => {
    const { generateKeyPairSync, createPublicKey, verify } = await import('node:crypto');
    const { createServer } = await import('node:http');
    // An upstream standing in for the Partner sandbox: it records the signed request.
    const seen: Array<{ headers: Record<string, unknown>; url: string }> = [];
    const upstream = createServer((req, res) => {
      seen.push({ headers: req.headers, url: req.url ?? '' });
      res.end('{}');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as { port: number }).port;
    p = await startTestPlayground({
      config: (c) => ({
        ...c,
        partnerBaseUrls: { ...c.partnerBaseUrls, sandbox: `http://127.0.0.1:${port}/api/v1/p` },
      }),
    });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const put = await p.call('PUT', '/api/partner-credentials/sandbox', {
      body: { apiKey: 'eyJrZXlfaWQiOiJ0ZXN0In0', privateKeyPem: `a comment line\n${pkcs8}` },
    });
    expect(put.status).toBe(200);
    expect(put.json.configured).toBe(true);
    expect(put.json.notes.join()).toMatch(/PKCS#8.*kept as PKCS#1/);
    const sent = await p.call('POST', '/api/send', {
      body: partner({ environment: 'sandbox', timestamp: String(Math.floor(Date.now() / 1000)) }),
    });
    expect(sent.json.response.status).toBe(200);
    const h = seen[0]!.headers;
    expect(h['x-api-key']).toBe('eyJrZXlfaWQiOiJ0ZXN0In0');
    const payload = `${h['x-timestamp']}http://127.0.0.1:${port}/api/v1/p/assets`;
    const signature = Buffer.from(String(h['x-sign']), 'base64url');
    expect(verify('RSA-SHA256', Buffer.from(payload), createPublicKey(privateKey), signature)).toBe(true);
    expect(sent.text).not.toContain('eyJrZXlfaWQiOiJ0ZXN0In0');
    for (const [pem, message] of [
      [createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), /public key/],
      [
        generateKeyPairSync('rsa', { modulusLength: 1024 })
          .privateKey.export({ type: 'pkcs1', format: 'pem' })
          .toString(),
        /1024 bits/,
      ],
      [
        generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
        /ec key/,
      ],
      ['not a key', /not a PEM key/],
    ] as const) {
      const r = await p.call('PUT', '/api/partner-credentials/sandbox', { body: { privateKeyPem: pem } });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toMatch(message);
    }
    upstream.close();
  });
});
