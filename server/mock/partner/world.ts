/**
 * The state of one demo partner: its companies, trusted parties, funds, wallets, deposits, transfers,
 * withdrawals and core clients, kept in memory for the life of the mock process.
 *
 * Time drives what happens after a transaction is created: each custodian of the policy approves
 * APPROVAL_STEP_SECONDS after the previous one, and when the threshold is met before `expires` the
 * transaction is approved and the money moves; otherwise it expires and its reservation is released.
 * Balances and ledgers are computed from the records at the clock's time, so nothing needs a timer.
 */
import { present } from '../../../core/checked.ts';
import { base58Id, derivedBytes, ksuid } from '../random.ts';
import { DEMO_CREDIT, type PartnerAsset, chainTxIdFor, depositAddressFor, findAsset } from './assets.ts';

export const APPROVAL_STEP_SECONDS = 5;

export interface TrustedParty {
  id: string;
  address: string;
  name: string;
  type: 'user' | 'coreClient';
  created: number;
  firstName: string;
  lastName: string;
  username: string;
}

export interface Policy {
  id: string;
  name: string;
  threshold: number;
  /** trusted_entity_ids of the company. */
  members: string[];
}

export interface Wallet {
  id: string;
  companyId: string;
  fundId: string;
  name: string;
  asset: PartnerAsset;
  type: number;
  address: string;
  shortCode: string;
  created: number;
  policyTx: Policy;
  policyWithdraw: Policy;
  connected: Array<{ client_id: string; counterparty_id: string; name: string; status: string }> | null;
}

export interface Fund {
  id: string;
  companyId: string;
  name: string;
  description: string;
  created: number;
  policyTx: Policy;
  policyWithdraw: Policy;
  walletIds: string[];
  whitelist: Array<{ asset: string; address: string; name: string }>;
}

export interface Company {
  id: string;
  name: string;
  city: string;
  country: string;
  domain: string;
  ref: string;
  created: number;
  parties: TrustedParty[];
  fundIds: string[];
}

export interface Deposit {
  id: string;
  walletId: string;
  amount: number;
  timestamp: number;
  chainTxId: string;
}

export interface Approver {
  partyId: string;
  actionId: string;
  firstName: string;
  lastName: string;
  username: string;
}

export interface Tx {
  id: string;
  kind: 'transfer' | 'withdraw';
  companyId: string;
  walletId: string;
  asset: PartnerAsset;
  /** What the recipient gets. The sender pays net + fee. */
  net: number;
  fee: number;
  created: number;
  expires: number;
  reference: string;
  benefitOf: string;
  accountNo: string;
  partnerTxId: string;
  /** A core client that must authorize first: the transaction waits in pending_initiate. */
  authorizeId: string;
  /** Transfers: the receiving wallet. */
  toWalletId: string | null;
  /** Withdrawals: the whitelisted L1 address. */
  toAddress: string | null;
  approvers: Approver[];
  threshold: number;
  /** Seeded history: approved at this time whatever the clock says. */
  settledAt: number | null;
  chainTxId: string;
}

export interface CoreClient {
  id: string;
  name: string;
  created: number;
}

export type TxStatus = 'pending_initiate' | 'pending' | 'approved' | 'expired';

export type TxPhase = {
  /** When each approver approved, or null while still pending. */
  approvedAt: Array<number | null>;
} & (
  | {
      status: Extract<TxStatus, 'approved' | 'expired'>;
      /** When the money moved (approved) or the reservation was released (expired). */
      endedAt: number;
    }
  | { status: Extract<TxStatus, 'pending_initiate' | 'pending'>; endedAt: null }
);

/** Where a transaction stands at `now` (Unix seconds). */
export function txPhase(tx: Tx, now: number): TxPhase {
  if (tx.settledAt !== null) {
    const at = tx.approvers.map((_, i) => (i < tx.threshold ? tx.settledAt : null));
    return { status: 'approved', approvedAt: at, endedAt: tx.settledAt };
  }
  const none = tx.approvers.map(() => null);
  if (tx.authorizeId) {
    return now >= tx.expires
      ? { status: 'expired', approvedAt: none, endedAt: tx.expires }
      : { status: 'pending_initiate', approvedAt: none, endedAt: null };
  }
  const approvedAt = tx.approvers.map((_, i) => {
    const at = tx.created + APPROVAL_STEP_SECONDS * (i + 1);
    return i < tx.threshold && at <= now && at < tx.expires ? at : null;
  });
  const doneAt = tx.created + APPROVAL_STEP_SECONDS * tx.threshold;
  if (doneAt < tx.expires && now >= doneAt) return { status: 'approved', approvedAt, endedAt: doneAt };
  if (now >= tx.expires) return { status: 'expired', approvedAt, endedAt: tx.expires };
  return { status: 'pending', approvedAt, endedAt: null };
}

/** Deterministic IDs in Qredo's shapes, from the world's name and a counter: the same requests give the same IDs. */
export class IdSource {
  private counter = 0;
  constructor(private readonly seed: string) {}

  label(kind: string): string {
    return `${this.seed}/${kind}/${this.counter++}`;
  }
  /** 27 characters, K-sortable: companies, funds, policies, transactions, trusted parties. */
  ksuid(nowSeconds: number): string {
    return ksuid(nowSeconds, derivedBytes(this.label('ksuid'), 16));
  }
  /** 43-44 characters of base58: wallets and core clients. */
  base58(): string {
    return base58Id(derivedBytes(this.label('base58'), 32));
  }
}

export interface LedgerItem {
  walletId: string;
  direction: 'in' | 'out';
  item: {
    TxID: string;
    chainTxID: string;
    fundID: string;
    timestamp: number;
    expireTime: number;
    status: TxStatus;
    type: 'deposit' | 'withdraw' | 'transferIn' | 'transferOut';
    asset: string;
    amount: number;
    fees: number;
    netAmount: number;
    counterpartyID: string;
    counterpartyName: string;
    address: string;
    reference: string;
    benefitOf: string;
    accountNo: string;
  };
}

export class PartnerWorld {
  readonly companies = new Map<string, Company>();
  readonly funds = new Map<string, Fund>();
  readonly wallets = new Map<string, Wallet>();
  readonly txs = new Map<string, Tx>();
  readonly deposits: Deposit[] = [];
  readonly coreClients = new Map<string, CoreClient>();
  readonly ids: IdSource;

  constructor(readonly name: string) {
    this.ids = new IdSource(`partner-world/${name}`);
  }

  // Records refer to one another by id, and the world never deletes one: these lookups always find it.
  /** The company a record refers to. */
  company(id: string): Company {
    return present(this.companies.get(id), `company ${id} of the partner world`);
  }

  /** The fund a record refers to. */
  fund(id: string): Fund {
    return present(this.funds.get(id), `fund ${id} of the partner world`);
  }

  /** The wallet a record refers to. */
  wallet(id: string): Wallet {
    return present(this.wallets.get(id), `wallet ${id} of the partner world`);
  }

  companyOf(id: string): Company | undefined {
    return this.companies.get(id);
  }

  fundOf(company: Company, fundId: string): Fund | undefined {
    const fund = this.funds.get(fundId);
    return fund && fund.companyId === company.id ? fund : undefined;
  }

  walletByIdOrShortCode(text: string): Wallet | undefined {
    return this.wallets.get(text) ?? [...this.wallets.values()].find((w) => w.shortCode === text);
  }

  walletsOfCompany(company: Company): Wallet[] {
    return company.fundIds.flatMap((f) => this.fund(f).walletIds.map((w) => this.wallet(w)));
  }

  /** Adds a wallet to a fund; a testnet wallet starts with DEMO_CREDIT as a deposit. */
  addWallet(
    fund: Fund,
    fields: {
      name: string;
      asset: PartnerAsset;
      type?: number;
      policyTx?: Policy;
      policyWithdraw?: Policy;
      id?: string;
    },
    now: number,
    connect: Array<{ client_id: string; counterparty_id: string }> | null = null,
  ): Wallet {
    const id = fields.id ?? this.ids.base58();
    const wallet: Wallet = {
      id,
      companyId: fund.companyId,
      fundId: fund.id,
      name: fields.name,
      asset: fields.asset,
      type: fields.type ?? 0,
      address: depositAddressFor(fields.asset, `${this.name}/${id}`),
      shortCode: base58Id(derivedBytes(`short-code/${this.name}/${id}`, 32)).slice(0, 10),
      created: now,
      policyTx: fields.policyTx ?? fund.policyTx,
      policyWithdraw: fields.policyWithdraw ?? fund.policyWithdraw,
      connected: connect
        ? connect.map((c) => ({ ...c, name: `counterparty ${c.counterparty_id.slice(0, 6)}`, status: 'pending' }))
        : null,
    };
    this.wallets.set(id, wallet);
    fund.walletIds.push(id);
    if (fields.asset.testnet) this.deposit(wallet, DEMO_CREDIT, now);
    return wallet;
  }

  deposit(wallet: Wallet, amount: number, at: number): Deposit {
    const id = this.ids.ksuid(at);
    const d: Deposit = { id, walletId: wallet.id, amount, timestamp: at, chainTxId: chainTxIdFor(wallet.asset, id) };
    this.deposits.push(d);
    return d;
  }

  findByPartnerTxId(company: Company, kind: Tx['kind'], partnerTxId: string): Tx | undefined {
    if (!partnerTxId) return undefined;
    return [...this.txs.values()].find(
      (t) => t.companyId === company.id && t.kind === kind && t.partnerTxId === partnerTxId,
    );
  }

  /** Settled balance (what has moved by `now`) and what is reserved by open outgoing transactions. */
  balanceOf(wallet: Wallet, now: number): { balance: number; reserved: number; available: number } {
    let balance = 0;
    let reserved = 0;
    for (const d of this.deposits) if (d.walletId === wallet.id) balance += d.amount;
    for (const tx of this.txs.values()) {
      if (tx.walletId !== wallet.id && tx.toWalletId !== wallet.id) continue;
      const phase = txPhase(tx, now);
      if (tx.walletId === wallet.id) {
        if (phase.status === 'approved') balance -= tx.net + tx.fee;
        else if (phase.endedAt === null) reserved += tx.net + tx.fee;
      }
      if (tx.toWalletId === wallet.id && phase.status === 'approved') balance += tx.net;
    }
    return { balance, reserved, available: balance - reserved };
  }

  /** Every ledger entry of these wallets at `now`, newest first. */
  ledger(walletIds: ReadonlySet<string>, now: number): LedgerItem[] {
    const out: LedgerItem[] = [];
    const companyName = (id: string) => this.companies.get(id)?.name ?? '';
    for (const d of this.deposits) {
      if (!walletIds.has(d.walletId)) continue;
      const w = this.wallet(d.walletId);
      out.push({
        walletId: w.id,
        direction: 'in',
        item: {
          TxID: d.id,
          chainTxID: d.chainTxId,
          fundID: w.fundId,
          timestamp: d.timestamp,
          expireTime: 0,
          status: 'approved',
          type: 'deposit',
          asset: w.asset.code,
          amount: d.amount,
          fees: 0,
          netAmount: d.amount,
          counterpartyID: '',
          counterpartyName: '',
          address: w.address,
          reference: '',
          benefitOf: '',
          accountNo: '',
        },
      });
    }
    for (const tx of this.txs.values()) {
      const phase = txPhase(tx, now);
      const from = this.wallet(tx.walletId);
      const to = tx.toWalletId ? this.wallet(tx.toWalletId) : null;
      const common = { reference: tx.reference, benefitOf: tx.benefitOf, accountNo: tx.accountNo };
      const chainTxID = phase.status === 'approved' ? tx.chainTxId : '';
      if (walletIds.has(tx.walletId)) {
        out.push({
          walletId: from.id,
          direction: 'out',
          item: {
            TxID: tx.id,
            chainTxID,
            fundID: from.fundId,
            timestamp: tx.created,
            expireTime: tx.expires,
            status: phase.status,
            type: tx.kind === 'transfer' ? 'transferOut' : 'withdraw',
            asset: tx.asset.code,
            amount: tx.net + tx.fee,
            fees: tx.fee,
            netAmount: tx.net,
            counterpartyID: to ? to.companyId : '',
            counterpartyName: to ? companyName(to.companyId) : '',
            address: tx.toAddress ?? '',
            ...common,
          },
        });
      }
      if (to && walletIds.has(to.id) && phase.status === 'approved') {
        out.push({
          walletId: to.id,
          direction: 'in',
          item: {
            TxID: tx.id,
            chainTxID,
            fundID: to.fundId,
            timestamp: phase.endedAt,
            expireTime: tx.expires,
            status: 'approved',
            type: 'transferIn',
            asset: tx.asset.code,
            amount: tx.net,
            fees: 0,
            netAmount: tx.net,
            counterpartyID: from.companyId,
            counterpartyName: companyName(from.companyId),
            address: '',
            ...common,
          },
        });
      }
    }
    // Newest first; within one second, the later record first (records are pushed in creation order).
    // Reversed, then a stable sort: ties keep the reversed order.
    return out.reverse().sort((a, b) => b.item.timestamp - a.item.timestamp);
  }
}

export function assetOrThrow(code: string): PartnerAsset {
  const asset = findAsset(code);
  if (!asset) throw new Error(`unknown asset ${code}`);
  return asset;
}
