/**
 * The 11 operations of the Qredo API v1 (docs/qredo-api.md, "Operations"), answered from the seeded data. Runs after
 * authentication: it knows which demo key signed the request and checks that key's permissions and
 * account type before answering.
 */
import { group, itemAt, present } from '../../core/checked.ts';
import type { AccountData } from './data.ts';
import {
  balanceView,
  findFund,
  findWallet,
  fundInfoView,
  fundsView,
  ledgerView,
  walletHistoryView,
  web3Wallets,
} from './data.ts';
import { type ApiResult, errorResult } from './errors.ts';
import type { MockKey, MockPermission } from './keys.ts';
import { accountAt, debitOf, walletFor } from './movements.ts';
import type { MockState } from './state.ts';
import { type TransactionStore, type TxRecord, approvalsAt, parseTransactionBody, txInfoAt } from './transactions.ts';

export interface RouteContext {
  key: MockKey;
  account: AccountData;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Uint8Array;
  nowMs: number;
  store: TransactionStore;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Path below /qapi/v1, with `{name}` segments. */
  path: string;
  /** Any one of these permissions lets the key in. */
  permissions: MockPermission[];
  /** Account kinds allowed; others get 403 with `accountReason`. */
  accounts?: Array<AccountData['kind']>;
  accountReason?: string;
  handle(ctx: RouteContext): ApiResult;
}

const ok = (body: unknown): ApiResult => ({ status: 200, body });

type Fund = NonNullable<ReturnType<typeof findFund>>;

/** A route under /funds/{fund_id}: the fund of this account, or 404 naming the id. */
const withFund =
  (answer: (fund: Fund) => ApiResult) =>
  ({ account, params }: RouteContext): ApiResult => {
    const fund = findFund(account, present(params.fund_id, 'the {fund_id} path parameter'));
    return fund ? answer(fund) : errorResult(404, `fund ${JSON.stringify(params.fund_id)} not found in this account`);
  };

/** A route under /transactions/{tx_id}: the transaction of this account as of now, or 404 naming the id. */
const withTransaction =
  (answer: (tx: TxRecord, nowMs: number) => unknown) =>
  ({ account, params, nowMs, store }: RouteContext): ApiResult => {
    const tx = store.find(account.accountID, present(params.tx_id, 'the {tx_id} path parameter'));
    return tx
      ? ok(answer(tx, nowMs))
      : errorResult(404, `transaction ${JSON.stringify(params.tx_id)} not found in this account`);
  };

const WEB3_ACCOUNTS: Array<AccountData['kind']> = ['organization', 'empty-organization'];
const WEB3_REFUSAL =
  'the Web3 API is for Organization accounts with a Web3 API wallet; personal accounts cannot use it';

/** Go's strconv.ParseBool spellings, which the real service accepts for `archived`. */
function parseBool(text: string): boolean | null {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return null;
}

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/account',
    permissions: ['read-only'],
    handle: ({ account }) => ok({ settings: account.settings }),
  },
  {
    method: 'GET',
    path: '/balance',
    permissions: ['balance', 'read-only'],
    handle: ({ account }) => ok(balanceView(account)),
  },
  {
    method: 'GET',
    path: '/funds',
    permissions: ['read-only'],
    handle: ({ account, query }) => {
      const raw = query.get('archived');
      const archived = raw === null ? false : parseBool(raw);
      if (archived === null)
        return errorResult(400, `query parameter "archived" must be true or false; got ${JSON.stringify(raw)}`);
      return ok(fundsView(account, archived));
    },
  },
  {
    method: 'GET',
    path: '/funds/{fund_id}',
    permissions: ['read-only'],
    handle: withFund((fund) => ok(fundInfoView(fund))),
  },
  {
    method: 'GET',
    path: '/funds/{fund_id}/ledger',
    permissions: ['read-only'],
    handle: withFund((fund) => ok(ledgerView(fund))),
  },
  {
    method: 'GET',
    path: '/trustedparties',
    permissions: ['read-only'],
    accounts: ['personal'],
    accountReason: 'trusted parties exist only for Personal accounts; this key belongs to an Organization',
    handle: ({ account }) => ok({ members: account.trustedParties }),
  },
  {
    method: 'GET',
    path: '/wallet/{wallet_id}/history',
    permissions: ['read-only'],
    handle: ({ account, params }) => {
      const wallet = findWallet(account, present(params.wallet_id, 'the {wallet_id} path parameter'));
      return wallet
        ? ok(walletHistoryView(wallet))
        : errorResult(404, `wallet ${JSON.stringify(params.wallet_id)} not found in this account`);
    },
  },
  {
    method: 'POST',
    path: '/transaction',
    permissions: ['web3'],
    accounts: WEB3_ACCOUNTS,
    accountReason: WEB3_REFUSAL,
    handle: ({ account, body, nowMs, store }) => {
      const web3Addresses = web3Wallets(account).map((w) => w.info.address);
      const check = parseTransactionBody(body, { networks: account.networks, web3Addresses });
      if (!check.ok) return errorResult(400, check.reason);
      const wallet = present(walletFor(account, check.input.from), 'the web3 wallet the body was checked against');
      const { available, pendingOut, scale } = wallet.balance;
      const debit = debitOf(check.input, scale);
      if (debit.total > available - pendingOut) {
        return errorResult(
          400,
          `insufficient funds: the Web3 API wallet ${wallet.info.address} can spend ${available - pendingOut} base units of ${wallet.info.asset} (available ${available} − pendingOut ${pendingOut}; ${scale} base units = 1 ${wallet.info.asset}), and this transaction needs up to ${debit.total} (value ${debit.value} + gasLimit × gas price ${debit.fee})`,
        );
      }
      return ok(txInfoAt(store.create(account, check.input, nowMs), nowMs));
    },
  },
  {
    method: 'GET',
    path: '/transactions/feed',
    permissions: ['web3'],
    accounts: WEB3_ACCOUNTS,
    accountReason: WEB3_REFUSAL,
    // The feed itself is the WebSocket upgrade of this request (server.ts); a plain GET is a bad request.
    handle: () =>
      errorResult(
        400,
        'GET /transactions/feed is a WebSocket: send the handshake (Connection: Upgrade, Upgrade: websocket) with the three signed headers',
      ),
  },
  {
    method: 'GET',
    path: '/transactions/{tx_id}/status',
    permissions: ['web3'],
    accounts: WEB3_ACCOUNTS,
    accountReason: WEB3_REFUSAL,
    handle: withTransaction(txInfoAt),
  },
  {
    method: 'GET',
    path: '/transactions/{tx_id}/approvals',
    permissions: ['web3'],
    accounts: WEB3_ACCOUNTS,
    accountReason: WEB3_REFUSAL,
    handle: withTransaction(approvalsAt),
  },
];

const PERMISSION_NAMES: Record<MockPermission, string> = {
  balance: 'Balance',
  'read-only': 'Read-only',
  web3: 'Web3 Transactions',
};

function matchPath(template: string, path: string): Record<string, string> | null {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const ts = itemAt(t, i);
    const ps = itemAt(p, i);
    const m = /^\{(\w+)\}$/.exec(ts);
    if (m) {
      if (ps === '') return null;
      let value: string;
      try {
        value = decodeURIComponent(ps);
      } catch {
        return null;
      }
      params[group(m, 1)] = value;
    } else if (ts !== ps) return null;
  }
  return params;
}

export interface ApiRequest {
  method: string;
  /** Path below /qapi/v1, without the query. */
  path: string;
  query: URLSearchParams;
  body: Uint8Array;
  key: MockKey;
  nowMs: number;
  state: MockState;
}

export type Authorization =
  { ok: true; route: Route; params: Record<string, string>; account: AccountData } | { ok: false; result: ApiResult };

/**
 * Finds the operation an authenticated request names and checks that its key may use it: 404 for an
 * unknown path, 405 for a wrong method, 403 for a wrong account type or a missing permission. The
 * feed's WebSocket handshake goes through here too (feed.ts).
 */
export function authorize(req: Pick<ApiRequest, 'method' | 'path' | 'key' | 'state'>): Authorization {
  const matches = ROUTES.flatMap((r) => {
    const params = matchPath(r.path, req.path);
    return params ? [{ r, params }] : [];
  });
  if (matches.length === 0)
    return { ok: false, result: errorResult(404, `no Qredo API v1 operation at ${JSON.stringify(req.path)}`) };
  const match = matches.find((m) => m.r.method === req.method);
  if (!match) {
    const allowed = [...new Set(matches.map((m) => m.r.method))].join(', ');
    return {
      ok: false,
      result: errorResult(405, `${req.method} is not allowed on ${req.path}; use ${allowed}`, { allow: allowed }),
    };
  }
  const { r } = match;
  const account = req.state.data.accounts[req.key.account];
  // The account type first (a personal key is refused by the Web3 API whatever its permissions), then the key's permissions.
  if (r.accounts && !r.accounts.includes(account.kind))
    return { ok: false, result: errorResult(403, r.accountReason ?? 'this account type cannot use this operation') };
  if (!r.permissions.some((p) => req.key.permissions.includes(p))) {
    const need = r.permissions.map((p) => PERMISSION_NAMES[p]).join(' or ');
    return {
      ok: false,
      result: errorResult(
        403,
        `insufficient privileges: this API key lacks the ${need} permission needed for ${r.method} ${r.path}`,
      ),
    };
  }
  return { ok: true, route: r, params: match.params, account };
}

/** Answers an authenticated request: authorize(), then the operation's handler. */
export function route(req: ApiRequest): ApiResult {
  const found = authorize(req);
  if (!found.ok) return found.result;
  // The account as it stands now: its transactions' debits laid over the seeded balances and histories.
  const account = accountAt(found.account, req.state.store.forAccount(found.account.accountID), req.nowMs);
  return found.route.handle({
    key: req.key,
    account,
    params: found.params,
    query: req.query,
    body: req.body,
    nowMs: req.nowMs,
    store: req.state.store,
  });
}
