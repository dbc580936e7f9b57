/**
 * The mock's seeded data: three invented accounts (an organization, an empty organization and a
 * personal account) with funds, wallets, balances, ledgers and trusted parties. Built from a seed
 * (DEFAULT_SEED unless asked otherwise) and a fixed anchor date, so the same seed gives the same
 * data on every start, independent of the clock. Nothing here is ever changed after it is built.
 *
 * Amounts are kept as integers in base units while generating, and every balance follows from the
 * wallet's own history: available = settled in − settled out; pendingIn / pendingOut from pending
 * entries; total = available + pendingIn − pendingOut.
 */
import { itemAt } from '../../core/checked.ts';
import type { MockAccountKind } from './keys.ts';
import { DEMO_KEYS } from './keys.ts';
import { ASSETS, type AssetCode, depositAddress, layerOneTxId } from './assets.ts';
import { type Entity, type Person, type Policy, companyEntity, policy, userEntity } from './entities.ts';
import { EVM_NETWORKS } from './networks.ts';
import { SeededRandom, base58Id, hex, ksuid } from './random.ts';

/** The seed used unless another is given (`--seed N`). */
export const DEFAULT_SEED = 0;
/** Seeds are 32-bit unsigned integers. */
export const MAX_SEED = 0xffff_ffff;

/** The label a part of the data is generated from: the default seed keeps the original labels. */
function seedLabel(seed: number, part: string): string {
  return seed === DEFAULT_SEED ? `qredo-mock:${part}` : `qredo-mock:seed-${seed}:${part}`;
}

/** 2023-11-01T00:00:00Z: the seeded history ends shortly before this instant. */
export const SEED_ANCHOR_SECONDS = 1_698_796_800;
const DAY = 86_400;

export interface BalanceEntry {
  total: number;
  available: number;
  pendingIn: number;
  pendingOut: number;
  scale: number;
}

export type TxStatus = 'approved' | 'expired' | 'initiate_rejected' | 'pending_initiate' | 'pending';

export interface TxHistoryItem {
  txID: string;
  chainTxID: string;
  fundID: string;
  walletID: string;
  timestamp: number;
  type: number;
  asset: string;
  amount: number;
  fees: number;
  netAmount: number;
  counterpartyID: string;
  counterpartyName: string;
  /** Only on transfers, which have a counterparty (the OpenAPI file does not make it nullable). */
  counterpartyEntity?: Entity;
  address: string;
  reference: string;
  benefitOf: string;
  accountNo: string;
  later1TxID: string[];
}

export interface WalletHistoryItem {
  txID: string;
  chainTxID: string;
  walletID: string;
  timestamp: number;
  asset: string;
  amount: number;
  fees: number;
  netAmount: number;
  status: TxStatus;
}

export interface WalletInfo {
  address: string;
  address_type: string;
  asset: string;
  balance: number;
  name: string;
  policy_tx: Policy;
  policy_withdraw: Policy;
  short_code: string;
  status: 'expired' | 'pending' | 'ready' | 'rejected';
  type: number;
  wallet_id: string;
  connected: Array<{ client_id: string; counterparty_id: string; name: string; status: string }> | null;
}

export interface WalletRecord {
  fundID: string;
  info: WalletInfo;
  balance: BalanceEntry;
  /** Newest first. */
  history: WalletHistoryItem[];
  ledger: TxHistoryItem[];
}

export interface FundRecord {
  fundID: string;
  name: string;
  description: string;
  theme: number;
  archived: boolean;
  custodygroup_withdraw: string;
  custodygroup_tx: string;
  members: Array<{ entity: Entity; permissions: { custodian: boolean; fundManager: boolean; trader: boolean } }>;
  policyTx: Policy;
  policyWithdrawl: Policy;
  wallets: WalletRecord[];
}

export interface AccountData {
  kind: MockAccountKind;
  accountID: string;
  /** The `settings` object of GET /account. */
  settings: Record<string, unknown>;
  funds: FundRecord[];
  trustedParties: TrustedParty[] | null;
  /** Who creates transactions through the API, and who approves them (organizations only). */
  apiUserID: string;
  approvers: Entity[];
  /** chainID → network name, for POST /transaction. */
  networks: Map<string, string>;
}

export interface TrustedParty {
  userID: string;
  firstName: string;
  lastName: string;
  email: string;
  username: string;
  internal: boolean;
  pending: boolean;
  created: number;
}

export interface Dataset {
  accounts: Record<MockAccountKind, AccountData>;
}

// ---- wallet generation ---------------------------------------------------------------------------

interface WalletSpec {
  name: string;
  asset: AssetCode;
  type: number;
  address?: string;
  /** How much history: 'busy' a dozen entries, 'quiet' a few, 'drained' deposited then swept to zero. */
  activity: 'busy' | 'quiet' | 'drained';
}

interface Movement {
  direction: 'in' | 'out';
  type: number;
  units: number;
  feeUnits: number;
  status: TxStatus;
  timestamp: number;
}

const SHORT_WORDS = [
  'amber',
  'birch',
  'cobalt',
  'delta',
  'ember',
  'fjord',
  'garnet',
  'harbor',
  'indigo',
  'juniper',
  'kestrel',
  'lumen',
  'meadow',
  'nectar',
  'orchid',
  'pylon',
  'quartz',
  'raven',
  'sable',
  'tundra',
  'umber',
  'vesper',
  'willow',
  'zephyr',
];

function planMovements(rng: SeededRandom, spec: WalletSpec, startSeconds: number): Movement[] {
  const asset = ASSETS[spec.asset];
  const units = (coins: number) => Math.max(1, Math.round(coins * asset.scale));
  const moves: Movement[] = [];
  let t = startSeconds;
  let available = 0;
  const step = () => (t += rng.int(2 * 3600, 9 * DAY));

  if (spec.activity === 'drained') {
    const amount = units(asset.typical * (0.5 + rng.next()));
    moves.push({ direction: 'in', type: 6, units: amount, feeUnits: 0, status: 'approved', timestamp: step() });
    const fee = units(asset.fee) * (asset.fee > 0 ? 1 : 0);
    moves.push({ direction: 'out', type: 4, units: amount, feeUnits: fee, status: 'approved', timestamp: step() });
    return moves;
  }

  const count = spec.activity === 'busy' ? rng.int(9, 13) : rng.int(3, 5);
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const deposit = i === 0 || available === 0 || rng.next() < 0.55;
    // The newest entry is sometimes still pending; an older one now and then expired or rejected.
    const status: TxStatus =
      last && rng.next() < 0.6
        ? 'pending'
        : !last && i > 1 && rng.next() < 0.1
          ? rng.pick(['expired', 'initiate_rejected'] as const)
          : 'approved';
    if (deposit) {
      const amount = units(asset.typical * (0.1 + rng.next() * 1.4));
      moves.push({ direction: 'in', type: 6, units: amount, feeUnits: 0, status, timestamp: step() });
      if (status === 'approved') available += amount;
    } else {
      const web3 = spec.type === 4;
      const transfer = !web3 && rng.next() < 0.4;
      const amount = Math.max(1, Math.round(available * (0.1 + rng.next() * 0.45)));
      const fee = transfer || asset.fee === 0 ? 0 : Math.min(amount, units(asset.fee * (0.6 + rng.next() * 0.8)));
      moves.push({
        direction: 'out',
        type: web3 ? 8 : transfer ? 2 : 1,
        units: amount,
        feeUnits: fee,
        status,
        timestamp: step(),
      });
      if (status === 'approved') available -= amount;
    }
  }
  return moves;
}

interface WalletContext {
  rng: SeededRandom;
  fundID: string;
  fundName: string;
  entityID: string;
  policyTx: Policy;
  policyWithdraw: Policy;
  counterparties: Entity[];
}

function round(units: number, scale: number): number {
  return units / scale;
}

function makeWallet(ctx: WalletContext, spec: WalletSpec, startSeconds: number): WalletRecord {
  const { rng } = ctx;
  const asset = ASSETS[spec.asset];
  const walletID = base58Id(rng.bytes(32));
  const address = spec.address ?? depositAddress(rng, spec.asset);
  const moves = planMovements(rng, spec, startSeconds);

  let available = 0;
  let pendingIn = 0;
  let pendingOut = 0;
  const history: WalletHistoryItem[] = [];
  const ledger: TxHistoryItem[] = [];
  for (const m of moves) {
    if (m.status === 'approved') available += m.direction === 'in' ? m.units : -m.units;
    if (m.status === 'pending') {
      if (m.direction === 'in') pendingIn += m.units;
      else pendingOut += m.units;
    }
    const txID = ksuid(m.timestamp, rng.bytes(16));
    const chainTxID = hex(rng.bytes(32)).toUpperCase();
    const onChain = m.type !== 2;
    const l1 = onChain && m.status === 'approved' ? [layerOneTxId(rng, spec.asset)] : [];
    const counterparty = m.type === 2 ? rng.pick(ctx.counterparties) : null;
    const amount = round(m.units, asset.scale);
    const fees = round(m.feeUnits, asset.scale);
    const netAmount = round(m.units - m.feeUnits, asset.scale);
    history.push({
      txID,
      chainTxID,
      walletID,
      timestamp: m.timestamp,
      asset: spec.asset,
      amount,
      fees,
      netAmount,
      status: m.status,
    });
    ledger.push({
      txID,
      chainTxID,
      fundID: ctx.fundID,
      walletID,
      timestamp: m.timestamp,
      type: m.type,
      asset: spec.asset,
      amount,
      fees,
      netAmount,
      counterpartyID: counterparty?.id ?? '',
      counterpartyName: counterparty?.name ?? '',
      ...(counterparty ? { counterpartyEntity: counterparty } : {}),
      address: m.direction === 'in' ? address : counterparty?.address || depositAddress(rng, spec.asset),
      reference:
        m.type === 6
          ? ''
          : m.type === 8
            ? 'Web3 API transaction'
            : rng.pick(['Quarterly rebalance', 'Settlement', 'Desk top-up', 'Ops float', 'Invoice 2023-114']),
      benefitOf: '',
      accountNo: '',
      later1TxID: l1,
    });
  }
  history.sort(newestFirst);
  ledger.sort(newestFirst);

  const balance: BalanceEntry = {
    total: available + pendingIn - pendingOut,
    available,
    pendingIn,
    pendingOut,
    scale: asset.scale,
  };
  const info: WalletInfo = {
    address,
    address_type: asset.addressType,
    asset: spec.asset,
    balance: balance.total,
    name: spec.name,
    policy_tx: ctx.policyTx,
    policy_withdraw: ctx.policyWithdraw,
    short_code: `${rng.pick(SHORT_WORDS)} ${rng.pick(SHORT_WORDS)} ${rng.pick(SHORT_WORDS)}`,
    status: 'ready',
    type: spec.type,
    wallet_id: walletID,
    connected:
      spec.type === 4
        ? [
            {
              client_id: base58Id(rng.bytes(32)),
              counterparty_id: base58Id(rng.bytes(32)),
              name: 'Web3 API',
              status: 'connected',
            },
          ]
        : null,
  };
  return { fundID: ctx.fundID, info, balance, history, ledger };
}

export function newestFirst(a: { timestamp: number; txID: string }, b: { timestamp: number; txID: string }): number {
  return b.timestamp - a.timestamp || (a.txID < b.txID ? 1 : -1);
}

interface FundSpec {
  name: string;
  description: string;
  archived?: boolean;
  wallets: WalletSpec[];
}

function makeFund(
  rng: SeededRandom,
  spec: FundSpec,
  entityID: string,
  people: Entity[],
  counterparties: Entity[],
  startSeconds: number,
): FundRecord {
  const fundID = ksuid(startSeconds, rng.bytes(16));
  const custodians = people.slice(0, 3);
  const threshold = Math.min(2, custodians.length);
  const policyTx = policy(
    rng,
    startSeconds,
    `${spec.name} transfers`,
    entityID,
    fundID,
    custodians,
    threshold,
    spec.wallets.length,
  );
  const policyWithdrawl = policy(
    rng,
    startSeconds,
    `${spec.name} withdrawals`,
    entityID,
    fundID,
    custodians,
    threshold,
    spec.wallets.length,
  );
  const ctx: WalletContext = {
    rng,
    fundID,
    fundName: spec.name,
    entityID,
    policyTx,
    policyWithdraw: policyWithdrawl,
    counterparties,
  };
  const wallets = spec.wallets.map((w) => makeWallet(ctx, w, startSeconds + rng.int(0, 3 * DAY)));
  return {
    fundID,
    name: spec.name,
    description: spec.description,
    theme: rng.int(0, 7),
    archived: spec.archived ?? false,
    custodygroup_withdraw: ksuid(startSeconds, rng.bytes(16)),
    custodygroup_tx: ksuid(startSeconds, rng.bytes(16)),
    members: people.map((entity, i) => ({
      entity,
      permissions: { custodian: i < 3, fundManager: i === 0, trader: i !== 2 },
    })),
    policyTx,
    policyWithdrawl,
    wallets,
  };
}

// ---- the three accounts ----------------------------------------------------------------------

const ORG_PEOPLE: Person[] = [
  { firstName: 'Mara', lastName: 'Lindqvist', username: 'mara.lindqvist', email: 'mara@northwind-labs.example' },
  { firstName: 'Tomasz', lastName: 'Wierzbicki', username: 'tomasz.w', email: 'tomasz@northwind-labs.example' },
  { firstName: 'Ines', lastName: 'Carvalho', username: 'ines.carvalho', email: 'ines@northwind-labs.example' },
  { firstName: 'Kofi', lastName: 'Mensah', username: 'kofi.api', email: 'kofi@northwind-labs.example' },
];

/** The Web3 API wallet address from the documentation's example transaction (docs/qredo-api.md, "Web3 transaction"). */
export const WEB3_WALLET_ADDRESS = '0x84CE2138E54b1852689132FD73dDC4D3973a44B8';

const ORG_NETWORKS: Array<[string, string]> = EVM_NETWORKS.map((n) => [n.chainID, n.name]);

function apiKeyList(kind: MockAccountKind): Array<{ keyID: string; name: string }> {
  return DEMO_KEYS.filter((k) => k.account === kind).map((k) => ({ keyID: k.keyId, name: k.label }));
}

function buildOrganization(seed: number): AccountData {
  const rng = new SeededRandom(seedLabel(seed, 'organization'));
  const accountID = base58Id(rng.bytes(32));
  const people = ORG_PEOPLE.map((p) => userEntity(rng, p, accountID));
  const counterparties = [
    companyEntity(rng, 'Harbour Line Trading', depositAddress(rng, 'ETH-GOERLI')),
    companyEntity(rng, 'Oakridge Capital', depositAddress(rng, 'BTC-TESTNET')),
    companyEntity(rng, 'Solent Market Makers', depositAddress(rng, 'QCOIN-1')),
  ];
  const start = SEED_ANCHOR_SECONDS - 150 * DAY;
  const specs: FundSpec[] = [
    {
      name: 'Treasury',
      description: 'Long-term holdings of the organization.',
      wallets: [
        { name: 'Treasury BTC', asset: 'BTC-TESTNET', type: 0, activity: 'busy' },
        { name: 'Treasury ETH', asset: 'ETH-TESTNET', type: 0, activity: 'busy' },
        { name: 'Treasury QCOIN', asset: 'QCOIN-1', type: 0, activity: 'quiet' },
      ],
    },
    {
      name: 'Web3 Operations',
      description: 'Connected wallets used through the Web3 API.',
      wallets: [
        { name: 'Web3 API Wallet', asset: 'ETH-GOERLI', type: 4, address: WEB3_WALLET_ADDRESS, activity: 'busy' },
        { name: 'Gas float', asset: 'ETH-GOERLI', type: 0, activity: 'quiet' },
      ],
    },
    {
      name: 'Trading Desk',
      description: 'Working capital for the trading desk.',
      wallets: [
        { name: 'Desk BTC', asset: 'BTC-TESTNET', type: 1, activity: 'busy' },
        { name: 'Desk QCOIN', asset: 'QCOIN-1', type: 2, activity: 'busy' },
      ],
    },
    {
      name: '2022 Vesting Pool',
      description: 'Closed vesting pool, swept and archived.',
      archived: true,
      wallets: [{ name: 'Vesting BTC', asset: 'BTC-TESTNET', type: 3, activity: 'drained' }],
    },
  ];
  const funds = specs.map((s, i) => makeFund(rng, s, accountID, people, counterparties, start + i * 11 * DAY));
  const settings = {
    id: accountID,
    name: 'Northwind Custody Labs',
    email: 'mara@northwind-labs.example',
    domain: 'northwind-labs.example',
    address: '12 Quayside Walk, Leith, Edinburgh EH6 6QQ',
    members: people.map((e) => ({
      id: e.id,
      username: e.user?.userName ?? '',
      email: e.user?.email ?? '',
      name: e.name,
    })),
    connectClients: [ksuid(start, rng.bytes(16))],
    rpcNetworks: ORG_NETWORKS.map(([chainID, name]) => ({ name, chainID })),
    partnerAPI: false,
    userAPIKeys: { number_of_keys: apiKeyList('organization').length, user_api_keys: apiKeyList('organization') },
  };
  return {
    kind: 'organization',
    accountID,
    settings,
    funds,
    trustedParties: null,
    apiUserID: itemAt(people, 3).id,
    approvers: people.slice(0, 2),
    networks: new Map(ORG_NETWORKS),
  };
}

function buildEmptyOrganization(seed: number): AccountData {
  const rng = new SeededRandom(seedLabel(seed, 'empty-organization'));
  const accountID = base58Id(rng.bytes(32));
  const owner = userEntity(
    rng,
    { firstName: 'Priya', lastName: 'Raman', username: 'priya.raman', email: 'priya@blank-slate.example' },
    accountID,
  );
  const settings = {
    id: accountID,
    name: 'Blank Slate Ventures',
    email: 'priya@blank-slate.example',
    domain: 'blank-slate.example',
    address: '5 Market Lane, Singapore 048940',
    members: [{ id: owner.id, username: owner.user?.userName ?? '', email: owner.user?.email ?? '', name: owner.name }],
    connectClients: [],
    rpcNetworks: [],
    partnerAPI: false,
    userAPIKeys: {
      number_of_keys: apiKeyList('empty-organization').length,
      user_api_keys: apiKeyList('empty-organization'),
    },
  };
  return {
    kind: 'empty-organization',
    accountID,
    settings,
    funds: [],
    trustedParties: null,
    apiUserID: owner.id,
    approvers: [],
    networks: new Map(),
  };
}

function buildPersonal(seed: number): AccountData {
  const rng = new SeededRandom(seedLabel(seed, 'personal'));
  const accountID = base58Id(rng.bytes(32));
  const me = userEntity(
    rng,
    { firstName: 'Lena', lastName: 'Okafor', username: 'lena-ok', email: 'lena.okafor@mailbox.example' },
    '',
  );
  const start = SEED_ANCHOR_SECONDS - 90 * DAY;
  const trusted: TrustedParty[] = [
    {
      firstName: 'Jonas',
      lastName: 'Berg',
      username: 'jberg',
      email: 'jonas.berg@mailbox.example',
      pending: false,
      days: 80,
    },
    {
      firstName: 'Aiko',
      lastName: 'Tanaka',
      username: 'aiko.t',
      email: 'aiko@tanaka-family.example',
      pending: false,
      days: 41,
    },
    {
      firstName: 'Samuel',
      lastName: 'Adeyemi',
      username: 'sam-adeyemi',
      email: 'sam@adeyemi.example',
      pending: true,
      days: 3,
    },
  ].map((p) => ({
    userID: base58Id(rng.bytes(32)),
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    username: p.username,
    internal: false,
    pending: p.pending,
    created: SEED_ANCHOR_SECONDS - p.days * DAY + rng.int(0, DAY),
  }));
  const trustedEntities = trusted.map((t) =>
    userEntity(rng, { firstName: t.firstName, lastName: t.lastName, username: t.username, email: t.email }, ''),
  );
  const fund = makeFund(
    rng,
    {
      name: 'Personal',
      description: 'Default fund of the personal account.',
      wallets: [
        { name: 'My BTC', asset: 'BTC-TESTNET', type: 0, activity: 'quiet' },
        { name: 'My ETH', asset: 'ETH-GOERLI', type: 0, activity: 'quiet' },
      ],
    },
    accountID,
    [me, ...trustedEntities.slice(0, 1)],
    trustedEntities,
    start,
  );
  const settings = {
    id: accountID,
    username: 'lena-ok',
    name: 'Lena Okafor',
    email: 'lena.okafor@mailbox.example',
    defaultFiat: 'EUR',
    testnetAssets: true,
    partnerAPI: false,
    userAPIKeys: apiKeyList('personal'),
  };
  return {
    kind: 'personal',
    accountID,
    settings,
    funds: [fund],
    trustedParties: trusted,
    apiUserID: me.id,
    approvers: [],
    networks: new Map(),
  };
}

/** Builds the seeded data set from scratch: the same seed gives the same result on every call. */
export function buildDataset(seed: number = DEFAULT_SEED): Dataset {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new Error(`seed must be an integer from 0 to ${MAX_SEED}; got ${seed}`);
  return {
    accounts: {
      organization: buildOrganization(seed),
      'empty-organization': buildEmptyOrganization(seed),
      personal: buildPersonal(seed),
    },
  };
}

let cached: Dataset | undefined;

/** The data set of the default seed (built once per process; it never changes). */
export function dataset(): Dataset {
  cached ??= buildDataset();
  return cached;
}

// ---- views used by the routes ---------------------------------------------------------------

function sumBalances(wallets: WalletRecord[]): Record<string, BalanceEntry> {
  const out: Record<string, BalanceEntry> = {};
  for (const w of [...wallets].sort((a, b) => a.info.asset.localeCompare(b.info.asset))) {
    const e = (out[w.info.asset] ??= { total: 0, available: 0, pendingIn: 0, pendingOut: 0, scale: w.balance.scale });
    e.total += w.balance.total;
    e.available += w.balance.available;
    e.pendingIn += w.balance.pendingIn;
    e.pendingOut += w.balance.pendingOut;
  }
  return out;
}

function activeWallets(account: AccountData): WalletRecord[] {
  return account.funds.filter((f) => !f.archived).flatMap((f) => f.wallets);
}

/** GET /balance: per-asset sums over active wallets, keyed by asset code; null with no wallets. */
export function balanceView(account: AccountData): { assets: Record<string, BalanceEntry> | null } {
  const wallets = activeWallets(account);
  return { assets: wallets.length ? sumBalances(wallets) : null };
}

/** GET /funds: archived funds only when asked for; funds null when the account has none. */
export function fundsView(account: AccountData, includeArchived: boolean): { total: number; funds: unknown[] | null } {
  const funds = account.funds.filter((f) => includeArchived || !f.archived);
  if (funds.length === 0) return { total: 0, funds: null };
  return {
    total: funds.length,
    funds: funds.map((f) => ({
      fundID: f.fundID,
      name: f.name,
      theme: f.theme,
      holdings: sumBalances(f.wallets),
      wallets: f.wallets.map((w) => w.info),
    })),
  };
}

export function findFund(account: AccountData, fundID: string): FundRecord | undefined {
  return account.funds.find((f) => f.fundID === fundID);
}

export function findWallet(account: AccountData, walletID: string): WalletRecord | undefined {
  return account.funds.flatMap((f) => f.wallets).find((w) => w.info.wallet_id === walletID);
}

/** The account's Web3 API wallets (WalletType 4): the only wallets POST /transaction may send from. */
export function web3Wallets(account: AccountData): WalletRecord[] {
  return account.funds.flatMap((f) => f.wallets).filter((w) => w.info.type === 4);
}

/** GET /funds/{fund_id}. */
export function fundInfoView(fund: FundRecord): { fundInfo: Record<string, unknown> } {
  return {
    fundInfo: {
      fund_id: fund.fundID,
      name: fund.name,
      description: fund.description,
      custodygroup_withdraw: fund.custodygroup_withdraw,
      custodygroup_tx: fund.custodygroup_tx,
      members: fund.members,
      policyTx: fund.policyTx,
      policyWithdrawl: fund.policyWithdrawl,
      wallets: fund.wallets.map((w) => w.info),
    },
  };
}

export interface TxHistoryWalletInfo {
  walletID: string;
  fundName: string;
  walletName: string;
  type: number;
}

/**
 * GET /funds/{fund_id}/ledger: every wallet's entries, newest first. `wallets` is one
 * TxHistoryWalletInfo object, as the OpenAPI file declares despite the plural name: the fund's
 * first wallet. Each entry names its own walletID.
 */
export function ledgerView(fund: FundRecord): { list: TxHistoryItem[]; total: number; wallets: TxHistoryWalletInfo } {
  const list = fund.wallets.flatMap((w) => w.ledger).sort(newestFirst);
  const first = fund.wallets[0];
  return {
    list,
    total: list.length,
    wallets: {
      walletID: first?.info.wallet_id ?? '',
      fundName: fund.name,
      walletName: first?.info.name ?? '',
      type: first?.info.type ?? 0,
    },
  };
}

/** GET /wallet/{wallet_id}/history. */
export function walletHistoryView(wallet: WalletRecord): { history: WalletHistoryItem[] } {
  return { history: wallet.history };
}
