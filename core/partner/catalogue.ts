/**
 * The Partner API's 53 operations: method, path, tag, parameters and example bodies read from Qredo's
 * OpenAPI file at build time (swagger-operations.generated.ts), each with a one-line description of
 * our own. The operation picker, the snippets and the mock's tests all take them from here.
 */
import type { Operation } from '../catalogue.ts';
import type { PartnerMethod, SwaggerOperation } from './catalogue-types.ts';
import { SWAGGER_OPERATIONS } from './swagger-operations.generated.ts';

export type { PartnerMethod, SwaggerOperation } from './catalogue-types.ts';

export interface PartnerOperation extends Omit<Operation, 'group' | 'method' | 'permission' | 'summary'> {
  method: PartnerMethod;
  /** The OpenAPI file's tag: Common, Company, Fund, Transfer, … */
  tag: string;
  /** A short title: the file's summary, or ours where it has none. */
  summary: string;
  auth: 'rsa' | 'zkp';
}

/** Our own words for each operation, keyed `METHOD path`; a test keeps the keys equal to the file's. */
export const PARTNER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'GET /assets': 'Every asset the network supports, with its unit code and scale.',
  'POST /fees': 'What a transfer, withdrawal or swap of an amount costs, and the net amount that arrives.',
  'POST /company': 'Creates a company for a client; answers its company_id and your ref.',
  'GET /company/{company_id}': 'A company’s name, city, country, domain and ref.',
  'PUT /company/{company_id}': 'Changes the fields of a company that the body names.',
  'GET /company/search': 'Your companies whose name or domain matches the query.',
  'GET /company/{company_id}/trustedparty':
    'The trusted parties of a company: users and core clients that can be custodians.',
  'POST /company/{company_id}/trustedparty': 'Adds a trusted party by e-mail address or core client id.',
  'DELETE /company/{company_id}/trustedparty/{trustedparty_id}':
    'Removes a trusted party from the company (answers 202).',
  'GET /company/{company_id}/holding': 'What the company holds, asset by asset, over all its funds.',
  'POST /company/{company_id}/fund':
    'Creates a fund with its custody groups (members are trusted parties) and wallets.',
  'GET /company/{company_id}/fund/{fund_id}': 'A fund in detail: policies, members, assets and wallets.',
  'GET /company/{company_id}/fund/{fund_id}/deposit': 'The deposit address and balance of each wallet of a fund.',
  'GET /company/{company_id}/fund/{fund_id}/whitelist': 'The addresses a fund may withdraw to, by asset.',
  'POST /company/{company_id}/fund/{fund_id}/whitelist': 'Whitelists an external address for withdrawals of one asset.',
  'POST /company/{company_id}/fund/{fund_id}/asset': 'Adds assets to a fund, a wallet for each.',
  'POST /company/{company_id}/fund/{fund_id}/wallet': 'Adds wallets to a fund, with their own custody groups if given.',
  'GET /company/{company_id}/fund/{fund_id}/ledger':
    'Deposits, transfers and withdrawals of a fund, newest first, filtered and paged.',
  'GET /company/{company_id}/fund/search': 'The company’s funds whose name matches the query.',
  'GET /wallet/{wallet_id}': 'A wallet: asset, address, short code, balance and policies.',
  'GET /wallet/{wallet_id}/history': 'Movements of one wallet since a time, with fees and net amounts.',
  'GET /wallet/{wallet_id}/max': 'The most a wallet can send once fees are paid.',
  'GET /exchanges': 'The exchanges a dedicated wallet can connect to.',
  'POST /company/{company_id}/transfer':
    'Moves an amount to another Qredo wallet; the same partner_txID again answers "existing".',
  'GET /company/{company_id}/transfer/{tx_id}': 'Where a transfer stands: approvals, status history and amounts.',
  'POST /company/{company_id}/withdraw': 'Sends an amount out to a whitelisted address.',
  'GET /company/{company_id}/withdraw/{tx_id}': 'Where a withdrawal stands: approvals, status history and amounts.',
  'POST /company/{company_id}/atomicswap/make': 'Offers an atomic swap: what you send and what you want back.',
  'GET /company/{company_id}/atomicswap/make/{tx_id}': 'The state of an atomic swap offer.',
  'DELETE /company/{company_id}/atomicswap/make/{tx_id}': 'Withdraws an atomic swap offer (answers 202).',
  'POST /company/{company_id}/atomicswap/take': 'Accepts another party’s atomic swap offer.',
  'GET /company/{company_id}/atomicswap/take/{tx_id}': 'The state of an accepted atomic swap.',
  'GET /company/{company_id}/liquidityhub': 'The swap offers the company has placed in the liquidity hub.',
  'POST /company/{company_id}/liquidityhub': 'Places an existing swap offer in the liquidity hub.',
  'GET /liquidityhub': 'Every open offer in the liquidity hub.',
  'POST /coreclient': 'Registers a core client; answers its id and the wss:// feed it listens on.',
  'GET /coreclient': 'Your registered core clients and their feeds.',
  'GET /coreclient/{client_id}/actions': 'What is waiting for a core client to approve or reject.',
  'GET /coreclient/{client_id}/action/{action_id}': 'One pending action of a core client, in detail.',
  'PUT /coreclient/{client_id}/action/{action_id}': 'Approves a pending action as the core client.',
  'DELETE /coreclient/{client_id}/action/{action_id}': 'Rejects a pending action as the core client.',
  'GET /coreclient/{client_id}/wallets': 'The dedicated wallets connected to a core client.',
  'POST /coreclient/{client_id}/sweep': 'Sweeps an amount from one wallet to another under a core client.',
  'GET /coreclient/{client_id}/sweep/{tx_id}': 'Where a sweep stands.',
  'POST /coreclient/{client_id}/sign': 'Has a core client sign a message hash (hex, at most 64 bytes).',
  'POST /coreclient/verify': 'Checks a core client’s signature of a hash (403 when it does not match).',
  'POST /coreclient/init': 'Starts onboarding a Signing Agent: its BLS and EC public keys.',
  'POST /coreclient/finish': 'Finishes Signing Agent onboarding with the signed id document (x-api-zkp).',
  'GET /coreclient/feed': 'The Signing Agent’s WebSocket feed of actions (x-api-zkp, not RSA).',
  'GET /coreclient/action/{action_id}': 'The messages of an action, for a Signing Agent to sign (x-api-zkp).',
  'PUT /coreclient/action/{action_id}': 'Approves an action with the Signing Agent’s signatures (x-api-zkp).',
  'DELETE /coreclient/action/{action_id}': 'Rejects an action as the Signing Agent (x-api-zkp).',
  'PUT /company/{company_id}/fund/{fund_id}/wallet/{wallet_id}/policy': 'Gives one wallet a custody policy of its own.',
};

/** Titles for the operations the file leaves without a summary. */
const OWN_SUMMARIES: Readonly<Record<string, string>> = {
  'PUT /company/{company_id}/fund/{fund_id}/wallet/{wallet_id}/policy': 'Set wallet policy',
};

export const partnerOperationKey = (o: Pick<SwaggerOperation, 'method' | 'path'>) => `${o.method} ${o.path}`;

function operationId(o: SwaggerOperation): string {
  const slug = o.path.replace(/[{}]/g, '').split('/').filter(Boolean).join('-').replace(/_/g, '-');
  return `partner-${o.method.toLowerCase()}-${slug || 'root'}`;
}

export const PARTNER_OPERATIONS: readonly PartnerOperation[] = SWAGGER_OPERATIONS.map((o) => {
  const key = partnerOperationKey(o);
  return {
    id: operationId(o),
    method: o.method,
    path: o.path,
    tag: o.tag,
    summary: o.summary || OWN_SUMMARIES[key] || key,
    description: PARTNER_DESCRIPTIONS[key] ?? '',
    auth: o.auth,
    params: o.params.map((p) => ({ ...p })),
    ...(o.exampleBody !== undefined ? { exampleBody: o.exampleBody } : {}),
  };
});

/** The tags in the file's order, for grouping a picker. */
export const PARTNER_TAGS: readonly string[] = [...new Set(PARTNER_OPERATIONS.map((o) => o.tag))];

export function findPartnerOperation(id: string): PartnerOperation | undefined {
  return PARTNER_OPERATIONS.find((o) => o.id === id);
}
