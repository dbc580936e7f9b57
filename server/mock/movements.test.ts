import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../core/signing/index.ts';
import { WEB3_WALLET_ADDRESS, dataset } from './data.ts';
import { EVM_NETWORKS } from './networks.ts';
import { type MockServer, startMockServer } from './server.ts';
import { signedRequest } from '../../test-support/mock-client.ts';
import { TIMELINE } from './transactions.ts';

const C = 1_700_000_000_000;
let clock = C;
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  clock = C;
});

const call = (method: string, path: string, body: string | null = null) =>
  signedRequest(server.port, 'full', method, path, { timestamp: formatTimestamp(clock), body });

const org = dataset().accounts.organization;
const web3Fund = org.funds.find((f) => f.wallets.some((w) => w.info.type === 4))!;
const web3Wallet = web3Fund.wallets.find((w) => w.info.type === 4)!;
const gasFloat = web3Fund.wallets.find((w) => w.info.type !== 4)!;

const tx = (extra: Record<string, string> = {}) =>
  JSON.stringify({
    from: WEB3_WALLET_ADDRESS,
    to: '0x000000000000000000000000000000000000dEaD',
    value: '10000000000000000', // 0.01 ETH = 10,000,000 gwei
    gasLimit: '21000',
    gasPrice: '2000000000', // 2 gwei: 42,000 gwei of gas at most
    chainID: '5',
    note: 'movements test',
    ...extra,
  });
const DEBIT = 10_000_000 + 42_000;

const goerli = async () => (await call('GET', '/balance')).json.assets['ETH-GOERLI'];
const ledger = async () => (await call('GET', `/funds/${web3Fund.fundID}/ledger`)).json;
const history = async () => (await call('GET', `/wallet/${web3Wallet.info.wallet_id}/history`)).json.history;

describe('money that moves', () => {
  it('a transaction is pendingOut until approved, then leaves available; /balance and the ledger follow', async () => {
    const before = await goerli();
    const ledgerBefore = await ledger();
    const created = await call('POST', '/transaction', tx());
    expect(created.status).toBe(200);
    const txID: string = created.json.txID;

    // Created: the debit is pending out, available untouched, and the entry is already listed.
    const pending = await goerli();
    expect(pending).toEqual({
      ...before,
      pendingOut: before.pendingOut + DEBIT,
      total: before.total - DEBIT,
    });
    const l1 = await ledger();
    expect(l1.total).toBe(ledgerBefore.total + 1);
    expect(l1.list[0]).toMatchObject({
      txID,
      fundID: web3Fund.fundID,
      walletID: web3Wallet.info.wallet_id,
      type: 8,
      asset: 'ETH-GOERLI',
      amount: 0.010042,
      fees: 0.000042,
      netAmount: 0.01,
      address: '0x000000000000000000000000000000000000dEaD',
      reference: 'movements test',
      later1TxID: [],
      timestamp: C / 1000,
    });
    expect((await history())[0]).toMatchObject({ txID, status: 'pending', amount: 0.010042 });

    // Authorized is not approved yet: nothing has left.
    clock = C + TIMELINE.authorized;
    expect(await goerli()).toEqual(pending);

    // Approved: available drops by the debit and pendingOut falls back.
    clock = C + TIMELINE.approved;
    const approved = await goerli();
    expect(approved).toEqual({
      ...before,
      available: before.available - DEBIT,
      total: before.total - DEBIT,
    });
    const status = (await call('GET', `/transactions/${txID}/status`)).json;
    expect(status.status).toBe('approved');
    const l2 = await ledger();
    expect(l2.total).toBe(ledgerBefore.total + 1);
    expect(l2.list[0]).toMatchObject({ txID, later1TxID: [status.txHash] });
    expect((await history())[0]).toMatchObject({ txID, status: 'approved' });

    // Every view of the wallet agrees: /funds holdings and WalletInfo.balance.
    const fund = (await call('GET', '/funds')).json.funds.find((f: { fundID: string }) => f.fundID === web3Fund.fundID);
    const info = fund.wallets.find((w: { wallet_id: string }) => w.wallet_id === web3Wallet.info.wallet_id);
    expect(info.balance).toBe(web3Wallet.balance.total - DEBIT - SEEDED_DEBITS);
  });

  it('starts with the two seeded transactions laid over the seeded wallet: one spent, one pending', async () => {
    const seeded = await goerli();
    const raw = org.funds
      .filter((f) => !f.archived)
      .flatMap((f) => f.wallets)
      .filter((w) => w.info.asset === 'ETH-GOERLI')
      .reduce(
        (sum, w) => ({
          available: sum.available + w.balance.available,
          pendingOut: sum.pendingOut + w.balance.pendingOut,
        }),
        {
          available: 0,
          pendingOut: 0,
        },
      );
    // Approved: 250,000 gwei + 21,000 × 1.5 gwei. Waiting: 0 + 120,000 × 3 gwei.
    expect(seeded.available).toBe(raw.available - 281_500);
    expect(seeded.pendingOut).toBe(raw.pendingOut + 360_000);
    expect(seeded.available).toBeGreaterThan(0);
  });

  it('refuses a from that is not one of the account’s Web3 API wallets', async () => {
    const res = await call('POST', '/transaction', tx({ from: gasFloat.info.address }));
    expect(res.status).toBe(400);
    expect(res.json.detail.reason).toBe(
      `"from" ${gasFloat.info.address} is not one of this account's Web3 API wallets (${WEB3_WALLET_ADDRESS}); a transaction is sent from a Web3 API wallet`,
    );
    expect((await call('POST', '/transaction', tx({ from: WEB3_WALLET_ADDRESS.toLowerCase() }))).status).toBe(200);
  });

  it('accepts every RPC network of the account and refuses any other chainID', async () => {
    const account = (await call('GET', '/account')).json.settings;
    expect(account.rpcNetworks).toEqual(EVM_NETWORKS.map((n) => ({ name: n.name, chainID: n.chainID })));
    for (const n of EVM_NETWORKS) {
      const res = await call('POST', '/transaction', tx({ chainID: n.chainID, value: '1' }));
      expect(res.status, n.name).toBe(200);
      expect(res.json).toMatchObject({ chainID: n.chainID, network: n.name });
    }
    const res = await call('POST', '/transaction', tx({ chainID: '250' }));
    expect(res.status).toBe(400);
    expect(res.json.detail.reason).toMatch(/^chainID 250 is not one of this account's RPC networks \(1, 5, 11155111, /);
  });

  it('refuses a transaction the wallet cannot pay, counting what is already pending out', async () => {
    // The Web3 wallet's own balance (/balance sums both ETH-GOERLI wallets of the fund).
    const spendable = web3Wallet.balance.available - 281_500 - (web3Wallet.balance.pendingOut + 360_000);
    const exact = String(BigInt(spendable - 42_000) * 1_000_000_000n);
    const tooMuch = await call(
      'POST',
      '/transaction',
      tx({ value: String(BigInt(spendable - 42_000 + 1) * 1_000_000_000n) }),
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.detail.reason).toMatch(
      /^insufficient funds: the Web3 API wallet 0x84CE.* can spend \d+ base units of ETH-GOERLI/,
    );
    expect((await call('POST', '/transaction', tx({ value: exact }))).status).toBe(200);
    expect((await call('POST', '/transaction', tx({ value: '1' }))).status).toBe(400);
  });
});

/** What the two seeded transactions take from the Web3 wallet's total (see the second test). */
const SEEDED_DEBITS = 281_500 + 360_000;
