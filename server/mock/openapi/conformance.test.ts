/**
 * The mock held to Qredo's OpenAPI file: every operation, with every demo key, against a real mock
 * server, each answer (success and the error answers the file declares) validated by validate.ts.
 * Only the deviations listed in known-deviations.ts are allowed; any other one fails, with a report
 * naming the request, the JSON pointer and the rule it breaks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoKey } from '../../../core/contract.ts';
import { HEADER_SIGNATURE, formatTimestamp } from '../../../core/signing/index.ts';
import { dataset } from '../data.ts';
import { DEMO_KEYS } from '../keys.ts';
import { type MockServer, startMockServer } from '../server.ts';
import { type Answer, rawRequest } from '../../../test-support/http-client.ts';
import { signHeaders, signedRequest, tryFeed } from '../../../test-support/mock-client.ts';
import { TIMELINE, seededTransactionIds } from '../transactions.ts';
import { type Observation as Observed, checkObservations, readmeTableIds } from './conformance.ts';
import { KNOWN_DEVIATIONS } from './known-deviations.ts';
import { listOperations, loadOpenApi } from './validate.ts';

const SPEC_FILE = fileURLToPath(new URL('./qredo-api-swagger.yaml', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const spec = loadOpenApi(SPEC_FILE);

const START_MS = 1_700_000_000_000;
let clock = START_MS;
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock });
  await exerciseEveryOperation();
});
afterAll(() => server.close());

const WEB3_WALLET = '0x84CE2138E54b1852689132FD73dDC4D3973a44B8';
const txBody = (extra: Record<string, string> = {}) =>
  JSON.stringify({
    from: WEB3_WALLET,
    to: '0x000000000000000000000000000000000000dEaD',
    value: '250000000000000',
    gasLimit: '21000',
    gasPrice: '1500000000',
    chainID: '5',
    ...extra,
  });

type Observation = Observed<DemoKey>;

const observations: Observation[] = [];

/** One signed call, recorded for validation. */
async function observe(
  key: DemoKey,
  method: string,
  pathTemplate: string,
  path: string,
  body: string | null = null,
): Promise<Answer> {
  const res = await signedRequest(server.port, key, method, path, { timestamp: formatTimestamp(clock), body });
  observations.push({
    label: `${method} ${path} as ${key}`,
    key,
    operation: `${method} ${pathTemplate}`,
    status: res.status,
    body: res.json,
  });
  return res;
}

/**
 * The feed: its handshake answer when refused, else every message of a transaction created after it
 * opened, from created to approved (each message is the operation's declared 200 answer).
 */
async function observeFeed(key: DemoKey): Promise<void> {
  const operation = 'GET /transactions/feed';
  const result = await tryFeed(server.port, key, { timestamp: formatTimestamp(clock) });
  if ('refusal' in result) {
    const { status, json } = result.refusal;
    observations.push({ label: `feed handshake as ${key}`, key, operation, status, body: json });
    return;
  }
  const { client } = result;
  const created = await signedRequest(server.port, key, 'POST', '/transaction', {
    timestamp: formatTimestamp(clock),
    body: txBody(),
  });
  if (created.status === 200) {
    const start = clock;
    for (const offset of [TIMELINE.pending, TIMELINE.authorized, TIMELINE.approved]) {
      clock = start + offset;
      server.flushFeed();
    }
    for (let i = 0; i < 4; i++) {
      const message = await client.next();
      observations.push({ label: `feed message ${i + 1} as ${key}`, key, operation, status: 200, body: message });
    }
    clock = start;
  }
  await client.close();
}

/** The same call with its signature spoilt: the 401 every operation declares. */
async function observeUnauthorized(key: DemoKey, method: string, pathTemplate: string, path: string): Promise<void> {
  const target = `/qapi/v1${path}`;
  const headers = await signHeaders(key, {
    timestamp: formatTimestamp(clock),
    method,
    url: `http://127.0.0.1:${server.port}${target}`,
    body: null,
  });
  headers[HEADER_SIGNATURE] =
    `${headers[HEADER_SIGNATURE]!.slice(0, -1)}${headers[HEADER_SIGNATURE]!.endsWith('A') ? 'B' : 'A'}`;
  const res = await rawRequest({ port: server.port, method, target, headers });
  observations.push({
    label: `${method} ${path} as ${key}, signature spoilt`,
    key,
    operation: `${method} ${pathTemplate}`,
    status: res.status,
    body: res.json,
  });
}

/** Every deviation the table does not explain, one line each (empty when the mock conforms), and the rows used. */
const check = (list: readonly Observation[]) => checkObservations(spec, KNOWN_DEVIATIONS, list);

const OPERATIONS = listOperations(spec).map((op) => `${op.method} ${op.pathTemplate}`);

/** Calls every operation with every demo key: the account's own ids, unknown ids, bad bodies, spoilt signatures. */
async function exerciseEveryOperation(): Promise<void> {
  const org = dataset().accounts.organization;
  const orgFund = org.funds[0]!;
  const seeded = seededTransactionIds(org);
  for (const k of DEMO_KEYS) {
    clock = START_MS;
    const account = dataset().accounts[k.account];
    const funds = account.funds.length ? account.funds : [orgFund];
    await observe(k.id, 'GET', '/account', '/account');
    await observe(k.id, 'GET', '/balance', '/balance');
    await observe(k.id, 'GET', '/funds', '/funds');
    await observe(k.id, 'GET', '/funds', '/funds?archived=true');
    await observe(k.id, 'GET', '/funds', '/funds?archived=maybe');
    for (const fund of funds) {
      await observe(k.id, 'GET', '/funds/{fund_id}', `/funds/${fund.fundID}`);
      await observe(k.id, 'GET', '/funds/{fund_id}/ledger', `/funds/${fund.fundID}/ledger`);
      for (const w of fund.wallets)
        await observe(k.id, 'GET', '/wallet/{wallet_id}/history', `/wallet/${w.info.wallet_id}/history`);
    }
    await observe(k.id, 'GET', '/funds/{fund_id}', '/funds/2ZZZZZZZZZZZZZZZZZZZZZZZZZZ');
    await observe(k.id, 'GET', '/funds/{fund_id}/ledger', '/funds/2ZZZZZZZZZZZZZZZZZZZZZZZZZZ/ledger');
    await observe(k.id, 'GET', '/wallet/{wallet_id}/history', '/wallet/nope/history');
    await observe(k.id, 'GET', '/trustedparties', '/trustedparties');
    for (const txID of [seeded.approved, seeded.waiting, 'nope']) {
      await observe(k.id, 'GET', '/transactions/{tx_id}/status', `/transactions/${txID}/status`);
      await observe(k.id, 'GET', '/transactions/{tx_id}/approvals', `/transactions/${txID}/approvals`);
    }
    await observe(k.id, 'POST', '/transaction', '/transaction', '{"from":"0x84CE"}');
    await observe(k.id, 'GET', '/transactions/feed', '/transactions/feed');
    await observeFeed(k.id);
    const created = await observe(k.id, 'POST', '/transaction', '/transaction', txBody());
    if (created.status === 200) {
      const txID = String(created.json.txID);
      for (const offset of [0, TIMELINE.pending, TIMELINE.firstApproval, TIMELINE.authorized, TIMELINE.approved]) {
        clock = START_MS + offset;
        await observe(k.id, 'GET', '/transactions/{tx_id}/status', `/transactions/${txID}/status`);
        await observe(k.id, 'GET', '/transactions/{tx_id}/approvals', `/transactions/${txID}/approvals`);
      }
      clock = START_MS;
    }
    for (const op of listOperations(spec)) {
      const path = op.pathTemplate
        .replace('{fund_id}', orgFund.fundID)
        .replace('{wallet_id}', orgFund.wallets[0]!.info.wallet_id)
        .replace('{tx_id}', seeded.approved);
      await observeUnauthorized(k.id, op.method, op.pathTemplate, path);
    }
  }
}

describe('the mock against the OpenAPI file', () => {
  it('covers the 11 operations the file declares', () => {
    expect(OPERATIONS).toHaveLength(11);
  });

  it('calls every operation with every demo key and sees each status the file declares', () => {
    // Every operation was called with every key, and answered each status listed here at least once.
    for (const k of DEMO_KEYS)
      for (const op of OPERATIONS)
        expect(
          observations.some((o) => o.key === k.id && o.operation === op),
          `${op} as ${k.id}`,
        ).toBe(true);
    const EXPECTED: Record<string, number[]> = {
      'GET /account': [200, 401, 403],
      'GET /balance': [200, 401],
      'GET /funds': [200, 400, 401, 403],
      'GET /funds/{fund_id}': [200, 401, 403, 404],
      'GET /funds/{fund_id}/ledger': [200, 401, 403, 404],
      'GET /trustedparties': [200, 401, 403],
      'GET /wallet/{wallet_id}/history': [200, 401, 403, 404],
      'POST /transaction': [200, 400, 401, 403],
      'GET /transactions/feed': [200, 400, 401, 403],
      'GET /transactions/{tx_id}/approvals': [200, 401, 403, 404],
      'GET /transactions/{tx_id}/status': [200, 401, 403, 404],
    };
    expect(Object.keys(EXPECTED).sort()).toEqual([...OPERATIONS].sort());
    for (const [op, statuses] of Object.entries(EXPECTED)) {
      const seen = new Set(observations.filter((o) => o.operation === op).map((o) => o.status));
      expect([...seen].sort(), op).toEqual(expect.arrayContaining(statuses));
    }
  });

  it('answers as the file declares, apart from the known deviations', () => {
    expect(check(observations).report).toBe('');
  });

  it('uses every row of the known-deviations table (a row nothing needs any more is removed)', () => {
    expect([...check(observations).used].sort()).toEqual(KNOWN_DEVIATIONS.map((r) => r.id).sort());
  });

  it('lists the same known deviations in the mock README, in the same order', () => {
    const ids = readmeTableIds(readFileSync(README, 'utf8'), '## Known deviations from the OpenAPI file');
    expect(ids).toEqual(KNOWN_DEVIATIONS.map((r) => r.id));
  });

  it('fails on a deviation the table does not list', () => {
    const drifted: Observation = {
      label: 'GET /balance as full (a field type changed)',
      key: 'full',
      operation: 'GET /balance',
      status: 200,
      body: { assets: { BTC: { total: '1000', available: 1000, pendingIn: 0, pendingOut: 0, scale: 1 } } },
    };
    expect(check([drifted]).report).toBe(
      'GET /balance as full (a field type changed) → 200: /assets/BTC/total must be integer; got string "1000" [#/components/schemas/asset/properties/total/type]',
    );
  });
});
