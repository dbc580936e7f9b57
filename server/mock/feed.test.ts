import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP, formatTimestamp } from '../../core/signing/index.ts';
import { type MockServer, startMockServer } from './server.ts';
import { type FeedClient, openFeed, refusedFeed, signHeaders, signedRequest } from '../../test-support/mock-client.ts';
import { TIMELINE } from './transactions.ts';

const C = 1_700_000_000_000;
let clock = C;
let server: MockServer;
const log: string[] = [];

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock, log: (line) => log.push(line) });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  clock = C;
});

const TX = (value = '1000000000000') =>
  JSON.stringify({
    from: '0x84CE2138E54b1852689132FD73dDC4D3973a44B8',
    to: '0x000000000000000000000000000000000000dEaD',
    value,
    gasLimit: '21000',
    gasPrice: '2100',
    chainID: '5',
  });

const post = async (value?: string): Promise<string> => {
  const res = await signedRequest(server.port, 'full', 'POST', '/transaction', {
    timestamp: formatTimestamp(clock),
    body: TX(value),
  });
  expect(res.status).toBe(200);
  return res.json.txID;
};

const feed = (key: 'full' | 'read-only' = 'full'): Promise<FeedClient> =>
  openFeed(server.port, key, { timestamp: formatTimestamp(clock) });

/** Moves the clock to C + offset and lets the feed send what is due. */
const at = (offsetMs: number) => {
  clock = C + offsetMs;
  server.flushFeed();
};

describe('transaction feed', () => {
  it('streams a new transaction from created to approved, one txFeedStatus per stage', async () => {
    const client = await feed();
    const txID = await post();

    const created = await client.next();
    expect(created).toMatchObject({
      txID,
      status: 'created',
      txHash: '',
      timestamps: { created: C / 1000 },
      events: [{ id: txID, status: 'created', timestamp: C / 1000, message: 'transaction created' }],
      nonce: 43,
      from: '0x84CE2138E54b1852689132FD73dDC4D3973a44B8',
      chainID: '5',
      network: 'Goerli Testnet',
    });
    expect(created).not.toHaveProperty('signedTx');

    at(TIMELINE.pending);
    expect((await client.next()).status).toBe('pending');
    at(TIMELINE.firstApproval); // an approval is not a stage: nothing new on the feed
    at(TIMELINE.authorized);
    expect((await client.next()).status).toBe('authorized');
    at(TIMELINE.approved);
    const approved = await client.next();
    expect(approved.status).toBe('approved');
    expect(approved.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(approved.timestamps).toEqual({
      created: C / 1000,
      pending: C / 1000 + 2,
      authorized: C / 1000 + 8,
      approved: C / 1000 + 10,
    });
    expect(approved.events.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'pending',
      'authorized',
      'approved',
    ]);
    // The status endpoint tells the same story.
    const status = await signedRequest(server.port, 'full', 'GET', `/transactions/${txID}/status`, {
      timestamp: formatTimestamp(clock),
    });
    expect(status.json).toMatchObject({ status: 'approved', txHash: approved.txHash });
    expect(client.messages).toHaveLength(4);
    await client.close();
  });

  it('sends every stage a jump of the clock passed, in the order they happened, each as it stood then', async () => {
    const client = await feed();
    const first = await post();
    at(TIMELINE.pending + 1_000);
    const second = await post();
    at(TIMELINE.approved + 60_000);
    const got = [];
    for (let i = 0; i < 8; i++) {
      const m = await client.next();
      got.push([m.txID === first ? 'first' : m.txID === second ? 'second' : m.txID, m.status]);
    }
    expect(got).toEqual([
      ['first', 'created'],
      ['first', 'pending'],
      ['second', 'created'],
      ['second', 'pending'],
      ['first', 'authorized'],
      ['first', 'approved'],
      ['second', 'authorized'],
      ['second', 'approved'],
    ]);
    expect(client.messages[1].timestamps).toEqual({ created: C / 1000, pending: C / 1000 + 2 });
    await client.close();
  });

  it('tells a client only what moves after it connected, and every client the same', async () => {
    const early = await post();
    at(TIMELINE.pending);
    const a = await feed();
    const b = await feed();
    server.flushFeed(); // early's stages so far, and the seeded transactions, are not sent
    const late = await post(); // at C + 2 s: pending at C + 4 s, authorized at C + 10 s
    at(TIMELINE.authorized);
    for (const client of [a, b]) {
      expect(await client.next()).toMatchObject({ txID: late, status: 'created' });
      expect(await client.next()).toMatchObject({ txID: late, status: 'pending' });
      expect(await client.next()).toMatchObject({ txID: early, status: 'authorized' });
    }
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps a connection across reset(): the new state streams as it moves', async () => {
    const client = await feed();
    await post();
    expect((await client.next()).status).toBe('created');
    server.reset();
    at(TIMELINE.approved); // the forgotten transaction says nothing more
    const again = await post();
    expect(await client.next()).toMatchObject({ txID: again, status: 'created' });
    await client.close();
  });

  it('closes feed connections when the server closes', async () => {
    const own = await startMockServer({ port: 0, now: () => C });
    const client = await openFeed(own.port, 'full', { timestamp: formatTimestamp(C) });
    await own.close();
    expect(await client.closed).toBe(1006);
  });
});

describe('transaction feed handshake', () => {
  const ts = () => formatTimestamp(clock);
  const refused = (opts: Parameters<typeof refusedFeed>[2], key: Parameters<typeof refusedFeed>[1] = 'full') =>
    refusedFeed(server.port, key, opts);

  it('refuses before upgrading, with the HTTP error answer and its reason', async () => {
    const missing = await refused({ timestamp: ts(), headers: {} });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      code: 401,
      msg: 'Unauthorized',
      detail: { reason: 'missing headers "qredo-api-key", "qredo-api-ts", "qredo-api-sig"' },
    });

    const signed = await signHeaders('full', {
      timestamp: ts(),
      method: 'GET',
      url: `ws://127.0.0.1:${server.port}/qapi/v1/transactions/feed`,
      body: null,
    });
    const spoilt = await refused({ timestamp: ts(), headers: { ...signed, [HEADER_SIGNATURE]: 'x'.repeat(43) } });
    expect(spoilt.status).toBe(401);
    expect(spoilt.json.detail.reason).toMatch(/^signature mismatch/);

    const stale = await refused({ timestamp: formatTimestamp(C - 301_000) });
    expect(stale.json.detail.reason).toMatch(/^timestamp expired/);

    const unknown = await refused({ timestamp: ts(), headers: { ...signed, [HEADER_KEY]: 'AAAAAAAAAAAAAA' } });
    expect(unknown.json.detail.reason).toMatch(/^unknown API key/);
    expect(signed[HEADER_TIMESTAMP]).toBe(ts());
  });

  it('signs ws://, the Host as sent and the target as sent; says so when http:// or wss:// was signed', async () => {
    const port = server.port;
    const http = await refused({ timestamp: ts(), signedUrl: `http://127.0.0.1:${port}/qapi/v1/transactions/feed` });
    expect(http.status).toBe(401);
    expect(http.json.detail.reason).toMatch(/it was signed over http:\/\/…; the feed handshake signs ws:\/\/HOST/);
    const wss = await refused({ timestamp: ts(), signedUrl: `wss://127.0.0.1:${port}/qapi/v1/transactions/feed` });
    expect(wss.json.detail.reason).toMatch(/it was signed over wss:\/\/…; the embedded mock is plain ws:\/\//);
    const otherHost = await refused({
      timestamp: ts(),
      signedUrl: `ws://localhost:${port}/qapi/v1/transactions/feed`,
    });
    expect(otherHost.json.detail.reason).toMatch(/^signature mismatch/);
    // Host and target as sent, signed as sent: accepted.
    const client = await openFeed(port, 'full', {
      timestamp: ts(),
      host: `localhost:${port}`,
      target: '/qapi/v1/transactions/feed?since=0',
    });
    await client.close();
  });

  it('applies permissions, account types and the fault keys before upgrading', async () => {
    const readOnly = await refused({ timestamp: ts() }, 'read-only');
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.detail.reason).toMatch(/lacks the Web3 Transactions permission/);
    const personal = await refused({ timestamp: ts() }, 'personal');
    expect(personal.status).toBe(403);
    expect(personal.json.detail.reason).toMatch(/personal accounts cannot use it/);
    const unavailable = await refused({ timestamp: ts() }, 'unavailable');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('30');
    const limited = [];
    for (let i = 0; i < 3; i++) {
      const res = await refusedFeed(server.port, 'rate-limited', { timestamp: ts() }).catch(() => null);
      limited.push(res?.status ?? 101);
    }
    expect(limited).toEqual([101, 101, 429]);
  });

  it('upgrades only GET /transactions/feed', async () => {
    const balance = await refused({ timestamp: ts(), target: '/qapi/v1/balance' });
    expect(balance.status).toBe(400);
    expect(balance.json.detail.reason).toBe(
      'only GET /transactions/feed is a WebSocket; GET /balance is a plain HTTP request',
    );
    expect((await refused({ timestamp: ts(), target: '/qapi/v1/nothing' })).status).toBe(404);
    const outside = await refused({ timestamp: ts(), target: '/elsewhere' });
    expect(outside.status).toBe(404);
    expect(outside.json.detail.reason).toMatch(/only under \/qapi\/v1/);
  });

  it('logs the handshake as method, path and status, never headers', async () => {
    log.length = 0;
    const client = await feed();
    await client.close();
    await refused({ timestamp: ts() }, 'read-only');
    expect(log).toEqual(['GET /qapi/v1/transactions/feed 101', 'GET /qapi/v1/transactions/feed 403']);
  });
});
