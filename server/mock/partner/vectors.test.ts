/**
 * The 34 signing vectors replayed against the Partner API mock over HTTP, each on a fresh mock whose
 * clock is set to the vector's timestamp and whose scheme is the vector URL's, with the vector's Host
 * header, headers and body byte for byte. The accept vectors pass authentication (and get the answer
 * listed below from the `vectors` world); the reject vectors get the answer they state.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../../core/fixtures/partner-vectors.json' with { type: 'json' };
import { rawRequest } from '../../../test-support/http-client.ts';
import { type PartnerApi, createPartnerApi } from './api.ts';
import { NonceLog, verifyPartnerRequest } from './auth.ts';

type Vector = Omit<(typeof fixture.vectors)[number], 'request'> & {
  request: { method: string; url: string; headers: Record<string, string> };
  serverAnswer?: { status: number; body: { code: number; msg: string; detail: { reason: string } } };
};
const vectors = fixture.vectors as unknown as Vector[];

/** What the mock answers each accept vector after authentication, from the seeded `vectors` world. */
const ACCEPTED: Record<string, number> = {
  'get-assets-production': 200,
  'get-assets-sandbox': 200,
  'get-assets-local-mock': 200,
  'get-company-search-query': 200,
  'get-ledger-query-order': 200,
  'get-ledger-query-reordered': 200,
  'get-company-search-percent-encoded': 200,
  'get-company-search-plus-encoded': 200,
  'nonce-instead-of-timestamp': 200,
  'nonce-counter': 200,
  // ACME Corp with this ref is already in the world: Create Company answers 409.
  'post-company-compact': 409,
  'post-company-pretty-2space': 409,
  'post-company-pretty-trailing-lf': 409,
  'post-company-pretty-tabs': 409,
  'post-company-crlf': 409,
  'post-company-docs-uncompressed': 409,
  'post-company-unicode-raw-utf8': 200,
  'post-company-unicode-escaped': 200,
  'post-coreclient-empty-body': 200,
  'post-coreclient-no-body': 200,
  'put-company-update': 200,
  'delete-trustedparty': 202,
  'post-transfer-compact': 200,
  'put-wallet-policy': 200,
  // Feeds: the handshake is authenticated, then upgraded (the vectors' core client is in the world).
  'wss-coreclient-feed': 101,
  'wss-liquidityhub-feed': 101,
  'long-body-100KiB': 200,
  'pkcs8-key-same-signature': 200,
};

/** The vector's own time; the millisecond one is replayed at the second it meant (1700000000). */
const clockOf = (v: Vector) =>
  v.header === 'x-timestamp' && v.timestampOrNonce.length === 10
    ? Number(v.timestampOrNonce) * 1000
    : 1_700_000_000_000;
const lower = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, x]) => [k.toLowerCase(), x]));

describe('the vectors through the verifier', () => {
  for (const v of vectors) {
    it(v.name, () => {
      const result = verifyPartnerRequest({
        method: v.method,
        url: v.url,
        headers: lower(v.request.headers),
        body: new TextEncoder().encode(v.body ?? ''),
        nowMs: clockOf(v),
        windowSeconds: 300,
        nonces: new NonceLog(),
      });
      // The /qapi typo is refused by routing, not by authentication: its signature is valid.
      if (v.expect === 'accept' || v.name === 'reject-qapi-typo-base') expect(result).toMatchObject({ ok: true });
      else expect(result).toMatchObject({ ok: false, reason: v.serverAnswer!.body.detail.reason });
    });
  }
});

describe('the vectors over HTTP', () => {
  let current: PartnerApi;
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => current.serve(req, res));
    server.on('upgrade', (req, socket) => current.upgrade(req, socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lists an answer for every accept vector', () => {
    expect(Object.keys(ACCEPTED).sort()).toEqual(
      vectors
        .filter((v) => v.expect === 'accept')
        .map((v) => v.name)
        .sort(),
    );
  });

  for (const v of vectors) {
    it(v.name, async () => {
      const u = new URL(v.url);
      const secure = u.protocol === 'https:' || u.protocol === 'wss:';
      current = createPartnerApi({ now: () => clockOf(v), scheme: secure ? 'https' : 'http' });
      const feed = u.protocol.startsWith('ws');
      const res = await rawRequest({
        port,
        method: v.method,
        host: u.host,
        target: u.pathname + u.search,
        headers: {
          ...v.request.headers,
          ...(feed
            ? {
                connection: 'Upgrade',
                upgrade: 'websocket',
                'sec-websocket-version': '13',
                'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
              }
            : {}),
        },
        body: v.body,
      });
      if (v.expect === 'accept') {
        expect(res.status, res.text).toBe(ACCEPTED[v.name]);
        expect(res.json?.msg).not.toBe('errPartnerAuth');
      } else {
        expect(res.status).toBe(v.serverAnswer!.status);
        expect(res.json).toEqual(v.serverAnswer!.body);
      }
    });
  }
});
