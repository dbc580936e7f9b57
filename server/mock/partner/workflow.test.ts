/**
 * The core workflow of the Partner API (docs/partner-api.md, "Core workflow") end to end over real HTTP, on
 * the mock as `npm run mock` serves it, with an injected clock: company → trusted parties → fund → deposit
 * address → transfer → ledger, then withdrawals, the statuses moving with the clock, and the errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../server.ts';
import { type Answer } from '../../../test-support/http-client.ts';
import { partnerRequest } from '../../../test-support/partner-client.ts';
import { DEMO_CREDIT } from './assets.ts';
import { APPROVAL_STEP_SECONDS } from './world.ts';

const START = 1_700_000_000;
let clock = START * 1000;
let server: MockServer;
let nonce = 0;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock });
});
afterAll(() => server.close());

const KEY = 'partner-fresh';
const now = () => Math.floor(clock / 1000);
const advance = (seconds: number) => (clock += seconds * 1000);

/** Every other call uses a nonce, so both kinds of freshness go through the whole workflow. */
function call(method: string, path: string, body?: unknown, key = KEY): Promise<Answer> {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  nonce += 1;
  return partnerRequest(server.port, key, method, path, {
    ...(nonce % 2 ? { value: String(now()) } : { kind: 'nonce' as const, value: `wf-${nonce}` }),
    body: text,
  });
}

async function ok(method: string, path: string, body?: unknown, status = 200) {
  const res = await call(method, path, body);
  expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
  return res.json;
}

async function refused(method: string, path: string, body: unknown, status: number, reason: RegExp) {
  const res = await call(method, path, body);
  expect(res.status, res.text).toBe(status);
  expect(res.json).toMatchObject({ code: status, detail: { reason: expect.stringMatching(reason) } });
}

describe('the core workflow of a new partner', () => {
  let company = '';
  let other = '';
  const parties: string[] = [];
  let fund = '';
  let btc = '';
  let eth = '';
  let otherFund = '';
  let otherBtc = '';
  let transfer = '';

  it('starts with nothing', async () => {
    expect(await ok('GET', '/company/search')).toEqual({ total_count: 0, matches: [] });
    const assets = (await ok('GET', '/assets')).assets;
    expect(assets['BTC-TESTNET']).toEqual({
      code: 'BTC-TESTNET',
      name: 'Bitcoin Testnet',
      unitCode: 'BTC-TEST',
      scale: 1e8,
      enabled: true,
    });
  });

  it('creates, reads, updates and searches a company', async () => {
    const created = await ok('POST', '/company', {
      name: 'ACME Corp',
      city: 'Paris',
      country: 'FR',
      domain: 'acme.com',
      ref: 'acme-1',
    });
    expect(created.ref).toBe('acme-1');
    expect(created.company_id).toMatch(/^[0-9A-Za-z]{27}$/);
    company = created.company_id;
    expect(await ok('GET', `/company/${company}`)).toEqual({
      company_id: company,
      name: 'ACME Corp',
      city: 'Paris',
      country: 'FR',
      domain: 'acme.com',
      ref: 'acme-1',
    });
    await refused('POST', '/company', { name: 'ACME again', ref: 'acme-1' }, 409, /ref "acme-1" already exists/);
    await refused('POST', '/company', { city: 'Paris' }, 400, /"name" is required/);
    await refused('POST', '/company', { name: 'X', country: 'France' }, 400, /ISO 3166-1/);
    await refused('POST', '/company', '{"name": "broken"', 400, /not valid JSON/);
    expect(await ok('PUT', `/company/${company}`, { name: 'ACME Corporation', city: 'Lyon' })).toEqual({
      company_id: company,
      ref: 'acme-1',
    });
    expect(await ok('GET', `/company/${company}`)).toMatchObject({
      name: 'ACME Corporation',
      city: 'Lyon',
      domain: 'acme.com',
    });
    other = (await ok('POST', '/company', { name: 'Globex Ltd', country: 'GB', domain: 'globex.example' })).company_id;
    expect((await ok('GET', '/company/search?query=acme')).matches).toEqual([
      { company_id: company, name: 'ACME Corporation', domain: 'acme.com' },
    ]);
    expect((await ok('GET', '/company/search?query=GLOBEX')).total_count).toBe(1);
    expect((await ok('GET', '/company/search')).total_count).toBe(2);
    await refused('GET', '/company/1va2cJ2pqdLSFAN5t1knBrnuMvw', undefined, 404, /no company/);
  });

  it('adds, lists and deletes trusted parties', async () => {
    for (const address of ['john.doe@acme.corp', 'jane.doe@acme.corp', 'alice@example.com', 'temp@acme.corp']) {
      expect(await ok('POST', `/company/${company}/trustedparty`, { address })).toEqual({ code: 200, msg: 'OK' });
    }
    await refused(
      'POST',
      `/company/${company}/trustedparty`,
      { address: 'john.doe@acme.corp' },
      400,
      /already a trusted party/,
    );
    await refused('POST', `/company/${company}/trustedparty`, { address: 'not an address' }, 400, /e-mail address/);
    const list = await ok('GET', `/company/${company}/trustedparty`);
    expect(list.total_count).toBe(4);
    expect(list.list[0]).toEqual({
      trusted_entity_id: expect.stringMatching(/^[0-9A-Za-z]{27}$/),
      name: 'John Doe',
      address: 'john.doe@acme.corp',
      type: 'user',
      created: now(),
    });
    const temp = list.list[3].trusted_entity_id;
    expect(await ok('DELETE', `/company/${company}/trustedparty/${temp}`, undefined, 202)).toEqual({
      code: 202,
      msg: 'Accepted',
    });
    await refused('DELETE', `/company/${company}/trustedparty/${temp}`, undefined, 404, /no trusted party/);
    parties.push(...list.list.slice(0, 3).map((p: { trusted_entity_id: string }) => p.trusted_entity_id));
    expect((await ok('GET', `/company/${company}/trustedparty`)).total_count).toBe(3);
  });

  it('creates a fund with custody policies and wallets, checking the custodians', async () => {
    const group = (threshold: number, members = parties) => ({ threshold, members });
    const base = {
      name: 'Fund 1',
      description: 'Demo fund',
      custodygroup_withdraw: group(2),
      custodygroup_tx: group(2),
    };
    await refused(
      'POST',
      `/company/${company}/fund`,
      { ...base, custodygroup_tx: group(4) },
      400,
      /threshold" must be a whole number from 1 to 3/,
    );
    await refused(
      'POST',
      `/company/${company}/fund`,
      { ...base, custodygroup_tx: group(1, ['1bzn6ex7fRxKQsSqCJDDpyb4uaS']) },
      400,
      /not a trusted party/,
    );
    await refused(
      'POST',
      `/company/${company}/fund`,
      { name: 'No custodians' },
      400,
      /"custodygroup_withdraw" is required/,
    );
    await refused('POST', `/company/${company}/fund`, { ...base, wallets: [{ asset: 'DOGE' }] }, 400, /not an asset/);
    await refused('POST', `/company/${company}/fund`, { ...base, wallets: [{ asset: 'ETH-GOERLI' }] }, 400, /disabled/);
    const created = await ok('POST', `/company/${company}/fund`, {
      ...base,
      wallets: [
        { name: 'BTC wallet', asset: 'BTC-TESTNET' },
        { name: 'ETH wallet', asset: 'ETH-TESTNET', custodygroup_tx: group(1, parties.slice(0, 2)) },
      ],
    });
    fund = created.fund_id;
    expect(Object.keys(created)).toEqual(['fund_id', 'custodygroup_withdraw', 'custodygroup_tx']);

    const detail = await ok('GET', `/company/${company}/fund/${fund}`);
    expect(detail).toMatchObject({
      fund_id: fund,
      name: 'Fund 1',
      description: 'Demo fund',
      custodygroup_tx: created.custodygroup_tx,
      assets: ['BTC-TESTNET', 'ETH-TESTNET'],
    });
    expect(detail.policy_tx).toMatchObject({ id: created.custodygroup_tx, threshold: 2 });
    expect(detail.policy_tx.members.map((m: { id: string }) => m.id)).toEqual(parties);
    expect(detail.policy_tx.members[0]).toMatchObject({
      type: 'user',
      name: 'John Doe',
      user: { email: 'john.doe@acme.corp' },
    });
    expect(detail.members[0]).toMatchObject({ entity: { id: company, type: 'company' }, permissions: { admin: true } });
    const [b, e] = detail.wallets;
    btc = b.wallet_id;
    eth = e.wallet_id;
    expect(btc).toMatch(/^[1-9A-HJ-NP-Za-km-z]{43,44}$/);
    expect(b).toMatchObject({
      name: 'BTC wallet',
      asset: 'BTC-TESTNET',
      type: 0,
      balance: DEMO_CREDIT,
      custodygroup_tx: created.custodygroup_tx,
    });
    expect(e.custodygroup_tx).not.toBe(created.custodygroup_tx);
    expect(e.policy_tx.threshold).toBe(1);
    expect(e.custodygroup_withdraw).toBe(created.custodygroup_withdraw);
    expect(await ok('GET', `/wallet/${btc}`)).toEqual(b);
  });

  it('shows deposit addresses with the demo credit of each new testnet wallet', async () => {
    const deposit = await ok('GET', `/company/${company}/fund/${fund}/deposit`);
    expect(deposit.total_count).toBe(2);
    expect(deposit.list[0]).toEqual({
      asset: 'BTC-TESTNET',
      address: expect.stringMatching(/^tb1q[02-9ac-hj-np-z]{38}$/),
      balance: DEMO_CREDIT,
    });
    expect(deposit.list[1].address).toMatch(/^0x[0-9a-f]{40}$/);
    const ledger = await ok('GET', `/company/${company}/fund/${fund}/ledger`);
    expect(ledger.Total).toBe(2);
    expect(ledger.List[0]).toMatchObject({
      type: 'deposit',
      status: 'approved',
      amount: DEMO_CREDIT,
      fees: 0,
      netAmount: DEMO_CREDIT,
      fundID: fund,
    });
    expect(await ok('GET', `/company/${company}/holding`)).toEqual({
      holdings: [
        { symbol: 'BTC-TESTNET', amount: DEMO_CREDIT },
        { symbol: 'ETH-TESTNET', amount: DEMO_CREDIT },
      ],
    });
  });

  it('adds assets and wallets to a fund, and searches funds', async () => {
    const group = { threshold: 1, members: [parties[0]] };
    otherFund = (
      await ok('POST', `/company/${company}/fund`, {
        name: 'Trading',
        custodygroup_withdraw: group,
        custodygroup_tx: group,
      })
    ).fund_id;
    const added = await ok('POST', `/company/${company}/fund/${otherFund}/asset`, { assets: ['BTC-TESTNET'] });
    expect(added.wallets).toHaveLength(1);
    otherBtc = added.wallets[0];
    await refused(
      'POST',
      `/company/${company}/fund/${otherFund}/asset`,
      { assets: ['BTC-TESTNET'] },
      409,
      /already holds BTC-TESTNET/,
    );
    const more = await ok('POST', `/company/${company}/fund/${otherFund}/wallet`, {
      wallets: [{ name: 'Mainnet BTC', asset: 'BTC' }],
    });
    expect(more.wallets).toHaveLength(1);
    expect((await ok('GET', `/wallet/${more.wallets[0]}`)).balance).toBe(0);
    await refused(
      'POST',
      `/company/${company}/fund/${otherFund}/wallet`,
      { wallets: [{ name: 'Mainnet BTC', asset: 'BTC' }] },
      409,
      /already has a wallet named/,
    );
    expect(await ok('GET', `/company/${company}/fund/search?query=trad`)).toEqual({
      total_count: 1,
      list: [{ name: 'Trading', id: otherFund }],
    });
    expect((await ok('GET', `/company/${company}/fund/search`)).total_count).toBe(2);
  });

  it('transfers: pending, approved as custodians approve with the clock, money moved, idempotent on partner_txID', async () => {
    const expires = now() + 3600;
    const body = {
      wallet_id: btc,
      counterparty_wallet_address: otherBtc,
      expires,
      send: { symbol: 'BTC-TESTNET', amount: 200_000 },
      reference: 'INV-1',
      partner_txID: 'p-1',
    };
    const created = await ok('POST', `/company/${company}/transfer`, body);
    expect(created).toEqual({ tx_id: expect.stringMatching(/^[0-9A-Za-z]{27}$/), status: 'new' });
    transfer = created.tx_id;
    expect(await ok('POST', `/company/${company}/transfer`, { ...body, reference: 'changed' })).toEqual({
      tx_id: transfer,
      status: 'existing',
    });

    const pending = await ok('GET', `/company/${company}/transfer/${transfer}`);
    expect(pending).toMatchObject({
      txID: transfer,
      txStatus: 'pending',
      approvedCount: 0,
      thresholdRequired: 2,
      expires,
      initiatedTimestamp: now(),
      initiatorAuthorized: true,
      reference: 'INV-1',
    });
    expect(pending.statusDetails).toMatchObject({
      amount: 200_200,
      fees: 200,
      netAmount: 200_000,
      asset: 'BTC-TESTNET',
      fundID: fund,
      recipientAddress: otherBtc,
    });
    expect(pending.status.map((s: { userID: string; status: string }) => [s.userID, s.status])).toEqual(
      parties.map((p) => [p, 'pending']),
    );
    // Reserved at once: the settled balance is unchanged, the sendable maximum is not.
    expect((await ok('GET', `/wallet/${btc}`)).balance).toBe(DEMO_CREDIT);
    expect((await ok('GET', `/wallet/${btc}/max?pending=1`)).amountToSend).toBeLessThanOrEqual(DEMO_CREDIT - 200_200);
    const out = await ok('GET', `/company/${company}/fund/${fund}/ledger?direction=out`);
    expect(out.List[0]).toMatchObject({
      TxID: transfer,
      type: 'transferOut',
      status: 'pending',
      chainTxID: '',
      counterpartyID: company,
      expireTime: expires,
    });

    advance(APPROVAL_STEP_SECONDS);
    const one = await ok('GET', `/company/${company}/transfer/${transfer}`);
    expect(one).toMatchObject({ txStatus: 'pending', approvedCount: 1 });
    expect(one.status[0]).toMatchObject({ status: 'approved', timestamp: START + APPROVAL_STEP_SECONDS });

    advance(APPROVAL_STEP_SECONDS);
    const done = await ok('GET', `/company/${company}/transfer/${transfer}`);
    expect(done).toMatchObject({ txStatus: 'approved', approvedCount: 2 });
    expect(done.status.map((s: { status: string }) => s.status)).toEqual(['approved', 'approved', 'expired']);
    expect((await ok('GET', `/wallet/${btc}`)).balance).toBe(DEMO_CREDIT - 200_200);
    expect((await ok('GET', `/wallet/${otherBtc}`)).balance).toBe(DEMO_CREDIT + 200_000);

    const inbound = await ok('GET', `/company/${company}/fund/${otherFund}/ledger?direction=in&asset=BTC-TESTNET`);
    expect(inbound.List[0]).toMatchObject({
      TxID: transfer,
      type: 'transferIn',
      status: 'approved',
      amount: 200_000,
      timestamp: now(),
      chainTxID: expect.any(String),
    });
    expect(inbound.List[0].chainTxID).not.toBe('');
    const history = await ok('GET', `/wallet/${btc}/history`);
    expect(history.history[0]).toMatchObject({
      wallet_id: btc,
      tx_id: transfer,
      amount: 200_200,
      fee: -200,
      net_amount: 200_000,
    });
    expect((await ok('GET', `/wallet/${btc}/history?since=${now()}`)).history).toEqual([]);
  });

  it('refuses transfers it cannot make, with a reason naming the field', async () => {
    const base = {
      wallet_id: btc,
      counterparty_wallet_address: otherBtc,
      expires: now() + 600,
      send: { symbol: 'BTC-TESTNET', amount: 1000 },
    };
    const path = `/company/${company}/transfer`;
    await refused(
      'POST',
      path,
      { ...base, send: { symbol: 'BTC-TESTNET', amount: 10_000_000 } },
      400,
      /insufficient funds/,
    );
    await refused(
      'POST',
      path,
      { ...base, send: { symbol: 'ETH-TESTNET', amount: 1 } },
      400,
      /not the asset of wallet/,
    );
    await refused(
      'POST',
      path,
      { ...base, send: { symbol: 'BTC-TESTNET', amount: 1.5 } },
      400,
      /positive whole number/,
    );
    await refused('POST', path, { ...base, counterparty_wallet_address: eth }, 400, /holds ETH-TESTNET/);
    await refused('POST', path, { ...base, counterparty_wallet_address: btc }, 400, /sending wallet itself/);
    await refused(
      'POST',
      path,
      { ...base, counterparty_wallet_address: 'nowhere' },
      400,
      /neither the id nor the short code/,
    );
    await refused('POST', path, { ...base, expires: now() - 1 }, 400, /not in the future/);
    await refused('POST', path, { ...base, expires: now() * 1000 }, 400, /milliseconds/);
    await refused('POST', path, { ...base, authorize_id: 'unknown' }, 400, /not one of your core clients/);
    await refused(
      'POST',
      path,
      { ...base, wallet_id: 'HUnmEJEgYeNYj2pTH8DfikDcH5gjHqhj9iadgVQgRKMk' },
      400,
      /not a wallet of company/,
    );
    await refused('GET', `${path}/${'0'.repeat(27)}`, undefined, 404, /no transfer/);
    // A numeric string for expires is accepted (the swagger types it as a string); a short code names a wallet.
    const code = (await ok('GET', `/wallet/${otherBtc}`)).short_code;
    const made = await ok('POST', path, { ...base, expires: String(now() + 600), counterparty_wallet_address: code });
    expect(made.status).toBe('new');
  });

  it('expires a transfer nobody can approve in time, and releases what it reserved', async () => {
    const before = (await ok('GET', `/wallet/${eth}/max?pending=1`)).amountToSend;
    const ethBody = {
      wallet_id: eth,
      counterparty_wallet_address: otherBtc,
      expires: now() + 2,
      send: { symbol: 'ETH-TESTNET', amount: 1000 },
    };
    await refused('POST', `/company/${company}/transfer`, ethBody, 400, /holds BTC-TESTNET/);
    const target = (await ok('POST', `/company/${company}/fund/${otherFund}/asset`, { assets: ['ETH-TESTNET'] }))
      .wallets[0];
    const made = await ok('POST', `/company/${company}/transfer`, { ...ethBody, counterparty_wallet_address: target });
    expect((await ok('GET', `/wallet/${eth}/max?pending=1`)).amountToSend).toBeLessThan(before);
    advance(3);
    expect((await ok('GET', `/company/${company}/transfer/${made.tx_id}`)).txStatus).toBe('expired');
    expect((await ok('GET', `/wallet/${eth}/max?pending=1`)).amountToSend).toBe(before);
    expect((await ok('GET', `/wallet/${target}`)).balance).toBe(DEMO_CREDIT);
  });

  it('waits in pending_initiate while a core client must authorize', async () => {
    const client = await ok('POST', '/coreclient', { name: 'approver bot' });
    expect(client).toMatchObject({
      name: 'approver bot',
      feed: `ws://127.0.0.1:${server.port}/api/v1/p/coreclient/${client.id}/feed`,
      timestamp: String(now()),
    });
    expect((await ok('GET', '/coreclient')).clients).toEqual([client]);
    const made = await ok('POST', `/company/${company}/transfer`, {
      wallet_id: btc,
      counterparty_wallet_address: otherBtc,
      expires: now() + 600,
      send: { symbol: 'BTC-TESTNET', amount: 500 },
      authorize_id: client.id,
    });
    advance(60);
    expect(await ok('GET', `/company/${company}/transfer/${made.tx_id}`)).toMatchObject({
      txStatus: 'pending_initiate',
      initiatorAuthorized: false,
    });
  });

  it('withdraws only to whitelisted addresses, with the network fee', async () => {
    const address = 'tb1qgr090hdm6y5wzwqc2r57rlaytx5v7ytm2ktq98';
    const body = {
      wallet_id: btc,
      address,
      expires: now() + 600,
      send: { symbol: 'BTC-TESTNET', amount: 50_000 },
      partner_txID: 'w-1',
    };
    await refused('POST', `/company/${company}/withdraw`, body, 400, /not whitelisted/);
    await refused(
      'POST',
      `/company/${company}/fund/${fund}/whitelist`,
      { asset: 'BTC-TESTNET', address: '0x84CE2138E54b1852689132FD73dDC4D3973a44B8', name: 'x' },
      400,
      /does not look like/,
    );
    expect(
      await ok('POST', `/company/${company}/fund/${fund}/whitelist`, {
        asset: 'BTC-TESTNET',
        address,
        name: 'cold storage',
      }),
    ).toEqual({ code: 200, msg: 'OK' });
    await refused(
      'POST',
      `/company/${company}/fund/${fund}/whitelist`,
      { asset: 'BTC-TESTNET', address, name: 'again' },
      400,
      /already whitelisted/,
    );
    expect(await ok('GET', `/company/${company}/fund/${fund}/whitelist?asset=BTC-TESTNET`)).toEqual({
      total_count: 1,
      list: [{ asset: 'BTC-TESTNET', address, name: 'cold storage' }],
    });
    expect((await ok('GET', `/company/${company}/fund/${fund}/whitelist?asset=ETH-TESTNET`)).total_count).toBe(0);

    const fees = await ok('POST', '/fees', { type: 'withdraw', asset: 'BTC-TESTNET', amount: 50_000 });
    expect(fees).toEqual({ netAmount: 50_000, amountToSend: 51_050, fees: 1_050 });
    const made = await ok('POST', `/company/${company}/withdraw`, body);
    expect(await ok('POST', `/company/${company}/withdraw`, body)).toEqual({ tx_id: made.tx_id, status: 'existing' });
    advance(APPROVAL_STEP_SECONDS * 2);
    const info = await ok('GET', `/company/${company}/withdraw/${made.tx_id}`);
    expect(info).toMatchObject({
      txStatus: 'approved',
      statusDetails: { amount: 51_050, fees: 1_050, netAmount: 50_000, recipientAddress: address },
    });
    await refused('GET', `/company/${company}/transfer/${made.tx_id}`, undefined, 404, /no transfer/);
    const w = await ok('GET', `/company/${company}/fund/${fund}/ledger?direction=out&wallet_id=${btc}&limit=1`);
    expect(w.List).toHaveLength(1);
    expect(w.List[0]).toMatchObject({
      TxID: made.tx_id,
      type: 'withdraw',
      address,
      chainTxID: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('pages and filters the ledger, and refuses bad filters', async () => {
    const path = `/company/${company}/fund/${fund}/ledger`;
    const all = await ok('GET', path);
    expect(all.Total).toBe(all.List.length);
    expect(all.List.map((i: { timestamp: number }) => i.timestamp)).toEqual(
      [...all.List.map((i: { timestamp: number }) => i.timestamp)].sort((a, b) => b - a),
    );
    const page = await ok('GET', `${path}?offset=1&limit=2`);
    expect(page.Total).toBe(all.Total);
    expect(page.List).toEqual(all.List.slice(1, 3));
    const eths = await ok('GET', `${path}?asset=ETH-TESTNET`);
    expect(eths.List.every((i: { asset: string }) => i.asset === 'ETH-TESTNET')).toBe(true);
    await refused('GET', `${path}?direction=sideways`, undefined, 400, /"direction" must be one of all, in, out/);
    await refused('GET', `${path}?limit=0`, undefined, 400, /"limit" must be a whole number/);
    await refused('GET', `${path}?asset=DOGE`, undefined, 400, /not an asset/);
    await refused('GET', `${path}?wallet_id=${otherBtc}`, undefined, 400, /not a wallet of fund/);
    await refused('GET', `/company/${company}/fund/${'0'.repeat(27)}/ledger`, undefined, 404, /no fund/);
  });

  it('updates a wallet policy, keeping the fund policy as it was', async () => {
    const path = `/company/${company}/fund/${fund}/wallet/${btc}/policy`;
    await refused('PUT', path, { type: 'policy-tx', threshold: 1, members: ['nobody'] }, 400, /not a trusted party/);
    // The OpenAPI file declares this 200 without a body.
    const put = await call('PUT', path, { type: 'policy-tx', threshold: 1, members: [parties[2]] });
    expect(put.status).toBe(200);
    expect(put.text).toBe('');
    const w = await ok('GET', `/wallet/${btc}`);
    expect(w.policy_tx).toMatchObject({ threshold: 1, members: [{ id: parties[2] }] });
    const f = await ok('GET', `/company/${company}/fund/${fund}`);
    expect(w.custodygroup_tx).not.toBe(f.custodygroup_tx);
    expect(f.policy_tx.threshold).toBe(2);
    await refused(
      'PUT',
      path,
      { type: 'policy-tx', policy_id: f.custodygroup_tx, threshold: 1, members: [parties[0]] },
      400,
      /is not the policy-tx of wallet/,
    );
  });

  it('keeps partners apart and names what it does not implement', async () => {
    const res = await call('GET', `/company/${company}`, undefined, 'partner-northwind');
    expect(res.status).toBe(404);
    const swap = await call('POST', `/company/${company}/atomicswap/make`, { reference: 'x' });
    expect(swap.status).toBe(501);
    expect(swap.json.detail.reason).toMatch(
      /POST \/company\/\{company_id\}\/atomicswap\/make \(Create Atomic Swap Quote\)/,
    );
    expect((await ok('GET', '/exchanges')).exchanges.length).toBeGreaterThan(0);
    expect(other).not.toBe(company);
  });
});
