/**
 * GET /api/feed?scheme=partner: the Partner API's feeds relayed as NDJSON, on a real playground with the
 * real mock as the upstream and an injected clock: the order of events, never their times.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { FeedEvent } from '../../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';

const START_MS = 1_700_000_000_000;
const START_S = START_MS / 1000;
const CLIENT = 'ZupenzfrjAixU7G5AoDTpH113mwBa6enNfnhkEETqWix';
const COMPANY = '1va2cJ2pqdLSFAN5t1knBrnuMvw';

let open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.map((o) => o.close()));
  open = [];
});

async function playground(opts: Parameters<typeof startTestPlayground>[0] = {}) {
  let clock = START_MS;
  const p = await startTestPlayground({ clock: () => clock, mockNow: () => clock, ...opts });
  open.push(p);
  return { p, advanceTo: (offsetS: number) => (clock = START_MS + offsetS * 1000) };
}

function expectContract(lines: unknown[]): void {
  for (const line of lines) expect(FeedEvent.safeParse(line).success, JSON.stringify(line)).toBe(true);
}

const transfer = (p: TestPlayground, fields: Record<string, unknown>) =>
  p.call('POST', '/api/send', {
    body: {
      scheme: 'partner',
      environment: 'mock',
      partnerKey: 'partner-test-key',
      method: 'POST',
      path: `/company/${COMPANY}/transfer`,
      body: JSON.stringify({
        wallet_id: 'HUnmEJEgYeNYj2pTH8DfikDcH5gjHqhj9iadgVQgRKMk',
        counterparty_wallet_address: 'D1h4cyu5MJWDSgo6UczEPmEPAHKZ3vDkNiPXVrs6QuSP',
        expires: START_S + 600,
        send: { symbol: 'BTC-TESTNET', amount: 1000 },
        ...fields,
      }),
    },
  });

describe('GET /api/feed?scheme=partner', () => {
  it('relays the mock core client feed: open, then a transfer it must authorize, pending then expired', async () => {
    const { p, advanceTo } = await playground();
    const feed = await p.stream(
      `/api/feed?environment=mock&scheme=partner&feed=coreclient&clientId=${CLIENT}&partnerKey=partner-test-key`,
    );
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(await feed.next()).toEqual({
      type: 'open',
      at: START_MS,
      environment: 'mock',
      scheme: 'partner',
      url: `${p.mock.baseUrl.replace('http://', 'ws://').replace(/\/qapi\/v1$/, '/api/v1/p')}/coreclient/${CLIENT}/feed`,
      keyId: 'partner-test-key',
    });
    const sent = await transfer(p, { authorize_id: CLIENT, partner_txID: 'relay-1' });
    expect(sent.json.response.status, sent.text).toBe(200);

    const pending = await feed.next();
    expect(pending).toMatchObject({
      type: 'message',
      parsed: null,
      action: { coreClientID: CLIENT, type: 'ApproveTransfer', status: 'pending', expireTime: START_S + 600 },
    });
    expect(JSON.parse(pending.raw)).toEqual(pending.action);
    advanceTo(600);
    p.mock.flushPartnerFeeds();
    const expired = await feed.next();
    expect(expired.action).toEqual({ ...pending.action, status: 'expired' });
    expectContract(feed.lines);
    feed.abort();
  });

  it('relays the liquidity hub feed as open and silent on the mock', async () => {
    const { p } = await playground();
    const feed = await p.stream('/api/feed?environment=mock&scheme=partner&feed=liquidityhub');
    const opened = await feed.next();
    expect(opened).toMatchObject({ type: 'open', scheme: 'partner', keyId: 'partner-northwind' });
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/api\/v1\/p\/liquidityhub\/feed$/);
    feed.abort();
  });

  it('answers an unknown core client as the mock refuses it: 404 with its reason, then closed', async () => {
    const { p } = await playground();
    const feed = await p.stream('/api/feed?environment=mock&scheme=partner&feed=coreclient&clientId=NoSuchClient');
    await feed.ended;
    expect(feed.lines.map((l: { type: string }) => l.type)).toEqual(['error', 'closed']);
    expect(feed.lines[0]).toMatchObject({
      code: 'upstream-refused',
      status: 404,
      reason: 'no core client NoSuchClient for this API key',
      message:
        'The mock Partner API core client feed refused the handshake: 404 Not Found: no core client NoSuchClient for this API key',
    });
    expectContract(feed.lines);
  });

  it('says no key is configured for an environment without one, before opening anything', async () => {
    const { p } = await playground();
    const feed = await p.stream('/api/feed?environment=sandbox&scheme=partner&feed=liquidityhub');
    const text = await feed.ended;
    expect(feed.status).toBe(400);
    expect(text).toMatch(/no-credentials/);
    expect(text).toMatch(/No Partner API key is configured for the Partner API in sandbox/);
  });

  it('refuses queries that mix the schemes or miss the feed', async () => {
    const { p } = await playground();
    for (const query of [
      'environment=mock&scheme=partner',
      'environment=mock&scheme=partner&feed=coreclient',
      'environment=mock&scheme=partner&feed=liquidityhub&clientId=abc',
      'environment=mock&scheme=partner&feed=liquidityhub&demoKey=full',
      'environment=mock&feed=liquidityhub',
      'environment=sandbox&scheme=partner&feed=liquidityhub&partnerKey=partner-test-key',
      'environment=mock&scheme=partner&feed=coreclient&clientId=a/b',
    ]) {
      const feed = await p.stream(`/api/feed?${query}`);
      await feed.ended;
      expect(feed.status, query).toBe(400);
    }
  });

  it('signs the handshake with the environment’s partner key over the ws URL; the private key is in no line or log', async () => {
    const handshakes: IncomingMessage[] = [];
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    open.push({ close: () => new Promise<void>((resolve) => wss.close(() => resolve())) });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    wss.on('connection', (ws, req) => {
      handshakes.push(req);
      // An upstream that echoes the key: the redactor must take it out of the relayed frame.
      ws.send(JSON.stringify({ id: 'a1', type: 'ApproveTransfer', status: 'pending', echoed: pem }));
    });
    const port = (wss.address() as AddressInfo).port;
    const { p } = await playground({
      config: (c) => ({
        ...c,
        partnerBaseUrls: { ...c.partnerBaseUrls, production: `http://127.0.0.1:${port}/api/v1/p` },
      }),
    });
    const apiKey = 'eyJrZXlfaWQiOiJmZWVkLXRlc3QiLCJrZXkiOiJub3QtYS1yZWFsLWtleSJ9';
    const put = await p.call('PUT', '/api/partner-credentials/production', { body: { apiKey, privateKeyPem: pem } });
    expect(put.status, put.text).toBe(200);

    const feed = await p.stream('/api/feed?environment=production&scheme=partner&feed=coreclient&clientId=client-7');
    const url = `ws://127.0.0.1:${port}/api/v1/p/coreclient/client-7/feed`;
    expect(await feed.next()).toMatchObject({ type: 'open', url, scheme: 'partner' });
    const message = await feed.next();
    expect(message).toMatchObject({ type: 'message', action: { id: 'a1', status: 'pending' } });

    const h = handshakes[0]!.headers;
    expect(h['x-api-key']).toBe(apiKey);
    expect(h['x-timestamp']).toBe(String(START_S));
    expect(h['x-nonce']).toBeUndefined();
    const signed = Buffer.from(`${START_S}${url}`, 'utf8');
    expect(verify('RSA-SHA256', signed, publicKey, Buffer.from(h['x-sign'] as string, 'base64url'))).toBe(true);

    feed.abort();
    // A piece of the private part (past the modulus, which the public key shares).
    const body = pem.split('\n').slice(1, -2).join('');
    const secretPiece = body.slice(Math.floor(body.length / 2), Math.floor(body.length / 2) + 60);
    for (const text of [...p.answers, ...p.logs, ...feed.lines.map((l) => JSON.stringify(l))]) {
      expect(text).not.toContain(secretPiece);
    }
  });
});
