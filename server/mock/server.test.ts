import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoKey } from '../../core/contract.ts';
import { decodeSecret, formatTimestamp } from '../../core/signing/index.ts';
import { DEMO_KEYS as DEMO_KEY_IDS } from '../../core/constants.ts';
import { DEMO_KEYS, findDemoKey } from './keys.ts';
import { type MockServer, startMockServer } from './server.ts';
import { type Answer, rawRequest } from '../../test-support/http-client.ts';
import { signedRequest } from '../../test-support/mock-client.ts';
import { dataset } from './data.ts';
import { TIMELINE, seededTransactionIds } from './transactions.ts';

let clock = 1_700_000_000_000;
let server: MockServer;
let port = 0;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock });
  port = server.port;
});
afterAll(() => server.close());

const call = (key: DemoKey, method: string, path: string, body: string | null = null): Promise<Answer> =>
  signedRequest(port, key, method, path, { timestamp: formatTimestamp(clock), body });

function expectError(res: Answer, status: number, reason: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.json).toMatchObject({ code: status, detail: { reason: expect.stringMatching(reason) } });
}

const EXAMPLE_TX =
  '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"100","gasLimit":"21000","gasPrice":"2100","chainID":"1","note":"playground test"}';

describe('demo keys', () => {
  it('has one key per DemoKey, with 14-character URL-safe IDs and bcrypt-shaped secrets', () => {
    expect(DEMO_KEYS.map((k) => k.id)).toEqual([...DEMO_KEY_IDS]);
    expect(DEMO_KEY_IDS).toEqual(expect.arrayContaining(['full', 'read-only', 'rate-limited', 'unavailable']));
    expect(new Set(DEMO_KEYS.map((k) => k.secret)).size).toBe(DEMO_KEYS.length);
    expect(new Set(DEMO_KEYS.map((k) => k.keyId)).size).toBe(DEMO_KEYS.length);
    for (const k of DEMO_KEYS) {
      expect(k.keyId).toMatch(/^[A-Za-z0-9_-]{14}$/);
      const decoded = decodeSecret(k.secret);
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) continue;
      expect(decoded.warnings).toEqual([]);
      expect(decoded.notes).toEqual([]);
      expect(Buffer.from(decoded.key).toString('latin1')).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    }
    expect(findDemoKey('personal').account).toBe('personal');
  });
});

describe('read endpoints with the full key', () => {
  it('GET /account: organization settings', async () => {
    const res = await call('full', 'GET', '/account');
    expect(res.status).toBe(200);
    expect(res.json.settings.name).toBe('Northwind Custody Labs');
    expect(res.json.settings.members).toHaveLength(4);
    expect(res.json.settings.userAPIKeys.user_api_keys.map((k: { keyID: string }) => k.keyID)).toContain(
      findDemoKey('full').keyId,
    );
  });

  it('GET /balance: an object keyed by asset, totals that add up', async () => {
    const res = await call('full', 'GET', '/balance');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.assets)).toEqual(['BTC-TESTNET', 'ETH-GOERLI', 'ETH-TESTNET', 'QCOIN-1']);
    expect(res.json.assets['BTC-TESTNET'].scale).toBe(1e8);
    expect(res.json.assets['ETH-GOERLI'].scale).toBe(1e9);
    for (const a of Object.values(res.json.assets) as Array<Record<string, number>>) {
      expect(a.total).toBe(a.available! + a.pendingIn! - a.pendingOut!);
      expect(Number.isInteger(a.total)).toBe(true);
      expect(a.available).toBeGreaterThan(0);
    }
  });

  it('GET /funds hides the archived fund; ?archived=true shows it', async () => {
    const plain = await call('full', 'GET', '/funds');
    expect(plain.status).toBe(200);
    expect(plain.json.total).toBe(3);
    expect(plain.json.funds.map((f: { name: string }) => f.name)).toEqual([
      'Treasury',
      'Web3 Operations',
      'Trading Desk',
    ]);
    const all = await call('full', 'GET', '/funds?archived=true');
    expect(all.json.total).toBe(4);
    expect(all.json.funds.map((f: { name: string }) => f.name)).toContain('2022 Vesting Pool');
    expect((await call('full', 'GET', '/funds?archived=false')).json.total).toBe(3);
    expectError(await call('full', 'GET', '/funds?archived=maybe'), 400, /"archived" must be true or false/);
    for (const f of plain.json.funds) expect(f.fundID).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('GET /funds/{id}, /funds/{id}/ledger and /wallet/{id}/history', async () => {
    const funds = (await call('full', 'GET', '/funds')).json.funds;
    const fund = funds[0];
    const info = await call('full', 'GET', `/funds/${fund.fundID}`);
    expect(info.status).toBe(200);
    expect(info.json.fundInfo).toMatchObject({ fund_id: fund.fundID, name: 'Treasury' });
    expect(info.json.fundInfo.policyTx.threshold).toBe(2);
    expect(info.json.fundInfo.wallets).toHaveLength(3);

    const ledger = await call('full', 'GET', `/funds/${fund.fundID}/ledger`);
    expect(ledger.status).toBe(200);
    const list = ledger.json.list as Array<{
      timestamp: number;
      amount: number;
      fees: number;
      netAmount: number;
      fundID: string;
    }>;
    expect(ledger.json.total).toBe(list.length);
    expect(list.length).toBeGreaterThan(10);
    expect(list.map((i) => i.timestamp)).toEqual([...list.map((i) => i.timestamp)].sort((a, b) => b - a));
    for (const item of list) {
      expect(item.fundID).toBe(fund.fundID);
      expect(item.netAmount).toBeCloseTo(item.amount - item.fees, 9);
      expect(String(item.timestamp)).toMatch(/^\d{10}$/);
    }

    const wallet = info.json.fundInfo.wallets[0];
    const history = await call('full', 'GET', `/wallet/${wallet.wallet_id}/history`);
    expect(history.status).toBe(200);
    expect(history.json.history.length).toBeGreaterThan(0);
    expect(history.json.history[0].walletID).toBe(wallet.wallet_id);
  });

  it('unknown ids answer 404 with the Qredo error shape', async () => {
    expectError(
      await call('full', 'GET', '/funds/2ZZZZZZZZZZZZZZZZZZZZZZZZZZ'),
      404,
      /fund "2ZZZZZZZZZZZZZZZZZZZZZZZZZZ" not found/,
    );
    expectError(await call('full', 'GET', '/funds/nope/ledger'), 404, /not found/);
    expectError(await call('full', 'GET', '/wallet/nope/history'), 404, /wallet "nope" not found/);
    expectError(await call('full', 'GET', '/transactions/nope/status'), 404, /transaction "nope" not found/);
    expectError(await call('full', 'GET', '/transactions/nope/approvals'), 404, /transaction "nope" not found/);
    const res = await call('full', 'GET', '/funds/nope');
    expect(res.json).toEqual({
      code: 404,
      msg: 'Not Found',
      detail: { reason: 'fund "nope" not found in this account' },
    });
  });

  it('a known path with the wrong method answers 405 with Allow', async () => {
    const res = await call('full', 'DELETE', '/balance');
    expectError(res, 405, /DELETE is not allowed on \/balance; use GET/);
    expect(res.headers.allow).toBe('GET');
    expectError(await call('full', 'GET', '/transaction'), 405, /use POST/);
  });

  it('a plain GET of the feed is a bad request; an unsigned handshake is a 401 (feed.test.ts has the rest)', async () => {
    expectError(await call('full', 'GET', '/transactions/feed'), 400, /is a WebSocket: send the handshake/);
    const upgrade = await rawRequest({
      port,
      method: 'GET',
      target: '/qapi/v1/transactions/feed',
      headers: { connection: 'Upgrade', upgrade: 'websocket' },
    });
    expectError(upgrade, 401, /missing headers/);
  });
});

describe('permissions and account types', () => {
  it('read-only key: reads answer, POST /transaction is 403', async () => {
    expect((await call('read-only', 'GET', '/funds')).status).toBe(200);
    const res = await call('read-only', 'POST', '/transaction', EXAMPLE_TX);
    expectError(res, 403, /lacks the Web3 Transactions permission/);
    expect(res.json.msg).toBe('Forbidden');
  });

  it('balance-only key: /balance 200, everything else 403', async () => {
    const balance = await call('balance-only', 'GET', '/balance');
    expect(balance.status).toBe(200);
    expect(balance.json).toEqual((await call('full', 'GET', '/balance')).json);
    expectError(await call('balance-only', 'GET', '/funds'), 403, /lacks the Read-only permission/);
    expectError(await call('balance-only', 'GET', '/account'), 403, /Read-only/);
  });

  it('empty-org key: null data', async () => {
    expect((await call('empty-org', 'GET', '/balance')).json).toEqual({ assets: null });
    expect((await call('empty-org', 'GET', '/funds')).json).toEqual({ total: 0, funds: null });
    expect((await call('empty-org', 'GET', '/funds?archived=true')).json).toEqual({ total: 0, funds: null });
    const account = await call('empty-org', 'GET', '/account');
    expect(account.status).toBe(200);
    expect(account.json.settings.name).toBe('Blank Slate Ventures');
  });

  it('personal key: /trustedparties 200; organization keys refused there', async () => {
    const res = await call('personal', 'GET', '/trustedparties');
    expect(res.status).toBe(200);
    expect(res.json.members).toHaveLength(3);
    expect(res.json.members.filter((m: { pending: boolean }) => m.pending)).toHaveLength(1);
    expectError(await call('full', 'GET', '/trustedparties'), 403, /only for Personal accounts/);
    expectError(await call('empty-org', 'GET', '/trustedparties'), 403, /only for Personal accounts/);
  });

  it('personal key: the account is personal-shaped and the Web3 API refuses it', async () => {
    const account = await call('personal', 'GET', '/account');
    expect(account.json.settings).toMatchObject({ username: 'lena-ok', defaultFiat: 'EUR', testnetAssets: true });
    expect(account.json.settings.members).toBeUndefined();
    expectError(await call('personal', 'POST', '/transaction', EXAMPLE_TX), 403, /personal accounts cannot use it/);
    expectError(await call('personal', 'GET', '/transactions/x/status'), 403, /personal accounts/);
  });

  it('keys of one account do not see another account’s ids', async () => {
    const fundID = (await call('full', 'GET', '/funds')).json.funds[0].fundID;
    expectError(await call('personal', 'GET', `/funds/${fundID}`), 404, /not found/);
  });
});

describe('transactions', () => {
  it('starts with two seeded transactions: one approved, one waiting for its second approval', async () => {
    const ids = seededTransactionIds(dataset().accounts.organization);
    expect(ids.approved).toMatch(/^[0-9A-Za-z]{27}$/);
    const done = await call('full', 'GET', `/transactions/${ids.approved}/status`);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ txID: ids.approved, status: 'approved', nonce: '41', network: 'Goerli Testnet' });
    expect(done.json.signedTx).not.toBe('0x');
    const waiting = await call('full', 'GET', `/transactions/${ids.waiting}/status`);
    expect(waiting.json).toMatchObject({ status: 'pending', signedTx: '0x', txHash: '' });
    expect(waiting.json.rawTX).toMatch(/^0x02/);
    const approvals = await call('full', 'GET', `/transactions/${ids.waiting}/approvals`);
    expect(approvals.status).toBe(200);
    expect(approvals.json.total).toBe(2);
    expect(approvals.json.list.map((a: { status: string; username: string }) => [a.username, a.status])).toEqual([
      ['mara.lindqvist', 'approved'],
      ['tomasz.w', 'pending'],
    ]);
  });

  it('POST /transaction answers created, then status and approvals move on with the clock', async () => {
    clock = 1_700_000_100_000;
    const created = await call('full', 'POST', '/transaction', EXAMPLE_TX);
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      status: 'created',
      from: '0x84CE2138E54b1852689132FD73dDC4D3973a44B8',
      to: '0x000000000000000000000000000000000000dEaD',
      value: '100',
      gasLimit: '21000',
      gasPrice: '2100',
      chainID: '1',
      network: 'Ethereum Mainnet',
      signedTx: '0x',
      txHash: '',
      timestamps: { created: 1_700_000_100 },
    });
    expect(created.json.rawTX).toMatch(/^0x[0-9a-f]+$/);
    const txID: string = created.json.txID;
    expect(txID).toMatch(/^[0-9A-Za-z]{27}$/);

    const at = async (offsetMs: number) => {
      clock = 1_700_000_100_000 + offsetMs;
      const status = await call('full', 'GET', `/transactions/${txID}/status`);
      const approvals = await call('full', 'GET', `/transactions/${txID}/approvals`);
      expect(status.status).toBe(200);
      expect(approvals.status).toBe(200);
      return { status: status.json, approvals: approvals.json };
    };

    let s = await at(1_000);
    expect(s.status.status).toBe('created');
    expect(s.approvals).toEqual({ total: 0, list: [] });

    s = await at(TIMELINE.pending);
    expect(s.status.status).toBe('pending');
    expect(s.approvals.list.map((a: { status: string }) => a.status)).toEqual(['pending', 'pending']);

    s = await at(TIMELINE.firstApproval);
    expect(s.approvals.list.map((a: { status: string }) => a.status)).toEqual(['approved', 'pending']);

    s = await at(TIMELINE.authorized);
    expect(s.status.status).toBe('authorized');
    expect(s.status.signedTx).toBe('0x');

    s = await at(TIMELINE.approved + 60_000);
    expect(s.status.status).toBe('approved');
    expect(s.status.signedTx).toMatch(/^0x[0-9a-f]{100,}$/);
    expect(s.status.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(s.status.timestamps).toEqual({
      created: 1_700_000_100,
      pending: 1_700_000_102,
      authorized: 1_700_000_108,
      approved: 1_700_000_110,
    });
    expect(s.status.events.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'pending',
      'authorized',
      'approved',
    ]);
    expect(s.approvals.total).toBe(2);
    expect(
      s.approvals.list.every(
        (a: { status: string; signature: string }) => a.status === 'approved' && a.signature !== '',
      ),
    ).toBe(true);

    // Another organization key without Web3 cannot look; a personal key does not find it.
    expectError(await call('read-only', 'GET', `/transactions/${txID}/status`), 403, /Web3/);
  });

  it('POST /transaction validates the body with clear reasons', async () => {
    clock = 1_700_000_000_000;
    const cases: Array<[string, RegExp]> = [
      ['', /body is empty/],
      ['{"from":', /not valid JSON/],
      ['[1,2]', /must be a JSON object; got an array/],
      ['{"to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000"}', /"from" is required/],
      [
        '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":100,"gasLimit":"21000"}',
        /"value" must be a string.*got number/,
      ],
      [
        '{"from":"0x84CE","to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000"}',
        /"from" must be a hex address/,
      ],
      [
        '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x94GE4738E54b2952689132FD73dDC4D3973a47J2","value":"1","gasLimit":"21000"}',
        /"to" must be a hex address/,
      ],
      [
        '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"1.5","gasLimit":"21000"}',
        /"value" must be a non-negative integer/,
      ],
      [
        '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000","gasPrice":"1","maxFeePerGas":"2","maxPriorityFeePerGas":"1"}',
        /gasPrice .* cannot be combined with maxFeePerGas/,
      ],
      [
        '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000","data":"0xabc"}',
        /"data" must be hex/,
      ],
      [
        '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000","chainID":"999"}',
        /chainID 999 is not one of/,
      ],
    ];
    for (const [body, reason] of cases) {
      const res = await call('full', 'POST', '/transaction', body);
      expectError(res, 400, reason);
      expect(res.json.msg).toBe('Bad Request');
    }
  });

  it('an EIP-1559 transaction is accepted and typed 0x02', async () => {
    const body =
      '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"0","gasLimit":"60000","maxFeePerGas":"30000000000","maxPriorityFeePerGas":"1500000000","data":"0xa9059cbb","chainID":"5"}';
    const res = await call('full', 'POST', '/transaction', body);
    expect(res.status).toBe(200);
    expect(res.json.rawTX).toMatch(/^0x02/);
    expect(res.json.gasPrice).toBe('');
    expect(res.json.network).toBe('Goerli Testnet');
  });
});
