import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../../core/signing/index.ts';
import { type MockServer, startMockServer } from '../server.ts';
import { type Answer, rawRequest } from '../../../test-support/http-client.ts';
import { signedRequest } from '../../../test-support/mock-client.ts';
import { partnerHeaders, partnerRequest } from '../../../test-support/partner-client.ts';
import { createPartnerApi } from './api.ts';
import { findPartnerDemoKey } from './keys.ts';

const NOW_MS = 1_700_000_000_000;
const TS = '1700000000';
const KEY = 'partner-northwind';

let server: MockServer;
let port = 0;
const logLines: string[] = [];
const url = (path: string) => `http://127.0.0.1:${port}/api/v1/p${path}`;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => NOW_MS, log: (l) => logLines.push(l) });
  port = server.port;
});
afterAll(() => server.close());

function expectAuthError(res: Answer, reason: string, hint?: RegExp) {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toBe('application/json');
  // Exactly the documented shape; what to fix rides in a header of the mock's own.
  expect(res.json).toEqual({ code: 401, msg: 'errPartnerAuth', detail: { reason } });
  expect(res.headers['x-mock-hint']).toMatch(/^[\x20-\x7e]+$/);
  if (hint) expect(res.headers['x-mock-hint']).toMatch(hint);
}

/** Signs `signed` and sends `sent` (defaults: the same), so that one element can differ. */
async function send(opts: {
  method?: string;
  path?: string;
  sentPath?: string;
  body?: string | null;
  sentBody?: string | null;
  value?: string;
  kind?: 'timestamp' | 'nonce';
  keyId?: string;
  signedUrl?: string;
  headers?: (h: Record<string, string>) => Record<string, string>;
  host?: string;
}): Promise<Answer> {
  const method = opts.method ?? 'GET';
  const path = opts.path ?? '/assets';
  const body = opts.body ?? null;
  const h = await partnerHeaders({
    keyId: opts.keyId ?? KEY,
    kind: opts.kind ?? 'timestamp',
    value: opts.value ?? TS,
    url: opts.signedUrl ?? url(path),
    body,
  });
  return rawRequest({
    port,
    method,
    target: `/api/v1/p${opts.sentPath ?? path}`,
    headers: opts.headers ? opts.headers(h) : h,
    body: opts.sentBody === undefined ? body : opts.sentBody,
    ...(opts.host ? { host: opts.host } : {}),
  });
}

describe('Partner authentication: genuine requests', () => {
  it('accepts a request signed over timestamp + URL + body', async () => {
    const res = await send({});
    expect(res.status).toBe(200);
    expect(res.json.assets['BTC-TESTNET'].scale).toBe(1e8);
  });

  it('accepts x-nonce instead of x-timestamp', async () => {
    expect((await send({ kind: 'nonce', value: 'first-nonce' })).status).toBe(200);
  });

  it('accepts the edges of the ±300 s window', async () => {
    expect((await send({ value: '1699999700' })).status).toBe(200);
    expect((await send({ value: '1700000300' })).status).toBe(200);
  });

  it('matches header names case-insensitively, as Go and axios send them', async () => {
    const goStyle = (h: Record<string, string>) => ({
      'X-Api-Key': h['x-api-key']!,
      'X-Timestamp': h['x-timestamp']!,
      'X-Sign': h['x-sign']!,
    });
    const axiosStyle = (h: Record<string, string>) => ({
      'X-API-KEY': h['x-api-key']!,
      'x-timestamp': h['x-timestamp']!,
      'x-sign': h['x-sign']!,
    });
    expect((await send({ headers: goStyle })).status).toBe(200);
    expect((await send({ headers: axiosStyle })).status).toBe(200);
  });

  it('treats an empty x-nonce beside x-timestamp as absent (a generated client sends one)', async () => {
    expect((await send({ headers: (h) => ({ ...h, 'x-nonce': '' }) })).status).toBe(200);
    expect(
      (await send({ kind: 'nonce', value: 'n-empty-ts', headers: (h) => ({ ...h, 'x-timestamp': '' }) })).status,
    ).toBe(200);
  });

  it('signs the body as the raw bytes sent: pretty and compact JSON are both fine as sent', async () => {
    const pretty = '{\n  "type": "transferOut",\n  "asset": "BTC-TESTNET",\n  "amount": 200000\n}\n';
    const res = await send({ method: 'POST', path: '/fees', body: pretty });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ netAmount: 200000, amountToSend: 200200, fees: 200 });
  });

  it('leaves the v1 API on the same port as it was', async () => {
    const res = await signedRequest(port, 'full', 'GET', '/balance', { timestamp: formatTimestamp(NOW_MS) });
    expect(res.status).toBe(200);
    expect((await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance' })).status).toBe(401);
  });
});

describe('Partner authentication: each tampered element is refused with errPartnerAuth and its reason', () => {
  it('the method added to the payload, out of v1 habit', async () => {
    const h = await partnerHeaders({ keyId: KEY, value: `${TS}GET`, url: url('/assets'), body: null });
    const res = await rawRequest({
      port,
      method: 'GET',
      target: '/api/v1/p/assets',
      headers: { ...h, 'x-timestamp': TS },
    });
    expectAuthError(res, 'signature', /covers the HTTP method/);
  });

  it('a wrong key: signed with another partner private key', async () => {
    const other = findPartnerDemoKey('partner-fresh');
    const res = await send({
      keyId: 'partner-fresh',
      headers: (h) => ({ ...h, 'x-api-key': findPartnerDemoKey(KEY).apiKey }),
    });
    expect(other.apiKey).not.toBe(findPartnerDemoKey(KEY).apiKey);
    expectAuthError(res, 'signature', /not the RSA-SHA256 signature/);
  });

  it('an unknown or missing API key', async () => {
    expectAuthError(
      await send({ headers: (h) => ({ ...h, 'x-api-key': 'eyJub3QiOiJrbm93biJ9' }) }),
      'api key',
      /no demo partner/,
    );
    const { 'x-api-key': _, ...rest } = await partnerHeaders({
      keyId: KEY,
      value: TS,
      url: url('/assets'),
      body: null,
    });
    expectAuthError(
      await rawRequest({ port, method: 'GET', target: '/api/v1/p/assets', headers: rest }),
      'api key',
      /missing/,
    );
    expectAuthError(
      await rawRequest({ port, method: 'GET', target: '/api/v1/p/assets', headers: { ...rest, 'qredo-api-key': 'x' } }),
      'api key',
      /Qredo API v1 header/,
    );
  });

  it('a stale or future timestamp, and a timestamp in milliseconds', async () => {
    expectAuthError(await send({ value: '1699999699' }), 'timestamp', /301 s behind .* within \+\/-300 s/);
    expectAuthError(await send({ value: '1700000301' }), 'timestamp', /301 s ahead/);
    expectAuthError(await send({ value: '1700000000000' }), 'timestamp', /milliseconds/);
    expectAuthError(await send({ value: '17e8' }), 'timestamp', /decimal digits/);
  });

  it('a replayed nonce, and a nonce that is not printable ASCII', async () => {
    expect((await send({ kind: 'nonce', value: 'replay-me' })).status).toBe(200);
    expectAuthError(await send({ kind: 'nonce', value: 'replay-me' }), 'nonce', /already used/);
    expectAuthError(await send({ kind: 'nonce', value: 'a'.repeat(65) }), 'nonce', /printable ASCII/);
  });

  it('records a nonce only when the request passes', async () => {
    const bad = await send({ kind: 'nonce', value: 'keep-me', sentPath: '/assets?x=1' });
    expectAuthError(bad, 'signature');
    expect((await send({ kind: 'nonce', value: 'keep-me' })).status).toBe(200);
  });

  it('a replayed nonce of one partner is new to another', async () => {
    expect((await send({ kind: 'nonce', value: 'shared-1', keyId: 'partner-fresh' })).status).toBe(200);
    expect((await send({ kind: 'nonce', value: 'shared-1' })).status).toBe(200);
  });

  it('both headers, or neither', async () => {
    expectAuthError(await send({ headers: (h) => ({ ...h, 'x-nonce': '1' }) }), 'timestamp and nonce both present');
    const { 'x-timestamp': _, ...rest } = await partnerHeaders({
      keyId: KEY,
      value: TS,
      url: url('/assets'),
      body: null,
    });
    expectAuthError(
      await rawRequest({ port, method: 'GET', target: '/api/v1/p/assets', headers: rest }),
      'timestamp or nonce missing',
    );
  });

  it('a padded, standard-alphabet, truncated or missing signature', async () => {
    expectAuthError(await send({ headers: (h) => ({ ...h, 'x-sign': `${h['x-sign']}==` }) }), 'signature', /padding/);
    const standard = (h: Record<string, string>) => {
      // Deterministic: this request's signature has - or _, so its standard form differs.
      expect(h['x-sign']).toMatch(/[-_]/);
      return { ...h, 'x-sign': h['x-sign']!.replace(/-/g, '+').replace(/_/g, '/') };
    };
    expectAuthError(await send({ headers: standard }), 'signature', /standard base64 alphabet/);
    expectAuthError(
      await send({ headers: (h) => ({ ...h, 'x-sign': h['x-sign']!.slice(0, 340) }) }),
      'signature',
      /decodes to 255 bytes/,
    );
    expectAuthError(
      await send({ headers: (h) => ({ 'x-api-key': h['x-api-key']!, 'x-timestamp': TS }) }),
      'signature',
      /missing header x-sign/,
    );
  });

  it('the query changed, reordered or re-encoded', async () => {
    const path = '/company/search?query=ACME%20Corp&x=1';
    expectAuthError(await send({ path, sentPath: '/company/search?query=ACME+Corp&x=1' }), 'signature');
    expectAuthError(await send({ path, sentPath: '/company/search?x=1&query=ACME%20Corp' }), 'signature');
    expectAuthError(await send({ path, sentPath: '/company/search' }), 'signature');
    expect((await send({ path })).status).toBe(200);
  });

  it('the body changed or re-serialised after signing', async () => {
    const body = '{"type":"transferOut","asset":"BTC-TESTNET","amount":200000}';
    expectAuthError(
      await send({ method: 'POST', path: '/fees', body, sentBody: body.replace('200000', '200001') }),
      'signature',
    );
    expectAuthError(
      await send({ method: 'POST', path: '/fees', body, sentBody: JSON.stringify(JSON.parse(body), null, 2) }),
      'signature',
    );
    expectAuthError(await send({ method: 'POST', path: '/fees', body, sentBody: `${body}\n` }), 'signature');
    expectAuthError(await send({ method: 'POST', path: '/fees', body, sentBody: null }), 'signature');
  });

  it('another host or scheme signed than the one requested', async () => {
    expectAuthError(await send({ host: `localhost:${port}` }), 'signature', /http:\/\/localhost/);
    expectAuthError(await send({ signedUrl: `https://127.0.0.1:${port}/api/v1/p/assets` }), 'signature');
    expectAuthError(await send({ signedUrl: `https://api.qredo.network/api/v1/p/assets` }), 'signature');
  });
});

describe('Partner API: before and after authentication', () => {
  it('answers the docs typo /qapi/v1/p with a 404 that names the right base, without authentication', async () => {
    const res = await rawRequest({ port, method: 'GET', target: '/qapi/v1/p/assets' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: 404, msg: 'Not Found', detail: { reason: 'no such route' } });
    expect(res.headers['x-mock-hint']).toMatch(/\/api\/v1\/p/);
  });

  it('authenticates before routing: an unknown path is 401 unsigned, 404 signed; a wrong method is 405', async () => {
    expectAuthError(await rawRequest({ port, method: 'GET', target: '/api/v1/p/nothing-here' }), 'api key');
    const signed = await send({ path: '/nothing-here' });
    expect(signed.status).toBe(404);
    expect(signed.json.detail.reason).toBe('no such route');
    const wrong = await send({ method: 'DELETE', path: '/assets' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
  });

  it('answers 501 naming the operation for the Signing Agent (x-api-zkp) endpoints, without RSA', async () => {
    const res = await rawRequest({ port, method: 'GET', target: '/api/v1/p/coreclient/feed' });
    expect(res.status).toBe(501);
    expect(res.json.detail.reason).toMatch(/GET \/coreclient\/feed/);
    expect(res.headers['x-mock-hint']).toMatch(/x-api-zkp/);
    const upgrade = await rawRequest({
      port,
      method: 'GET',
      target: '/api/v1/p/coreclient/feed',
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'x-api-zkp': 'ab12' },
    });
    expect(upgrade.status).toBe(501);
    expect(upgrade.headers['x-mock-hint']).toMatch(/x-api-zkp/);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await rawRequest({ port, method: 'POST', target: '/api/v1/p/fees', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });

  it('authenticates a WebSocket handshake over its ws:// URL; a feed the mock does not serve answers 501', async () => {
    const upgrade = {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    const path = '/wallets/feed';
    const signed = await partnerHeaders({
      keyId: KEY,
      value: TS,
      url: `ws://127.0.0.1:${port}/api/v1/p${path}`,
      body: null,
    });
    const ok = await rawRequest({
      port,
      method: 'GET',
      target: `/api/v1/p${path}`,
      headers: { ...upgrade, ...signed },
    });
    expect(ok.status).toBe(501);
    expect(ok.json.detail.reason).toMatch(/handshake was authenticated/);
    const overHttp = await partnerHeaders({ keyId: KEY, value: TS, url: url(path), body: null });
    expectAuthError(
      await rawRequest({ port, method: 'GET', target: `/api/v1/p${path}`, headers: { ...upgrade, ...overHttp } }),
      'signature',
    );
  });

  it('logs method, path and status only', async () => {
    await send({ path: '/company/search?query=secret-looking' });
    const joined = logLines.join('\n');
    expect(joined).toMatch(/GET \/api\/v1\/p\/company\/search 200/);
    expect(joined).not.toMatch(/secret-looking|eyJ|x-sign/);
  });
});

describe('the sandbox-lenient switch', () => {
  let lenient: Server;
  let lenientPort = 0;
  beforeAll(async () => {
    const api = createPartnerApi({ now: () => NOW_MS, acceptUnsigned: true });
    lenient = createServer((req, res) => api.serve(req, res));
    await new Promise<void>((resolve) => lenient.listen(0, '127.0.0.1', resolve));
    lenientPort = (lenient.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => lenient.close(() => resolve())));

  it('accepts a request with only X-API-KEY, never a wrong signature', async () => {
    const apiKey = findPartnerDemoKey(KEY).apiKey;
    expect(
      (
        await rawRequest({
          port: lenientPort,
          method: 'GET',
          target: '/api/v1/p/assets',
          headers: { 'x-api-key': apiKey },
        })
      ).status,
    ).toBe(200);
    const wrong = await rawRequest({
      port: lenientPort,
      method: 'GET',
      target: '/api/v1/p/assets',
      headers: { 'x-api-key': apiKey, 'x-timestamp': TS, 'x-sign': 'A'.repeat(342) },
    });
    expectAuthError(wrong, 'signature');
    expect((await partnerRequest(lenientPort, KEY, 'GET', '/assets', { value: TS })).status).toBe(200);
  });
});
