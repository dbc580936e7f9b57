/**
 * The 53 operations of partner-api-swagger.yaml, each listed once: answered from the partner's world,
 * or a 501 that names itself (every one of them is listed in README.md, and a test keeps the two equal).
 */
import { itemAt } from '../../../core/checked.ts';
import { type ApiResult, errorResult } from '../errors.ts';
import * as company from './company-ops.ts';
import type { PartnerContext } from './context.ts';
import * as fund from './fund-ops.ts';
import * as tx from './tx-ops.ts';
import { assetsView } from './views.ts';

export type PartnerMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface PartnerRoute {
  method: PartnerMethod;
  /** Below /api/v1/p, with `{name}` segments, exactly as the swagger writes it. */
  path: string;
  /** The swagger's summary (or our words where it has none). */
  summary: string;
  /** Signing Agent endpoints authenticate with an `x-api-zkp` token, not the RSA signature. */
  zkp?: boolean;
  /** Absent: the mock answers 501. */
  handle?: (ctx: PartnerContext) => ApiResult;
}

export const PARTNER_ROUTES: readonly PartnerRoute[] = [
  // Common
  { method: 'GET', path: '/assets', summary: 'Supported assets', handle: () => ({ status: 200, body: assetsView() }) },
  { method: 'POST', path: '/fees', summary: 'Calculate fees', handle: tx.calculateFees },
  // Company
  { method: 'POST', path: '/company', summary: 'Create Company', handle: company.createCompany },
  { method: 'GET', path: '/company/{company_id}', summary: 'Get Company', handle: company.getCompany },
  { method: 'PUT', path: '/company/{company_id}', summary: 'Update Company', handle: company.updateCompany },
  { method: 'GET', path: '/company/search', summary: 'Search Company', handle: company.searchCompanies },
  // TrustedNetwork
  {
    method: 'GET',
    path: '/company/{company_id}/trustedparty',
    summary: 'List Trusted Parties',
    handle: company.listTrustedParties,
  },
  {
    method: 'POST',
    path: '/company/{company_id}/trustedparty',
    summary: 'Add Trusted Party',
    handle: company.addTrustedParty,
  },
  {
    method: 'DELETE',
    path: '/company/{company_id}/trustedparty/{trustedparty_id}',
    summary: 'Delete Trusted Party',
    handle: company.deleteTrustedParty,
  },
  // Holding
  { method: 'GET', path: '/company/{company_id}/holding', summary: 'Get Holdings', handle: company.getHoldings },
  // Fund
  { method: 'POST', path: '/company/{company_id}/fund', summary: 'Add Fund', handle: fund.createFund },
  { method: 'GET', path: '/company/{company_id}/fund/{fund_id}', summary: 'Get Fund', handle: fund.getFund },
  {
    method: 'GET',
    path: '/company/{company_id}/fund/{fund_id}/deposit',
    summary: 'Get Fund Deposit Address',
    handle: fund.getDepositAddresses,
  },
  {
    method: 'GET',
    path: '/company/{company_id}/fund/{fund_id}/whitelist',
    summary: 'Get Fund Whitelist',
    handle: fund.getWhitelist,
  },
  {
    method: 'POST',
    path: '/company/{company_id}/fund/{fund_id}/whitelist',
    summary: 'Add Whitelist address',
    handle: fund.addWhitelistAddress,
  },
  {
    method: 'POST',
    path: '/company/{company_id}/fund/{fund_id}/asset',
    summary: 'Add Asset to a fund',
    handle: fund.addFundAssets,
  },
  {
    method: 'POST',
    path: '/company/{company_id}/fund/{fund_id}/wallet',
    summary: 'Add Wallet to a fund',
    handle: fund.addFundWallets,
  },
  {
    method: 'GET',
    path: '/company/{company_id}/fund/{fund_id}/ledger',
    summary: 'Transaction ledger',
    handle: fund.getLedger,
  },
  { method: 'GET', path: '/company/{company_id}/fund/search', summary: 'Search Fund', handle: fund.searchFunds },
  // Wallet
  { method: 'GET', path: '/wallet/{wallet_id}', summary: 'Get wallet info', handle: fund.getWallet },
  { method: 'GET', path: '/wallet/{wallet_id}/history', summary: 'Get wallet history', handle: fund.getWalletHistory },
  {
    method: 'GET',
    path: '/wallet/{wallet_id}/max',
    summary: 'Get wallet max amount with fees',
    handle: fund.getWalletMax,
  },
  { method: 'GET', path: '/exchanges', summary: 'Get list of all available exchanges', handle: fund.listExchanges },
  {
    method: 'PUT',
    path: '/company/{company_id}/fund/{fund_id}/wallet/{wallet_id}/policy',
    summary: 'Update wallet policy',
    handle: fund.updateWalletPolicy,
  },
  // Transfer and Withdrawal
  { method: 'POST', path: '/company/{company_id}/transfer', summary: 'New Transfer', handle: tx.createTransfer },
  {
    method: 'GET',
    path: '/company/{company_id}/transfer/{tx_id}',
    summary: 'Get Transfer Status',
    handle: tx.getTransfer,
  },
  { method: 'POST', path: '/company/{company_id}/withdraw', summary: 'New withdrawal', handle: tx.createWithdrawal },
  {
    method: 'GET',
    path: '/company/{company_id}/withdraw/{tx_id}',
    summary: 'Get withdrawal status',
    handle: tx.getWithdrawal,
  },
  // Atomic Swap
  { method: 'POST', path: '/company/{company_id}/atomicswap/make', summary: 'Create Atomic Swap Quote' },
  { method: 'GET', path: '/company/{company_id}/atomicswap/make/{tx_id}', summary: 'Get Atomic Swaps Quote details' },
  { method: 'DELETE', path: '/company/{company_id}/atomicswap/make/{tx_id}', summary: 'Cancel Atomic Swap' },
  { method: 'POST', path: '/company/{company_id}/atomicswap/take', summary: 'Initiate Atomic swap taker transaction' },
  { method: 'GET', path: '/company/{company_id}/atomicswap/take/{tx_id}', summary: 'Get atomic swap taker status' },
  // Liquidity Hub
  { method: 'GET', path: '/company/{company_id}/liquidityhub', summary: 'Get Liquidity Hub (company)' },
  { method: 'POST', path: '/company/{company_id}/liquidityhub', summary: 'Add to liquidity hub' },
  { method: 'GET', path: '/liquidityhub', summary: 'Get Liquidity Hub' },
  // Core Client
  { method: 'POST', path: '/coreclient', summary: 'Create a new Core Client', handle: company.createCoreClient },
  {
    method: 'GET',
    path: '/coreclient',
    summary: 'Get a list of all registered Core Clients',
    handle: company.listCoreClients,
  },
  { method: 'GET', path: '/coreclient/{client_id}/actions', summary: 'Pending actions' },
  { method: 'GET', path: '/coreclient/{client_id}/action/{action_id}', summary: 'Details of an action' },
  { method: 'PUT', path: '/coreclient/{client_id}/action/{action_id}', summary: 'Approve action' },
  { method: 'DELETE', path: '/coreclient/{client_id}/action/{action_id}', summary: 'Reject a specific action' },
  { method: 'GET', path: '/coreclient/{client_id}/wallets', summary: 'Get connected wallets' },
  // Sweep
  { method: 'POST', path: '/coreclient/{client_id}/sweep', summary: 'New sweep' },
  { method: 'GET', path: '/coreclient/{client_id}/sweep/{tx_id}', summary: 'Get sweep status' },
  // Core Client Sign
  { method: 'POST', path: '/coreclient/{client_id}/sign', summary: 'Sign a hash' },
  { method: 'POST', path: '/coreclient/verify', summary: 'Verify signature' },
  // AutomatedApprover (Signing Agent)
  { method: 'POST', path: '/coreclient/init', summary: 'Initiate core client onboarding' },
  { method: 'POST', path: '/coreclient/finish', summary: 'Finish core client onboarding', zkp: true },
  { method: 'GET', path: '/coreclient/feed', summary: 'Get core client actions feed', zkp: true },
  { method: 'GET', path: '/coreclient/action/{action_id}', summary: 'Get action messages', zkp: true },
  { method: 'PUT', path: '/coreclient/action/{action_id}', summary: 'Approve action (Signing Agent)', zkp: true },
  { method: 'DELETE', path: '/coreclient/action/{action_id}', summary: 'Reject action (Signing Agent)', zkp: true },
];

export type RouteMatch =
  | { kind: 'found'; route: PartnerRoute; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: PartnerMethod[] }
  | { kind: 'none' };

function matchPath(pattern: string, path: string): { params: Record<string, string>; literals: number } | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < want.length; i++) {
    const w = itemAt(want, i);
    const g = itemAt(got, i);
    if (w.startsWith('{')) {
      if (g === '') return null;
      let value = g;
      try {
        value = decodeURIComponent(g);
      } catch {
        // Left as sent: an id with a stray % simply matches nothing.
      }
      params[w.slice(1, -1)] = value;
    } else if (w === g) literals++;
    else return null;
  }
  return { params, literals };
}

/** The route for a path below the base; literal segments win over parameters (`/company/search`). */
export function matchRoute(method: string, path: string): RouteMatch {
  let best: { route: PartnerRoute; params: Record<string, string>; literals: number } | null = null;
  const allow = new Set<PartnerMethod>();
  let bestLiterals = -1;
  for (const route of PARTNER_ROUTES) {
    const m = matchPath(route.path, path);
    if (!m) continue;
    if (m.literals > bestLiterals) {
      bestLiterals = m.literals;
      allow.clear();
      best = null;
    }
    if (m.literals < bestLiterals) continue;
    allow.add(route.method);
    if (route.method === method) best = { route, ...m };
  }
  if (best) return { kind: 'found', route: best.route, params: best.params };
  if (allow.size) return { kind: 'wrong-method', allow: [...allow] };
  return { kind: 'none' };
}

export function notImplemented(route: PartnerRoute): ApiResult {
  return errorResult(
    501,
    `not implemented by the mock: ${route.method} ${route.path} (${route.summary}); server/mock/partner/README.md lists what it answers`,
  );
}
