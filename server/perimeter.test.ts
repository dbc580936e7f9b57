import { afterEach, describe, expect, it } from 'vitest';
import { startCountingUpstream, type CountingUpstream } from './counting-upstream.ts';
import { startTestPlayground, type TestPlayground } from './test-support.ts';

const SECRET = Buffer.from('$2a$10$PerimeterTestSecretForThePlaygroundOnly.0123456789abcd').toString('base64');
let p: TestPlayground;
let upstream: CountingUpstream;

afterEach(async () => {
  await p?.close();
  await upstream?.close();
});

async function start() {
  upstream = await startCountingUpstream();
  p = await startTestPlayground({
    env: { QREDO_SANDBOX_API_KEY: 'perimeterKey01', QREDO_SANDBOX_API_SECRET: SECRET },
    config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: upstream.baseUrl, production: upstream.baseUrl } }),
  });
}

const send = { environment: 'sandbox', method: 'GET', path: '/balance', body: null };

describe('the perimeter', () => {
  it('lets the page in: token from /api/session, no CORS headers', async () => {
    await start();
    const session = await p.call('GET', '/api/session', { headers: { origin: p.origin } });
    expect(session.status).toBe(200);
    expect(session.json.token).toBe(p.services.token);
    const ok = await p.call('POST', '/api/send', {
      body: send,
      headers: { origin: p.origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(ok.status).toBe(200);
    for (const a of [session, ok])
      expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(upstream.received).toHaveLength(1);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }, 'bad-origin'],
    ['another localhost port', { origin: 'http://127.0.0.1:1' }, 'bad-origin'],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }, 'bad-origin'],
    ['a rebinding Host', { host: 'evil.example' }, 'bad-host'],
    ['a rebinding Host with our port', { host: 'evil.example:PORT' }, 'bad-host'],
    ['a missing token', { 'x-playground-token': '' }, 'bad-token'],
    ['a wrong token', { 'x-playground-token': 'x'.repeat(43) }, 'bad-token'],
  ])('refuses %s with 403 JSON, reaching no upstream', async (_name, headers, code) => {
    await start();
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(p.port))]));
    const r = await p.call('POST', '/api/send', { body: send, headers: h });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe(code);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses a request with no Host (Node answers 400 before the router)', async () => {
    await start();
    const r = await p.call('POST', '/api/send', { body: send, headers: { host: '' } });
    expect([400, 403]).toContain(r.status);
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses a token from before a restart', async () => {
    await start();
    const old = p.services.token;
    await p.close();
    await start();
    const r = await p.call('POST', '/api/send', { body: send, headers: { 'x-playground-token': old } });
    expect(r.status).toBe(403);
  });

  it.each([
    'https://evil.example/qapi/v1/balance',
    '//evil.example/x',
    '/../../admin',
    '/%2e%2e/admin',
    '/%2F%2Fevil.example',
    '/@evil.example',
    '/\\evil.example',
    '/a/..%2f..%2fadmin',
    '/balance#x',
    '/balance\r\nHost: evil.example',
  ])('refuses the path %j with 400 and sends nothing', async (path) => {
    await start();
    const r = await p.call('POST', '/api/send', { body: { ...send, path } });
    expect(r.status).toBe(400);
    expect(r.json.error.message.length).toBeGreaterThan(10);
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses an environment name that is not one of the three', async () => {
    await start();
    const r = await p.call('POST', '/api/send', { body: { ...send, environment: 'http://evil.example' } });
    expect(r.status).toBe(400);
    expect(upstream.received).toHaveLength(0);
  });

  it('caps /api bodies and wants JSON', async () => {
    await start();
    const big = await p.call('POST', '/api/sign', { raw: Buffer.alloc(26 * 1024 * 1024, 0x20) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('too-large');
    const form = await p.call('POST', '/api/send', {
      raw: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('answers unknown routes and methods with JSON', async () => {
    await start();
    expect((await p.call('GET', '/api/nope')).status).toBe(404);
    const wrong = await p.call('PUT', '/api/send', { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.json.error.code).toBe('method-not-allowed');
  });
});
