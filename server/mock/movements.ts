/**
 * Money that moves: what the account's transactions do to the wallet they are sent from, at a given
 * time. The seeded data never changes; every read lays the transactions over it as they stand at
 * `now` (the same timeline as transactions.ts), so reset() and a moving clock need no bookkeeping.
 *
 * A transaction debits its `from` wallet by value + gasLimit × gas price (gasPrice, or maxFeePerGas
 * for EIP-1559: the most it can cost; the mock does not simulate gas used), in the wallet's base
 * units (gwei for ETH), rounded up to a whole unit:
 * - until it is approved: `pendingOut` grows by the debit and `total` follows
 *   (total = available + pendingIn − pendingOut); `available` does not change;
 * - once approved: `available` drops by the debit and `pendingOut` falls back.
 * It appears at once in the wallet history (status `pending`, then `approved`) and in the fund
 * ledger (type 8, ExternalSign, as the seeded Web3 entries), with positive amounts like every entry:
 * the type gives the direction. `amount` is the whole debit, `fees` the gas part, `netAmount` the
 * value the recipient gets.
 */
import { createHash } from 'node:crypto';
import {
  type AccountData,
  type BalanceEntry,
  type TxHistoryItem,
  type WalletHistoryItem,
  type WalletRecord,
  newestFirst,
} from './data.ts';
import type { TransactionInput, TxRecord } from './transactions.ts';

/** WalletType 4, TxType 8: how the seeded data writes Web3 API wallets and their outgoing entries. */
const WEB3_WALLET_TYPE = 4;
const EXTERNAL_SIGN = 8;
const WEI_PER_ETH = 10n ** 18n;

export interface Debit {
  /** Base units of the wallet's asset. */
  value: number;
  fee: number;
  total: number;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** The debit of a transaction in base units of a wallet whose asset has this scale (units per coin). */
export function debitOf(input: TransactionInput, scale: number): Debit {
  const weiPerUnit = WEI_PER_ETH / BigInt(scale);
  const price = BigInt(input.gasPrice ?? input.maxFeePerGas ?? '0');
  const value = Number(ceilDiv(BigInt(input.value), weiPerUnit));
  const fee = Number(ceilDiv(BigInt(input.gasLimit) * price, weiPerUnit));
  return { value, fee, total: value + fee };
}

/** The account's Web3 API wallet with this address (EVM addresses compare case-insensitively). */
export function walletFor(account: AccountData, address: string): WalletRecord | undefined {
  const lower = address.toLowerCase();
  return account.funds
    .flatMap((f) => f.wallets)
    .find((w) => w.info.type === WEB3_WALLET_TYPE && w.info.address.toLowerCase() === lower);
}

function approvedAt(tx: TxRecord, nowMs: number): boolean {
  const approved = tx.stages.find((s) => s.status === 'approved');
  return approved !== undefined && approved.atMs <= nowMs;
}

function chainTxID(tx: TxRecord): string {
  return createHash('sha256').update(`${tx.txID}:qredochain`).digest('hex').toUpperCase();
}

/** The account as it stands at `nowMs`: its wallets' balances, histories and ledgers with the transactions laid over. */
export function accountAt(account: AccountData, txs: readonly TxRecord[], nowMs: number): AccountData {
  if (txs.length === 0) return account;
  const byWallet = new Map<WalletRecord, TxRecord[]>();
  for (const tx of txs) {
    if (tx.createdAtMs > nowMs) continue;
    const wallet = walletFor(account, tx.input.from);
    if (!wallet) continue;
    byWallet.set(wallet, [...(byWallet.get(wallet) ?? []), tx]);
  }
  if (byWallet.size === 0) return account;
  return {
    ...account,
    funds: account.funds.map((fund) => ({
      ...fund,
      wallets: fund.wallets.map((w) => {
        const list = byWallet.get(w);
        return list ? walletAt(w, list, nowMs) : w;
      }),
    })),
  };
}

function walletAt(wallet: WalletRecord, txs: readonly TxRecord[], nowMs: number): WalletRecord {
  const { scale } = wallet.balance;
  const balance: BalanceEntry = { ...wallet.balance };
  const history: WalletHistoryItem[] = [...wallet.history];
  const ledger: TxHistoryItem[] = [...wallet.ledger];
  for (const tx of txs) {
    const debit = debitOf(tx.input, scale);
    const approved = approvedAt(tx, nowMs);
    if (approved) balance.available -= debit.total;
    else balance.pendingOut += debit.total;
    const timestamp = Math.floor(tx.createdAtMs / 1000);
    const amount = debit.total / scale;
    const fees = debit.fee / scale;
    const netAmount = debit.value / scale;
    const chain = chainTxID(tx);
    history.push({
      txID: tx.txID,
      chainTxID: chain,
      walletID: wallet.info.wallet_id,
      timestamp,
      asset: wallet.info.asset,
      amount,
      fees,
      netAmount,
      status: approved ? 'approved' : 'pending',
    });
    ledger.push({
      txID: tx.txID,
      chainTxID: chain,
      fundID: wallet.fundID,
      walletID: wallet.info.wallet_id,
      timestamp,
      type: EXTERNAL_SIGN,
      asset: wallet.info.asset,
      amount,
      fees,
      netAmount,
      counterpartyID: '',
      counterpartyName: '',
      address: tx.input.to,
      reference: tx.input.note ?? 'Web3 API transaction',
      benefitOf: '',
      accountNo: '',
      later1TxID: approved ? [tx.txHash] : [],
    });
  }
  balance.total = balance.available + balance.pendingIn - balance.pendingOut;
  history.sort(newestFirst);
  ledger.sort(newestFirst);
  return { ...wallet, balance, history, ledger, info: { ...wallet.info, balance: balance.total } };
}
