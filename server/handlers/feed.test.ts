/**
 * GET /api/feed and POST /api/mock/reset, on a real http.Server with the real mock as the upstream and
 * an injected clock shared by playground and mock: the order of events, never their times.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { EXAMPLE_TRANSACTION_BODY } from '../../core/catalogue.ts';
import { FeedEvent, MockResetResponse } from '../../core/contract.ts';
import { buildStringToSign, decodeSecret, sign } from '../../core/signing/index.ts';
import { nodeHmac } from '../crypto.ts';
import { loadConfig } from '../config/config.ts';
import { findDemoKey } from '../mock/keys.ts';
import { TIMELINE } from '../mock/transactions.ts';
import { createServices } from '../services.ts';
import { startTestPlayground, type StreamedAnswer, type TestPlayground } from '../../test-support/playground.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';

const START_MS = 1_700_000_000_000;
/** A secret in the shape of a Qredo one; the playground must never show it. */
const WRONG_SECRET = Buffer.from('$2a$10$FeedTestSecretThatTheMockDoesNotKnow.abcdefghijklmnopqrst').toString('base64');

let open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.map((o) => o.close()));
  open = [];
});

async function playground(opts: Parameters<typeof startTestPlayground>[0] = {}) {
  let clock = START_MS;
  const p = await startTestPlayground({ clock: () => clock, mockNow: () => clock, ...opts });
  open.push(p);
  return { p, advanceTo: (offsetMs: number) => (clock = START_MS + offsetMs), now: () => clock };
}

/** Every line of a stream is a FeedEvent of the contract. */
function expectContract(lines: unknown[]): void {
  for (const line of lines) expect(FeedEvent.safeParse(line).success, JSON.stringify(line)).toBe(true);
}

/** The secret's forms that must never leave the server. */
function expectNoLeak(p: TestPlayground, secret: string): void {
  const key = decodeSecret(secret);
  const forms = [secret, key.ok ? Buffer.from(key.key).toString('utf8') : secret];
  for (const text of [...p.answers, ...p.logs]) for (const form of forms) expect(text).not.toContain(form);
}

describe('GET /api/feed', () => {
  it('relays the mock feed: open, then a new transaction created → pending → authorized → approved', async () => {
    const { p, advanceTo } = await playground();
    const feed = await p.stream('/api/feed?environment=mock&demoKey=full');
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('no-store');
    const opened = await feed.next();
    expect(opened).toMatchObject({
      type: 'open',
      environment: 'mock',
      url: `${p.mock.baseUrl.replace('http://', 'ws://')}/transactions/feed`,
      keyId: findDemoKey('full').keyId,
    });

    const sent = await p.call('POST', '/api/send', {
      body: {
        environment: 'mock',
        demoKey: 'full',
        method: 'POST',
        path: '/transaction',
        body: EXAMPLE_TRANSACTION_BODY,
      },
    });
    expect(sent.json.response.status).toBe(200);
    const txID = JSON.parse(sent.json.response.body).txID as string;

    const seen: unknown[] = [await feed.next()];
    for (const offset of [TIMELINE.pending, TIMELINE.authorized, TIMELINE.approved]) {
      advanceTo(offset);
      p.mock.flushFeed();
      seen.push(await feed.next());
    }
    expect(seen.map((m) => (m as { type: string; parsed: { txID: string; status: string } }).parsed)).toMatchObject([
      { txID, status: 'created' },
      { txID, status: 'pending' },
      { txID, status: 'authorized' },
      { txID, status: 'approved' },
    ]);
    for (const m of seen as Array<{ type: string; raw: string; parsed: unknown }>) {
      expect(m.type).toBe('message');
      // The exact text frame, and the same thing read.
      expect(JSON.parse(m.raw)).toEqual(m.parsed);
    }
    const approved = (seen[3] as { parsed: { timestamps: Record<string, number>; txHash: string } }).parsed;
    expect(Object.keys(approved.timestamps)).toEqual(['created', 'pending', 'authorized', 'approved']);
    expect(approved.txHash).not.toBe('');
    expectContract(feed.lines);
    feed.abort();
  });

  it('answers a refused handshake as an error with the upstream status and reason, then closed', async () => {
    const { p } = await playground({
      env: { QREDO_SANDBOX_API_KEY: findDemoKey('full').keyId, QREDO_SANDBOX_API_SECRET: WRONG_SECRET },
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: c.baseUrls.mock } }),
    });
    const feed = await p.stream('/api/feed?environment=sandbox');
    expect(feed.status).toBe(200);
    await feed.ended;
    expect(feed.lines.map((l: { type: string }) => l.type)).toEqual(['error', 'closed']);
    expect(feed.lines[0]).toMatchObject({
      type: 'error',
      code: 'upstream-refused',
      status: 401,
      reason: expect.stringMatching(/^signature mismatch/),
      message: expect.stringMatching(/^The sandbox feed refused the handshake: 401 Unauthorized: signature mismatch/),
    });
    expectContract(feed.lines);
    expectNoLeak(p, WRONG_SECRET);
  });

  it('passes on the refusals of the mock: 403 without the Web3 permission, 503 for the unavailable key', async () => {
    const { p } = await playground();
    for (const [demoKey, status] of [
      ['read-only', 403],
      ['unavailable', 503],
    ] as const) {
      const feed = await p.stream(`/api/feed?environment=mock&demoKey=${demoKey}`);
      await feed.ended;
      expect(feed.lines.map((l: { type: string }) => l.type)).toEqual(['error', 'closed']);
      expect(feed.lines[0]).toMatchObject({ code: 'upstream-refused', status, reason: expect.any(String) });
    }
  });

  it('says so when the upstream cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { p } = await playground({
      env: { QREDO_SANDBOX_API_KEY: 'feedTestKey01', QREDO_SANDBOX_API_SECRET: WRONG_SECRET },
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: `http://127.0.0.1:${port}/qapi/v1` } }),
    });
    const feed = await p.stream('/api/feed?environment=sandbox');
    await feed.ended;
    expect(feed.lines.map((l: { type: string; code?: string }) => [l.type, l.code])).toEqual([
      ['error', 'upstream-unreachable'],
      ['closed', undefined],
    ]);
  });

  it('signs the handshake over the ws URL with the environment key, and closes the upstream when the page stops reading', async () => {
    const upstreamClosed: Array<() => void> = [];
    const handshakes: IncomingMessage[] = [];
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    open.push({ close: () => new Promise<void>((resolve) => wss.close(() => resolve())) });
    const closedUpstream = new Promise<number>((resolve) => upstreamClosed.push(() => resolve(1)));
    wss.on('connection', (ws, req) => {
      handshakes.push(req);
      ws.send('{"txID":"2Yfake","status":"created","timestamps":{"created":1700000000}}');
      ws.send('not json at all');
      ws.on('close', () => upstreamClosed.forEach((f) => f()));
    });
    const upstreamPort = (wss.address() as AddressInfo).port;
    const { p, now } = await playground({
      env: { QREDO_PRODUCTION_API_KEY: 'feedTestKey01', QREDO_PRODUCTION_API_SECRET: WRONG_SECRET },
      config: (c) => ({
        ...c,
        baseUrls: { ...c.baseUrls, production: `http://127.0.0.1:${upstreamPort}/qapi/v1/` },
      }),
    });
    const feed: StreamedAnswer = await p.stream('/api/feed?environment=production');
    expect(await feed.next()).toMatchObject({
      type: 'open',
      url: `ws://127.0.0.1:${upstreamPort}/qapi/v1/transactions/feed`,
      keyId: 'feedTestKey01',
    });
    expect(await feed.next()).toMatchObject({ type: 'message', parsed: { txID: '2Yfake', status: 'created' } });
    expect(await feed.next()).toMatchObject({ type: 'message', raw: 'not json at all', parsed: null });

    const h = handshakes[0]!.headers;
    const ts = String(Math.floor(now() / 1000));
    expect(h['qredo-api-key']).toBe('feedTestKey01');
    expect(h['qredo-api-ts']).toBe(ts);
    const secret = decodeSecret(WRONG_SECRET);
    if (!secret.ok) throw new Error(secret.error);
    const expected = await sign(
      nodeHmac,
      secret.key,
      buildStringToSign({
        timestamp: ts,
        method: 'GET',
        url: `ws://127.0.0.1:${upstreamPort}/qapi/v1/transactions/feed`,
        body: null,
      }),
    );
    expect(h['qredo-api-sig']).toBe(expected.value);
    expect(handshakes[0]!.url).toBe('/qapi/v1/transactions/feed');

    feed.abort();
    expect(await closedUpstream).toBe(1);
    expectNoLeak(p, WRONG_SECRET);
  });

  it('refuses what is not a feed query, and an environment without a key, as plain JSON errors', async () => {
    const { p } = await playground();
    const cases: Array<[string, number, string]> = [
      ['/api/feed', 400, 'invalid-request'],
      ['/api/feed?environment=mars', 400, 'invalid-request'],
      ['/api/feed?environment=mock&demoKey=nobody', 400, 'invalid-request'],
      ['/api/feed?environment=mock&url=ws://evil.example/', 400, 'invalid-request'],
      ['/api/feed?environment=mock&environment=sandbox', 400, 'invalid-request'],
      ['/api/feed?environment=sandbox&demoKey=full', 400, 'invalid-request'],
      ['/api/feed?environment=sandbox', 400, 'no-credentials'],
    ];
    for (const [path, status, code] of cases) {
      const r = await p.call('GET', path);
      expect([path, r.status, r.json?.error?.code]).toEqual([path, status, code]);
    }
    expect((await p.call('GET', '/api/feed?environment=mock', { token: false })).status).toBe(401);
    expect((await p.call('POST', '/api/feed?environment=mock')).status).toBe(405);
  });
});

describe('POST /api/mock/reset', () => {
  it('resets the mock on the port (through its /__mock/reset) and answers the seed', async () => {
    const { p } = await playground();
    const sent = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'POST', path: '/transaction', body: EXAMPLE_TRANSACTION_BODY },
    });
    const txID = JSON.parse(sent.json.response.body).txID as string;
    const status = () =>
      p.call('POST', '/api/send', {
        body: { environment: 'mock', method: 'GET', path: `/transactions/${txID}/status`, body: null },
      });
    expect((await status()).json.response.status).toBe(200);
    const reset = await p.call('POST', '/api/mock/reset');
    expect([reset.status, MockResetResponse.parse(reset.json)]).toEqual([200, { reset: true, seed: 0 }]);
    expect((await status()).json.response.status).toBe(404);
    expect((await p.call('GET', '/api/mock/reset')).status).toBe(405);
  });

  it('answers 502 with the reason when no mock answers on its port', async () => {
    const { p } = await playground({
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, mock: 'http://127.0.0.1:1/qapi/v1' } }),
    });
    const r = await p.call('POST', '/api/mock/reset');
    expect(r.status).toBe(502);
    expect(r.json.error).toMatchObject({
      code: 'mock-reset-failed',
      message: expect.stringMatching(/no mock answers/),
    });
  });

  it('resets the mock the playground started in-process', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const mockPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const env = { PLAYGROUND_DATA_DIR: tempDir(), MOCK_PORT: String(mockPort) };
    const services = createServices(loadConfig(env), { env, log: () => undefined });
    open.push(services);
    await services.ensureMock();
    expect(await services.resetMock()).toEqual({ seed: 0 });
  });
});
