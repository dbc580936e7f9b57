/** What every Partner API handler receives, and the lookups of path parameters they share. */
import { present } from '../../../core/checked.ts';
import type { ApiResult } from '../errors.ts';
import { notFound } from './fields.ts';
import type { PartnerDemoKey } from './keys.ts';
import type { Company, Fund, PartnerWorld, Wallet } from './world.ts';

export interface PartnerContext {
  world: PartnerWorld;
  key: PartnerDemoKey;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The raw body bytes, as verified. */
  body: Uint8Array;
  /** The clock, in Unix seconds. */
  now: number;
  /** ws:// or wss:// + host + /api/v1/p, for the feed addresses the API hands out. */
  feedBase: string;
}

export const ok = (body: unknown): ApiResult => ({ status: 200, body });

/** The OkResponse shape, `{"code":200,"msg":"OK"}` as the docs print it; 202 for the deletes that answer 202. */
export const okMessage = (status: 200 | 202 = 200): ApiResult => ({
  status,
  body: { code: status, msg: status === 200 ? 'OK' : 'Accepted' },
});

export function companyParam(ctx: PartnerContext): Company {
  const id = present(ctx.params.company_id, 'the {company_id} path parameter');
  const company = ctx.world.companyOf(id);
  if (!company) throw notFound(`no company ${id} for this API key`);
  return company;
}

export function fundParam(ctx: PartnerContext, company: Company): Fund {
  const id = present(ctx.params.fund_id, 'the {fund_id} path parameter');
  const fund = ctx.world.fundOf(company, id);
  if (!fund) throw notFound(`no fund ${id} in company ${company.id}`);
  return fund;
}

export function walletParam(ctx: PartnerContext): Wallet {
  const id = present(ctx.params.wallet_id, 'the {wallet_id} path parameter');
  const wallet = ctx.world.wallets.get(id);
  if (!wallet) throw notFound(`no wallet ${id} for this API key`);
  return wallet;
}
