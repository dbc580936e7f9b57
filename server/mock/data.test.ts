import { describe, expect, it } from 'vitest';
import { ASSETS } from './assets.ts';
import { SEED_ANCHOR_SECONDS, WEB3_WALLET_ADDRESS, balanceView, buildDataset, dataset } from './data.ts';
import { SeededRandom, ksuid } from './random.ts';

const org = dataset().accounts.organization;

describe('seeded data', () => {
  it('is the same on every build', () => {
    expect(JSON.stringify(buildDataset())).toBe(JSON.stringify(buildDataset()));
    const a = new SeededRandom('x');
    const b = new SeededRandom('x');
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)]);
  });

  it('makes 27-character K-sortable IDs that start with their time', () => {
    const id = ksuid(1_667_464_907, new Uint8Array(16));
    expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(ksuid(1_667_464_908, new Uint8Array(16)) > id).toBe(true);
  });

  it('has four organization funds, one archived and swept to zero', () => {
    expect(org.funds).toHaveLength(4);
    const archived = org.funds.filter((f) => f.archived);
    expect(archived).toHaveLength(1);
    for (const w of archived[0]!.wallets)
      expect(w.balance).toMatchObject({ total: 0, available: 0, pendingIn: 0, pendingOut: 0 });
  });

  it('derives every wallet balance from the wallet’s own history', () => {
    for (const account of Object.values(dataset().accounts)) {
      for (const wallet of account.funds.flatMap((f) => f.wallets)) {
        const { scale } = ASSETS[wallet.info.asset as keyof typeof ASSETS];
        expect(wallet.balance.scale).toBe(scale);
        const units = (coins: number) => Math.round(coins * scale);
        const ledgerByTx = new Map(wallet.ledger.map((l) => [l.txID, l]));
        let available = 0;
        let pendingIn = 0;
        let pendingOut = 0;
        for (const h of wallet.history) {
          const incoming = ledgerByTx.get(h.txID)!.type === 6;
          if (h.status === 'approved') available += incoming ? units(h.amount) : -units(h.amount);
          if (h.status === 'pending') {
            if (incoming) pendingIn += units(h.amount);
            else pendingOut += units(h.amount);
          }
        }
        expect(wallet.balance).toEqual({
          total: available + pendingIn - pendingOut,
          available,
          pendingIn,
          pendingOut,
          scale,
        });
        expect(wallet.info.balance).toBe(wallet.balance.total);
        expect(available).toBeGreaterThanOrEqual(0);
        for (const h of wallet.history) expect(h.timestamp).toBeLessThan(SEED_ANCHOR_SECONDS);
      }
    }
  });

  it('gives the Web3 API wallet the address from the documentation example', () => {
    const web3 = org.funds.flatMap((f) => f.wallets).find((w) => w.info.type === 4);
    expect(web3?.info.address).toBe(WEB3_WALLET_ADDRESS);
    expect(web3?.info.asset).toBe('ETH-GOERLI');
  });

  it('answers null balances for the empty organization', () => {
    expect(balanceView(dataset().accounts['empty-organization'])).toEqual({ assets: null });
  });
});
