/**
 * The Partner API's feeds on a real mock server with an injected clock: the handshake (accepted over its
 * ws:// URL, refused as an HTTP answer), the core client's actions in order, and each message checked
 * against the OpenAPI file's ActionInfo by ../openapi/validate.ts.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadOpenApi, validateAgainst } from '../openapi/validate.ts';
import { type MockServer, startMockServer } from '../server.ts';
import { partnerHeaders, partnerRequest, tryPartnerFeed } from '../../../test-support/partner-client.ts';
import type { FeedClient } from '../../../test-support/mock-client.ts';
import { coreClientChanges } from './feeds.ts';
import { createWorld } from './seed.ts';
import { APPROVAL_STEP_SECONDS } from './world.ts';

const spec = loadOpenApi(fileURLToPath(new URL('./partner-api-swagger.yaml', import.meta.url)));
const KEY = 'partner-test-key';
const CLIENT = 'ZupenzfrjAixU7G5AoDTpH113mwBa6enNfnhkEETqWix';
const COMPANY = '1va2cJ2pqdLSFAN5t1knBrnuMvw';
const FROM = 'HUnmEJEgYeNYj2pTH8DfikDcH5gjHqhj9iadgVQgRKMk';
const TO = 'D1h4cyu5MJWDSgo6UczEPmEPAHKZ3vDkNiPXVrs6QuSP';
const START_S = 1_700_000_000;
let clock = START_S * 1000;
let server: MockServer;
const log: string[] = [];
const now = () => String(Math.floor(clock / 1000));

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock, log: (line) => log.push(line) });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  clock = START_S * 1000;
});

const open = async (path: string): Promise<FeedClient> => {
  const result = await tryPartnerFeed(server.port, KEY, path, { value: now() });
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.status} ${JSON.stringify(result.refusal.json)}`);
  return result.client;
};

const refused = async (path: string, opts: { signedUrl?: string; key?: string } = {}) => {
  const result = await tryPartnerFeed(server.port, opts.key ?? KEY, path, {
    value: now(),
    ...(opts.signedUrl ? { signedUrl: opts.signedUrl } : {}),
  });
  if ('client' in result) {
    await result.client.close();
    throw new Error('the handshake was accepted');
  }
  return result.refusal;
};

const transfer = async (fields: Record<string, unknown>): Promise<string> => {
  const body = JSON.stringify({
    wallet_id: FROM,
    counterparty_wallet_address: TO,
    expires: START_S + 3600,
    send: { symbol: 'BTC-TESTNET', amount: 1000 },
    ...fields,
  });
  const res = await partnerRequest(server.port, KEY, 'POST', `/company/${COMPANY}/transfer`, { value: now(), body });
  expect(res.status, res.text).toBe(200);
  return res.json.tx_id;
};

/** Every message is ActionInfo; `coreClientID`, which docs/partner-api.md carries and the file does not declare, is the only extra. */
const expectActionInfo = (message: unknown) => {
  const deviations = validateAgainst(spec, '#/components/schemas/ActionInfo', message).filter(
    (d) => !(d.keyword === 'additionalProperties' && d.pointer === '/coreClientID'),
  );
  expect(deviations).toEqual([]);
};

describe('the core client feed', () => {
  it('upgrades a handshake signed over its ws:// URL and streams an authorized transfer: pending, then expired', async () => {
    const client = await open(`/coreclient/${CLIENT}/feed`);
    expect(log.at(-1)).toBe(`UPGRADE /api/v1/p/coreclient/${CLIENT}/feed 101`);
    await transfer({ authorize_id: CLIENT, partner_txID: 'feed-1' });
    const pending = await client.next();
    expect(pending).toEqual({
      id: expect.stringMatching(/^[0-9A-Za-z]{27}$/),
      coreClientID: CLIENT,
      type: 'ApproveTransfer',
      status: 'pending',
      timestamp: START_S,
      expireTime: START_S + 3600,
    });
    clock = (START_S + 3599) * 1000;
    server.flushPartnerFeeds();
    clock = (START_S + 3600) * 1000;
    server.flushPartnerFeeds();
    const expired = await client.next();
    expect(expired).toEqual({ ...pending, status: 'expired' });
    expect(client.messages).toHaveLength(2);
    for (const m of client.messages) expectActionInfo(m);
    await client.close();
  });

  it('sends nothing for transfers that do not involve the client, nor for what happened before it connected', async () => {
    await transfer({ authorize_id: CLIENT, partner_txID: 'before' });
    const client = await open(`/coreclient/${CLIENT}/feed`);
    await transfer({ partner_txID: 'not-authorized' });
    await transfer({ authorize_id: CLIENT, partner_txID: 'after' });
    const first = await client.next();
    expect(first.status).toBe('pending');
    expect(client.messages).toHaveLength(1);
    await client.close();
  });

  it('refuses an unknown client id with 404 before the upgrade', async () => {
    const refusal = await refused('/coreclient/NoSuchClient/feed');
    expect(refusal.status).toBe(404);
    expect(refusal.json).toEqual({
      code: 404,
      msg: 'Not Found',
      detail: { reason: 'no core client NoSuchClient for this API key' },
    });
  });

  it('refuses a handshake signed over http:// (401 signature), and another partner’s client (404)', async () => {
    const path = `/coreclient/${CLIENT}/feed`;
    const overHttp = await refused(path, { signedUrl: `http://127.0.0.1:${server.port}/api/v1/p${path}` });
    expect(overHttp.status).toBe(401);
    expect(overHttp.json).toEqual({ code: 401, msg: 'errPartnerAuth', detail: { reason: 'signature' } });
    expect((await refused(path, { key: 'partner-northwind' })).status).toBe(404);
  });

  it('refuses a handshake without headers (401 api key)', async () => {
    const result = await tryPartnerFeed(server.port, KEY, `/coreclient/${CLIENT}/feed`, { value: now(), headers: {} });
    expect('refusal' in result && result.refusal.status).toBe(401);
  });
});

describe('the liquidity hub feed', () => {
  it('opens after an authenticated handshake and stays silent: the world has no swaps', async () => {
    const client = await open('/liquidityhub/feed');
    await transfer({ authorize_id: CLIENT, partner_txID: 'lh' });
    server.flushPartnerFeeds();
    expect(client.messages).toEqual([]);
    await client.close();
  });

  it('refuses a replayed or stale handshake with 401', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/v1/p/liquidityhub/feed`;
    const stale = await partnerHeaders({ keyId: KEY, value: String(START_S - 301), url, body: null });
    const result = await tryPartnerFeed(server.port, KEY, '/liquidityhub/feed', { value: now(), headers: stale });
    expect('refusal' in result && result.refusal.json.detail.reason).toBe('timestamp');
  });
});

describe('the conformance check', () => {
  it('is strict: coreClientID is reported as undeclared, a status outside the enum fails', () => {
    const message = {
      id: 'a',
      coreClientID: CLIENT,
      type: 'ApproveTransfer',
      status: 'pending',
      timestamp: 1,
      expireTime: 2,
    };
    expect(validateAgainst(spec, '#/components/schemas/ActionInfo', message).map((d) => d.pointer)).toEqual([
      '/coreClientID',
    ]);
    expect(() => expectActionInfo({ ...message, status: 'approving' })).toThrow();
  });
});

describe('coreClientChanges', () => {
  it('follows a custodian core client through its approval, in time order', () => {
    const world = createWorld('vectors');
    const company = world.companyOf(COMPANY)!;
    company.parties.push({
      id: 'party-core',
      address: CLIENT,
      name: 'core client 1',
      type: 'coreClient',
      created: START_S,
      firstName: '',
      lastName: '',
      username: '',
    });
    const wallet = world.wallets.get(FROM)!;
    world.txs.set('tx-custody', {
      id: 'tx-custody',
      kind: 'withdraw',
      companyId: COMPANY,
      walletId: FROM,
      asset: wallet.asset,
      net: 10,
      fee: 1,
      created: START_S,
      expires: START_S + 3600,
      reference: '',
      benefitOf: '',
      accountNo: '',
      partnerTxId: '',
      authorizeId: '',
      toWalletId: null,
      toAddress: 'addr',
      approvers: [
        { partyId: 'someone', actionId: 'a0', firstName: '', lastName: '', username: '' },
        { partyId: 'party-core', actionId: 'a1', firstName: '', lastName: '', username: '' },
      ],
      threshold: 2,
      settledAt: null,
      chainTxId: '',
    });
    const statuses = (t: number) =>
      coreClientChanges(world, CLIENT, t)
        .filter((c) => c.message.id === 'a1')
        .map((c) => [c.message.status, c.at, c.message.type]);
    expect(statuses(START_S)).toEqual([['pending', START_S, 'ApproveWithdraw']]);
    expect(statuses(START_S + 2 * APPROVAL_STEP_SECONDS)).toEqual([
      ['pending', START_S, 'ApproveWithdraw'],
      ['approved', START_S + 2 * APPROVAL_STEP_SECONDS, 'ApproveWithdraw'],
    ]);
    for (const c of coreClientChanges(world, CLIENT, START_S + 60)) expectActionInfo(c.message);
  });
});
