/** The 11 operations of the Qredo API v1 (docs/qredo-api.md, "Operations"), described in the playground's own words. */

export type OperationGroup = 'Read-only' | 'Web3';

export interface OperationParam {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string;
  /** For query parameters with a fixed set of values. */
  values?: string[];
  example?: string;
}

export interface Operation {
  id: string;
  group: OperationGroup;
  method: 'GET' | 'POST';
  /** Path template relative to the base URL, with `{name}` placeholders. */
  path: string;
  summary: string;
  description: string;
  params: OperationParam[];
  exampleBody?: string;
  /** The permission a key needs. */
  permission: 'read-only' | 'balance' | 'web3';
  /** Served over WebSocket rather than plain HTTP. */
  websocket?: boolean;
}

/** The example transaction (vector post-json-compact; docs/qredo-api.md, "Web3 transaction"), pretty-printed for editing. */
export const EXAMPLE_TRANSACTION_BODY = `{
  "from": "0x84CE2138E54b1852689132FD73dDC4D3973a44B8",
  "to": "0x000000000000000000000000000000000000dEaD",
  "value": "100",
  "gasLimit": "21000",
  "gasPrice": "2100",
  "chainID": "1",
  "note": "playground test"
}`;

export const OPERATIONS: readonly Operation[] = [
  {
    id: 'get-account',
    group: 'Read-only',
    method: 'GET',
    path: '/account',
    summary: 'Account settings',
    description: 'Who the key belongs to: the organization or personal account, its members, networks and API keys.',
    params: [],
    permission: 'read-only',
  },
  {
    id: 'get-balance',
    group: 'Read-only',
    method: 'GET',
    path: '/balance',
    summary: 'Balances by asset',
    description: 'Totals per asset in base units, keyed by asset code; divide by scale for whole coins.',
    params: [],
    permission: 'balance',
  },
  {
    id: 'list-funds',
    group: 'Read-only',
    method: 'GET',
    path: '/funds',
    summary: 'List funds',
    description: 'Every fund with its holdings and a total count; archived funds only when asked for.',
    params: [
      {
        name: 'archived',
        in: 'query',
        required: false,
        description: 'true also lists archived funds',
        values: ['true', 'false'],
      },
    ],
    permission: 'read-only',
  },
  {
    id: 'get-fund',
    group: 'Read-only',
    method: 'GET',
    path: '/funds/{fund_id}',
    summary: 'One fund',
    description: 'A fund in detail: members and their roles, policies, and its wallets.',
    params: [{ name: 'fund_id', in: 'path', required: true, description: 'The fund ID from /funds' }],
    permission: 'read-only',
  },
  {
    id: 'get-fund-ledger',
    group: 'Read-only',
    method: 'GET',
    path: '/funds/{fund_id}/ledger',
    summary: 'Fund ledger',
    description: 'Deposits, transfers and withdrawals of a fund, newest first for each wallet.',
    params: [{ name: 'fund_id', in: 'path', required: true, description: 'The fund ID from /funds' }],
    permission: 'read-only',
  },
  {
    id: 'list-trusted-parties',
    group: 'Read-only',
    method: 'GET',
    path: '/trustedparties',
    summary: 'Trusted parties',
    description: 'The trusted network of a personal account; organization keys get an error.',
    params: [],
    permission: 'read-only',
  },
  {
    id: 'get-wallet-history',
    group: 'Read-only',
    method: 'GET',
    path: '/wallet/{wallet_id}/history',
    summary: 'Wallet history',
    description: 'Movements of one wallet with amounts, fees and status.',
    params: [{ name: 'wallet_id', in: 'path', required: true, description: 'A wallet ID from a fund' }],
    permission: 'read-only',
  },
  {
    id: 'create-transaction',
    group: 'Web3',
    method: 'POST',
    path: '/transaction',
    summary: 'Create a transaction',
    description: 'Submits an EVM transaction from a Web3 API wallet for approval; every value is a string.',
    params: [],
    exampleBody: EXAMPLE_TRANSACTION_BODY,
    permission: 'web3',
  },
  {
    id: 'get-transaction-status',
    group: 'Web3',
    method: 'GET',
    path: '/transactions/{tx_id}/status',
    summary: 'Transaction status',
    description: 'Where a transaction stands; signedTx stays "0x" until it is approved.',
    params: [{ name: 'tx_id', in: 'path', required: true, description: 'The txID returned by POST /transaction' }],
    permission: 'web3',
  },
  {
    id: 'get-transaction-approvals',
    group: 'Web3',
    method: 'GET',
    path: '/transactions/{tx_id}/approvals',
    summary: 'Transaction approvals',
    description: 'Who has approved, rejected or not yet answered a transaction.',
    params: [{ name: 'tx_id', in: 'path', required: true, description: 'The txID returned by POST /transaction' }],
    permission: 'web3',
  },
  {
    id: 'transaction-feed',
    group: 'Web3',
    method: 'GET',
    path: '/transactions/feed',
    summary: 'Transaction feed (WebSocket)',
    description:
      'A WebSocket stream of status changes. Its handshake signing is undocumented; the Feed view opens it signed as the embedded mock’s convention says.',
    params: [],
    permission: 'web3',
    websocket: true,
  },
];

/** Fills `{name}` placeholders and query values into a path; empty values stay as placeholders. */
/** A parameter value percent-encoded, its {{variable}} references kept as written (they are expanded before signing). */
function encodeParam(value: string): string {
  return value
    .split(/(\{\{[^{}]*\}\})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
    .join('');
}

export function fillPath(operation: Pick<Operation, 'path' | 'params'>, values: Record<string, string>): string {
  let path = operation.path.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v ? encodeParam(v) : whole;
  });
  const query = operation.params.flatMap((p) => {
    const v = p.in === 'query' ? values[p.name] : undefined;
    return v ? [`${encodeURIComponent(p.name)}=${encodeParam(v)}`] : [];
  });
  if (query.length) path += `?${query.join('&')}`;
  return path;
}

/** Whether an operation sends a body (only POST /transaction does); the others take none. */
export function operationTakesBody(operation: Pick<Operation, 'exampleBody'>): boolean {
  return operation.exampleBody !== undefined;
}
