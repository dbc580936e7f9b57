/**
 * Web3 API transactions: validating a POST /transaction body, and the state that moves on with the
 * clock. A transaction's whole future is fixed when it is created (a plan of timed stages), and every
 * read computes where it stands at `now`, so the same creation time always gives the same timeline.
 *
 * Timeline of a transaction created through the API at time C (see TIMELINE):
 *   C        created     approvals: none yet           signedTx "0x"
 *   C + 2 s  pending     approvals: 2 × pending
 *   C + 5 s  pending     approvals: 1 approved, 1 pending
 *   C + 8 s  authorized  approvals: 2 × approved
 *   C + 10 s approved    signedTx and txHash filled in
 */
import { itemAt, lastItem } from '../../core/checked.ts';
import { createHash } from 'node:crypto';
import type { AccountData } from './data.ts';
import { SEED_ANCHOR_SECONDS, WEB3_WALLET_ADDRESS } from './data.ts';
import type { Entity } from './entities.ts';
import { derivedBytes, hex, ksuid } from './random.ts';
import { hexBytes, quantity, rlpEncode, type RlpItem } from './rlp.ts';

/** Milliseconds after creation at which each step happens. */
export const TIMELINE = {
  pending: 2_000,
  firstApproval: 5_000,
  secondApproval: 8_000,
  authorized: 8_000,
  approved: 10_000,
} as const;

// ---- the request body ------------------------------------------------------------------------

export interface TransactionInput {
  from: string;
  to: string;
  value: string;
  gasLimit: string;
  gasPrice?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  data?: string;
  chainID?: string;
  note?: string;
}

export type BodyCheck = { ok: true; input: TransactionInput } | { ok: false; reason: string };

const STRING_FIELDS = [
  'from',
  'to',
  'value',
  'gasLimit',
  'gasPrice',
  'maxFeePerGas',
  'maxPriorityFeePerGas',
  'data',
  'chainID',
  'note',
] as const;
const REQUIRED = ['from', 'to', 'value', 'gasLimit'] as const;
const QUANTITIES = ['value', 'gasLimit', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas'] as const;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DECIMAL = /^(0|[1-9][0-9]{0,77})$/;
const HEX_QUANTITY = /^0x[0-9a-fA-F]{1,64}$/;
const MAX_UINT256 = (1n << 256n) - 1n;

function parseQuantity(text: string): bigint | null {
  if (!DECIMAL.test(text) && !HEX_QUANTITY.test(text)) return null;
  const n = BigInt(text);
  return n <= MAX_UINT256 ? n : null;
}

/** What a body is checked against in the account: its RPC networks and its Web3 API wallets' addresses. */
export interface TransactionContext {
  networks: ReadonlyMap<string, string>;
  web3Addresses: readonly string[];
}

/**
 * Checks a POST /transaction body (raw bytes as received) against the Web3 API rules
 * (docs/qredo-api.md, "Web3 transaction") and the account: `from` one of its Web3 API wallets, `chainID` one of its RPC networks.
 */
export function parseTransactionBody(raw: Uint8Array, context: TransactionContext): BodyCheck {
  const { networks, web3Addresses } = context;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, reason: 'the request body is not valid UTF-8' };
  }
  if (text.trim() === '')
    return { ok: false, reason: 'the request body is empty; send a JSON object with from, to, value and gasLimit' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `the request body is not valid JSON: ${(e as Error).message}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    return { ok: false, reason: `the request body must be a JSON object; got ${what}` };
  }
  const body = parsed as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    const v = body[field];
    if (v !== undefined && typeof v !== 'string') {
      const got = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
      return {
        ok: false,
        reason: `"${field}" must be a string (all values are strings, amounts included); got ${got}`,
      };
    }
  }
  for (const field of REQUIRED) {
    if (body[field] === undefined) return { ok: false, reason: `"${field}" is required` };
    if (body[field] === '') return { ok: false, reason: `"${field}" is empty` };
  }
  const input = body as unknown as TransactionInput;
  for (const field of ['from', 'to'] as const) {
    if (!ADDRESS.test(input[field])) {
      return {
        ok: false,
        reason: `"${field}" must be a hex address: 0x followed by 40 hex digits; got ${JSON.stringify(input[field].slice(0, 80))}`,
      };
    }
  }
  // EVM addresses are case-insensitive (the mixed case is only a checksum).
  if (!web3Addresses.some((a) => a.toLowerCase() === input.from.toLowerCase())) {
    return {
      ok: false,
      reason: web3Addresses.length
        ? `"from" ${input.from} is not one of this account's Web3 API wallets (${web3Addresses.join(', ')}); a transaction is sent from a Web3 API wallet`
        : `"from" must be one of this account's Web3 API wallets, and this account has none`,
    };
  }
  for (const field of QUANTITIES) {
    const v = input[field];
    if (v !== undefined && parseQuantity(v) === null) {
      return {
        ok: false,
        reason: `"${field}" must be a non-negative integer in decimal (or 0x hex) that fits in 256 bits; got ${JSON.stringify(v.slice(0, 80))}`,
      };
    }
  }
  const eip1559 = input.maxFeePerGas !== undefined || input.maxPriorityFeePerGas !== undefined;
  if (input.gasPrice !== undefined && eip1559) {
    return {
      ok: false,
      reason:
        'gasPrice (legacy, type 0/1) cannot be combined with maxFeePerGas or maxPriorityFeePerGas (EIP-1559, type 2); send one kind only',
    };
  }
  if (eip1559) {
    if (input.maxFeePerGas === undefined || input.maxPriorityFeePerGas === undefined) {
      return { ok: false, reason: 'an EIP-1559 transaction needs both maxFeePerGas and maxPriorityFeePerGas' };
    }
    if (BigInt(input.maxPriorityFeePerGas) > BigInt(input.maxFeePerGas)) {
      return { ok: false, reason: 'maxPriorityFeePerGas must not be greater than maxFeePerGas' };
    }
  }
  if (input.data !== undefined && input.data !== '' && !/^0x([0-9a-fA-F]{2})*$/.test(input.data)) {
    return { ok: false, reason: '"data" must be hex call data: 0x followed by an even number of hex digits' };
  }
  const chainID = input.chainID ?? '1';
  if (!/^[1-9][0-9]{0,19}$/.test(chainID))
    return {
      ok: false,
      reason: `"chainID" must be a positive decimal integer; got ${JSON.stringify(chainID.slice(0, 40))}`,
    };
  if (!networks.has(chainID)) {
    return {
      ok: false,
      reason: `chainID ${chainID} is not one of this account's RPC networks (${[...networks.keys()].join(', ')})`,
    };
  }
  return { ok: true, input };
}

// ---- records and their timeline ------------------------------------------------------------------

type Stage = 'created' | 'pending' | 'authorized' | 'approved';

interface PlannedApproval {
  approver: Entity;
  actionID: string;
  /** When the approver decides; null means never (the approval stays pending). */
  decidedAtMs: number | null;
  signature: string;
}

export interface TxRecord {
  txID: string;
  accountID: string;
  createdBy: string;
  createdAtMs: number;
  input: TransactionInput;
  chainID: string;
  network: string;
  nonce: number;
  rawTX: string;
  signedTx: string;
  txHash: string;
  stages: Array<{ status: Stage; atMs: number; message: string }>;
  approvals: PlannedApproval[];
}

const STAGE_MESSAGES: Record<Stage, string> = {
  created: 'transaction created',
  pending: 'waiting for custodian approvals',
  authorized: 'custody policy threshold reached',
  approved: 'transaction signed; signedTx is ready to broadcast',
};

function rlpTransactions(
  input: TransactionInput,
  chainID: string,
  nonce: number,
  signatureSeed: string,
): { raw: string; signed: string } {
  const n = (v: string | undefined) => quantity(v === undefined ? 0n : BigInt(v));
  const chain = BigInt(chainID);
  const to = hexBytes(input.to);
  const data = hexBytes(input.data ?? '');
  // Placeholder signature values: derived from the transaction, not a real ECDSA signature.
  const r = derivedBytes(`${signatureSeed}:r`, 32);
  const s = derivedBytes(`${signatureSeed}:s`, 32);
  const toHex = (b: Uint8Array) => `0x${hex(b)}`;
  if (input.maxFeePerGas !== undefined) {
    const fields: RlpItem[] = [
      quantity(chain),
      quantity(BigInt(nonce)),
      n(input.maxPriorityFeePerGas),
      n(input.maxFeePerGas),
      n(input.gasLimit),
      to,
      n(input.value),
      data,
      [],
    ];
    const typed = (items: RlpItem[]) => Buffer.concat([Uint8Array.of(2), rlpEncode(items)]);
    return { raw: toHex(typed(fields)), signed: toHex(typed([...fields, quantity(BigInt(itemAt(r, 0) & 1)), r, s])) };
  }
  const base: RlpItem[] = [quantity(BigInt(nonce)), n(input.gasPrice), n(input.gasLimit), to, n(input.value), data];
  const raw = rlpEncode([...base, quantity(chain), new Uint8Array(0), new Uint8Array(0)]);
  const v = chain * 2n + 35n + BigInt(itemAt(r, 0) & 1);
  const signed = rlpEncode([...base, quantity(v), r, s]);
  return { raw: toHex(raw), signed: toHex(signed) };
}

function plannedRecord(args: {
  txID: string;
  account: AccountData;
  createdAtMs: number;
  input: TransactionInput;
  chainID: string;
  nonce: number;
  /** Stop the plan here (the seeded "still waiting" transaction stops at pending). */
  lastStage: Stage;
}): TxRecord {
  const { txID, account, createdAtMs, input, chainID, nonce, lastStage } = args;
  const { raw, signed } = rlpTransactions(input, chainID, nonce, txID);
  const order: Stage[] = ['created', 'pending', 'authorized', 'approved'];
  const offsets: Record<Stage, number> = {
    created: 0,
    pending: TIMELINE.pending,
    authorized: TIMELINE.authorized,
    approved: TIMELINE.approved,
  };
  const stages = order
    .slice(0, order.indexOf(lastStage) + 1)
    .map((status) => ({ status, atMs: createdAtMs + offsets[status], message: STAGE_MESSAGES[status] }));
  const decided = [TIMELINE.firstApproval, TIMELINE.secondApproval];
  const approvals = account.approvers.map((approver, i) => ({
    approver,
    actionID: ksuid(Math.floor(createdAtMs / 1000), derivedBytes(`${txID}:action:${i}`, 16)),
    decidedAtMs: lastStage === 'pending' && i > 0 ? null : createdAtMs + (decided[i] ?? TIMELINE.secondApproval),
    signature: Buffer.from(derivedBytes(`${txID}:approval:${i}`, 64)).toString('base64'),
  }));
  return {
    txID,
    accountID: account.accountID,
    createdBy: account.apiUserID,
    createdAtMs,
    input,
    chainID,
    network: account.networks.get(chainID) ?? '',
    nonce,
    rawTX: raw,
    signedTx: signed,
    txHash: `0x${createHash('sha256').update(hexBytes(signed)).digest('hex')}`,
    stages,
    approvals,
  };
}

/** txInfoResponse as it stands at `nowMs`. */
export function txInfoAt(tx: TxRecord, nowMs: number) {
  const reached = tx.stages.filter((s, i) => i === 0 || s.atMs <= nowMs);
  const current = lastItem(reached); // stage 0 is always reached
  const approved = current.status === 'approved';
  const timestamps: Record<string, number> = {};
  for (const s of reached) timestamps[s.status] = Math.floor(s.atMs / 1000);
  return {
    txID: tx.txID,
    txHash: approved ? tx.txHash : '',
    status: current.status,
    timestamps,
    events: reached.map((s) => ({
      id: tx.txID,
      timestamp: Math.floor(s.atMs / 1000),
      status: s.status,
      message: s.message,
    })),
    // A string here, as txInfoResponse declares it (the feed's txFeedStatus declares an integer).
    nonce: String(tx.nonce),
    gasPrice: tx.input.gasPrice ?? '',
    gasLimit: tx.input.gasLimit,
    from: tx.input.from,
    to: tx.input.to,
    value: tx.input.value,
    data: tx.input.data ?? '',
    rawTX: tx.rawTX,
    signedTx: approved ? tx.signedTx : '0x',
    createdBy: tx.createdBy,
    accountID: tx.accountID,
    network: tx.network,
    chainID: tx.chainID,
  };
}

/** How many stages of its timeline the transaction has reached at `nowMs` (at least 1: created). */
export function stagesReached(tx: TxRecord, nowMs: number): number {
  return tx.stages.filter((s, i) => i === 0 || s.atMs <= nowMs).length;
}

/**
 * The feed's txFeedStatus message for the transaction as it stood at `atMs` (a stage's own time):
 * the txInfoResponse fields the feed schema declares, so no signedTx, and `nonce` an integer as the
 * feed schema declares it.
 */
export function feedStatusAt(tx: TxRecord, atMs: number) {
  const info = txInfoAt(tx, atMs);
  return {
    txID: info.txID,
    txHash: info.txHash,
    status: info.status,
    timestamps: info.timestamps,
    events: info.events,
    nonce: tx.nonce,
    gasPrice: info.gasPrice,
    gasLimit: info.gasLimit,
    from: info.from,
    to: info.to,
    value: info.value,
    data: info.data,
    rawTX: info.rawTX,
    createdBy: info.createdBy,
    accountID: info.accountID,
    network: info.network,
    chainID: info.chainID,
  };
}

/** The approvals list at `nowMs`: nothing before the transaction is pending, then one entry per approver. */
export function approvalsAt(tx: TxRecord, nowMs: number) {
  const pendingStage = tx.stages.find((s) => s.status === 'pending');
  if (!pendingStage || nowMs < pendingStage.atMs) return { total: 0, list: [] as unknown[] };
  const list = tx.approvals.map((a) => {
    const done = a.decidedAtMs !== null && nowMs >= a.decidedAtMs;
    return {
      txID: tx.txID,
      userID: a.approver.id,
      actionID: a.actionID,
      external: false,
      signature: done ? a.signature : '',
      signatures: {},
      firstName: a.approver.user?.firstName ?? '',
      lastName: a.approver.user?.lastName ?? '',
      email: a.approver.user?.email ?? '',
      username: a.approver.user?.userName ?? '',
      status: done ? 'approved' : 'pending',
      accountCode: a.approver.accountCode,
    };
  });
  return { total: list.length, list };
}

// ---- the store -----------------------------------------------------------------------------------

const MAX_CREATED = 10_000;

function seededIds(accountID: string): { approved: string; waiting: string } {
  return {
    approved: ksuid(SEED_ANCHOR_SECONDS - 3 * 86_400, derivedBytes(`${accountID}:seed:1`, 16)),
    waiting: ksuid(SEED_ANCHOR_SECONDS - 3600, derivedBytes(`${accountID}:seed:2`, 16)),
  };
}

/**
 * IDs of the two transactions every mock starts with, in the organization of the `full` key:
 * `approved` (finished, signedTx filled in) and `waiting` (pending for ever: one of two approvals given).
 */
export function seededTransactionIds(account: AccountData): { approved: string; waiting: string } {
  return seededIds(account.accountID);
}

/** Transactions of one mock server: two seeded ones per organization, plus whatever is POSTed. */
export class TransactionStore {
  private readonly byId = new Map<string, TxRecord>();
  private readonly nonces = new Map<string, number>();
  private readonly created: string[] = [];
  private counter = 0;

  constructor(accounts: readonly AccountData[]) {
    for (const account of accounts) {
      if (account.kind !== 'organization') continue;
      const example: TransactionInput = {
        from: WEB3_WALLET_ADDRESS,
        to: '0x000000000000000000000000000000000000dEaD',
        value: '250000000000000',
        gasLimit: '21000',
        gasPrice: '1500000000',
        chainID: '5',
        note: 'seeded: approved transfer',
      };
      const ids = seededIds(account.accountID);
      const done = plannedRecord({
        txID: ids.approved,
        account,
        createdAtMs: (SEED_ANCHOR_SECONDS - 3 * 86_400) * 1000,
        input: example,
        chainID: '5',
        nonce: 41,
        lastStage: 'approved',
      });
      const waiting = plannedRecord({
        txID: ids.waiting,
        account,
        createdAtMs: (SEED_ANCHOR_SECONDS - 3600) * 1000,
        input: {
          from: WEB3_WALLET_ADDRESS,
          to: '0x7a250d5630b4cf539739df2c5dacb4c659f2488d',
          value: '0',
          gasLimit: '120000',
          maxFeePerGas: '3000000000',
          maxPriorityFeePerGas: '1500000000',
          data: '0x095ea7b30000000000000000000000007a250d5630b4cf539739df2c5dacb4c659f2488d00000000000000000000000000000000000000000000000000000000000f4240',
          chainID: '5',
          note: 'seeded: contract call still waiting for its second approval',
        },
        chainID: '5',
        nonce: 42,
        lastStage: 'pending',
      });
      this.byId.set(done.txID, done);
      this.byId.set(waiting.txID, waiting);
      this.nonces.set(account.accountID, 43);
    }
  }

  /** The seeded transactions, oldest first (for documentation and tests). */
  seeded(accountID: string): TxRecord[] {
    return [...this.byId.values()]
      .filter((t) => t.accountID === accountID)
      .sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  create(account: AccountData, input: TransactionInput, nowMs: number): TxRecord {
    const chainID = input.chainID ?? '1';
    const nonce = this.nonces.get(account.accountID) ?? 0;
    this.nonces.set(account.accountID, nonce + 1);
    this.counter += 1;
    const txID = ksuid(Math.floor(nowMs / 1000), derivedBytes(`${account.accountID}:tx:${this.counter}:${nowMs}`, 16));
    const record = plannedRecord({ txID, account, createdAtMs: nowMs, input, chainID, nonce, lastStage: 'approved' });
    this.byId.set(txID, record);
    this.created.push(txID);
    // Bounded memory: forget the oldest created transactions past the cap (seeded ones stay).
    for (let over = this.created.length - MAX_CREATED; over > 0; over--) {
      const oldest = this.created.shift();
      if (oldest !== undefined) this.byId.delete(oldest);
    }
    return record;
  }

  /** Every transaction of this account, seeded ones first, then in creation order. */
  forAccount(accountID: string): TxRecord[] {
    return [...this.byId.values()].filter((t) => t.accountID === accountID);
  }

  /** A transaction of this account, or undefined (another account's transaction is not found either). */
  find(accountID: string, txID: string): TxRecord | undefined {
    const tx = this.byId.get(txID);
    return tx && tx.accountID === accountID ? tx : undefined;
  }
}
