/** Funds, their wallets and custody policies, deposit addresses, whitelists, ledgers; wallet reads. */
import { present } from '../../../core/checked.ts';
import type { ApiResult } from '../errors.ts';
import { type FeeType, findAsset, isAddressFor, maxSendable } from './assets.ts';
import { type PartnerContext, companyParam, fundParam, ok, okMessage, walletParam } from './context.ts';
import {
  type Json,
  asObject,
  badRequest,
  conflict,
  optionalString,
  queryEnum,
  queryInt,
  readJsonObject,
  requiredString,
} from './fields.ts';
import { depositView, fundView, walletHistoryView, walletView } from './views.ts';
import type { Company, Fund, PartnerWorld, Policy } from './world.ts';

interface CustodyGroup {
  threshold: number;
  members: string[];
}

/**
 * {threshold, members}: members are trusted parties of the company, threshold between 1 and their number
 * (docs/partner-api.md, "Core workflow").
 */
function readCustodyGroup(value: unknown, field: string, company: Company): CustodyGroup {
  const group = asObject(value, field || 'body');
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const members = group.members;
  if (!Array.isArray(members) || members.length === 0 || members.some((m) => typeof m !== 'string')) {
    throw badRequest(`"${at('members')}" must be a non-empty array of trusted_entity_ids`);
  }
  if (new Set(members).size !== members.length) throw badRequest(`"${at('members')}" names a member twice`);
  for (const m of members as string[]) {
    if (!company.parties.some((p) => p.id === m)) {
      throw badRequest(
        `"${at('members')}" names ${m}, which is not a trusted party of company ${company.id}: add it with POST /company/${company.id}/trustedparty first`,
      );
    }
  }
  const threshold = group.threshold;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 1 || threshold > members.length) {
    throw badRequest(
      `"${at('threshold')}" must be a whole number from 1 to ${members.length} (the number of members); got ${JSON.stringify(threshold)}`,
    );
  }
  return { threshold, members: members as string[] };
}

function newPolicy(world: PartnerWorld, now: number, name: string, group: CustodyGroup): Policy {
  return { id: world.ids.ksuid(now), name, ...group };
}

interface WalletSpec {
  name: string;
  asset: NonNullable<ReturnType<typeof findAsset>>;
  type: number;
  tx: CustodyGroup | null;
  withdraw: CustodyGroup | null;
  connect: Array<{ client_id: string; counterparty_id: string }> | null;
}

function readAsset(code: unknown, field: string) {
  if (typeof code !== 'string' || code === '') throw badRequest(`"${field}" must be an asset code such as BTC-TESTNET`);
  const asset = findAsset(code);
  if (!asset) throw badRequest(`"${field}" ${JSON.stringify(code)} is not an asset of GET /assets`);
  if (!asset.enabled) throw badRequest(`"${field}" ${code} is disabled: pick an enabled asset of GET /assets`);
  return asset;
}

function readWalletSpecs(value: unknown, field: string, company: Company): WalletSpec[] {
  if (!Array.isArray(value)) throw badRequest(`"${field}" must be an array of wallets`);
  return value.map((raw, i) => {
    const at = `${field}[${i}]`;
    const w = asObject(raw, at);
    const asset = readAsset(w.asset, `${at}.asset`);
    const type = w.type ?? 0;
    if (typeof type !== 'number' || ![0, 1, 2].includes(type)) {
      throw badRequest(`"${at}.type" must be 0 (standard), 1 (dedicated) or 2 (multi-counterparty)`);
    }
    let connect: WalletSpec['connect'] = null;
    if (w.connect !== undefined && w.connect !== null) {
      if (!Array.isArray(w.connect)) throw badRequest(`"${at}.connect" must be an array`);
      connect = w.connect.map((c, j) => {
        const o = asObject(c, `${at}.connect[${j}]`);
        return {
          counterparty_id: requiredString(o, 'counterparty_id', `${at}.connect[${j}].`),
          client_id: optionalString(o, 'client_id', `${at}.connect[${j}].`),
        };
      });
    }
    const group = (name: string) =>
      w[name] === undefined || w[name] === null ? null : readCustodyGroup(w[name], `${at}.${name}`, company);
    return {
      name: optionalString(w, 'name', `${at}.`).trim() || `${asset.code} wallet`,
      asset,
      type,
      tx: group('custodygroup_tx'),
      withdraw: group('custodygroup_withdraw'),
      connect,
    };
  });
}

function addWallets(ctx: PartnerContext, fund: Fund, specs: WalletSpec[], clash: (reason: string) => Error): string[] {
  const names = new Set(fund.walletIds.map((id) => ctx.world.wallet(id).name));
  for (const s of specs) {
    if (names.has(s.name)) throw clash(`fund ${fund.id} already has a wallet named ${JSON.stringify(s.name)}`);
    names.add(s.name);
  }
  return specs.map((s) => {
    const wallet = ctx.world.addWallet(
      fund,
      {
        name: s.name,
        asset: s.asset,
        type: s.type,
        ...(s.tx ? { policyTx: newPolicy(ctx.world, ctx.now, `${s.name} transfer policy`, s.tx) } : {}),
        ...(s.withdraw
          ? { policyWithdraw: newPolicy(ctx.world, ctx.now, `${s.name} withdraw policy`, s.withdraw) }
          : {}),
      },
      ctx.now,
      s.connect,
    );
    return wallet.id;
  });
}

/** Both custody groups are required here: without custodians no transaction could ever be approved. */
export function createFund(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const body = readJsonObject(ctx.body);
  const name = requiredString(body, 'name').trim();
  const description = optionalString(body, 'description');
  const readGroup = (field: 'custodygroup_withdraw' | 'custodygroup_tx') => {
    if (body[field] === undefined || body[field] === null) {
      throw badRequest(`"${field}" is required: {"threshold": 1, "members": [trusted_entity_id, …]}`);
    }
    return readCustodyGroup(body[field], field, company);
  };
  const withdrawGroup = readGroup('custodygroup_withdraw');
  const txGroup = readGroup('custodygroup_tx');
  const specs =
    body.wallets === undefined || body.wallets === null ? [] : readWalletSpecs(body.wallets, 'wallets', company);
  const fund: Fund = {
    id: ctx.world.ids.ksuid(ctx.now),
    companyId: company.id,
    name,
    description,
    created: ctx.now,
    policyWithdraw: newPolicy(ctx.world, ctx.now, `${name} withdraw policy`, withdrawGroup),
    policyTx: newPolicy(ctx.world, ctx.now, `${name} transfer policy`, txGroup),
    walletIds: [],
    whitelist: [],
  };
  addWallets(ctx, fund, specs, badRequest);
  ctx.world.funds.set(fund.id, fund);
  company.fundIds.push(fund.id);
  return ok({ fund_id: fund.id, custodygroup_withdraw: fund.policyWithdraw.id, custodygroup_tx: fund.policyTx.id });
}

export function getFund(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  return ok(fundView(ctx.world, fundParam(ctx, company), ctx.now));
}

export function getDepositAddresses(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  return ok(depositView(ctx.world, fundParam(ctx, company), ctx.now));
}

export function addFundWallets(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const fund = fundParam(ctx, company);
  const specs = readWalletSpecs(readJsonObject(ctx.body).wallets, 'wallets', company);
  if (specs.length === 0) throw badRequest('"wallets" is empty');
  return ok({ wallets: addWallets(ctx, fund, specs, conflict) });
}

/** One wallet per asset, with the fund's policies; an asset the fund already holds is a 409. */
export function addFundAssets(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const fund = fundParam(ctx, company);
  const body = readJsonObject(ctx.body);
  if (!Array.isArray(body.assets) || body.assets.length === 0)
    throw badRequest('"assets" must be a non-empty array of asset codes');
  const assets = body.assets.map((code, i) => readAsset(code, `assets[${i}]`));
  const held = new Set(fund.walletIds.map((id) => ctx.world.wallet(id).asset.code));
  for (const a of assets) {
    if (held.has(a.code)) throw conflict(`fund ${fund.id} already holds ${a.code}`);
    held.add(a.code);
  }
  const specs = assets.map((asset) => ({
    name: `${asset.code} wallet`,
    asset,
    type: 0,
    tx: null,
    withdraw: null,
    connect: null,
  }));
  return ok({ wallets: addWallets(ctx, fund, specs, conflict) });
}

export function getWhitelist(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const fund = fundParam(ctx, company);
  const asset = ctx.query.get('asset');
  const address = ctx.query.get('address');
  if (asset && !findAsset(asset))
    throw badRequest(`query parameter "asset" ${JSON.stringify(asset)} is not an asset of GET /assets`);
  const list = fund.whitelist.filter((w) => (!asset || w.asset === asset) && (!address || w.address === address));
  return ok({ total_count: list.length, list });
}

export function addWhitelistAddress(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const fund = fundParam(ctx, company);
  const body = readJsonObject(ctx.body);
  const asset = readAsset(body.asset, 'asset');
  const address = requiredString(body, 'address').trim();
  const name = requiredString(body, 'name').trim();
  if (!isAddressFor(asset, address)) {
    throw badRequest(`"address" ${JSON.stringify(address)} does not look like a ${asset.name} address`);
  }
  if (fund.whitelist.some((w) => w.asset === asset.code && w.address === address)) {
    throw badRequest(`${address} is already whitelisted for ${asset.code} in fund ${fund.id}`);
  }
  fund.whitelist.push({ asset: asset.code, address, name });
  return okMessage(200);
}

const DIRECTIONS = ['all', 'in', 'out'] as const;

export function getLedger(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const fund = fundParam(ctx, company);
  const asset = ctx.query.get('asset');
  if (asset && !findAsset(asset))
    throw badRequest(`query parameter "asset" ${JSON.stringify(asset)} is not an asset of GET /assets`);
  const walletId = ctx.query.get('wallet_id');
  if (walletId && !fund.walletIds.includes(walletId))
    throw badRequest(`query parameter "wallet_id" ${walletId} is not a wallet of fund ${fund.id}`);
  const direction = queryEnum(ctx.query, 'direction', DIRECTIONS, 'all');
  const offset = queryInt(ctx.query, 'offset', 0, 0, 1_000_000_000);
  const limit = queryInt(ctx.query, 'limit', 100, 1, 1000);
  const items = ctx.world
    .ledger(new Set(walletId ? [walletId] : fund.walletIds), ctx.now)
    .filter((l) => (!asset || l.item.asset === asset) && (direction === 'all' || l.direction === direction));
  return ok({ Total: items.length, List: items.slice(offset, offset + limit).map((l) => l.item) });
}

export function searchFunds(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const q = (ctx.query.get('query') ?? '').trim().toLowerCase();
  const list = company.fundIds
    .map((id) => ctx.world.fund(id))
    .filter((f) => !q || f.name.toLowerCase().includes(q))
    .map((f) => ({ name: f.name, id: f.id }));
  return ok({ total_count: list.length, list });
}

export const getWallet = (ctx: PartnerContext): ApiResult => ok(walletView(ctx.world, walletParam(ctx), ctx.now));

export function getWalletHistory(ctx: PartnerContext): ApiResult {
  const wallet = walletParam(ctx);
  const since = queryInt(ctx.query, 'since', 0, 0, 99_999_999_999);
  return ok(walletHistoryView(ctx.world, wallet, ctx.now, since));
}

const TX_TYPES = ['transfer', 'withdraw', 'swap'] as const;
const FEE_OF: Record<(typeof TX_TYPES)[number], FeeType> = {
  transfer: 'transferOut',
  withdraw: 'withdraw',
  swap: 'swap',
};

/** The most a wallet can send now: `pending=1` counts what open transactions reserve, `pending=0` only settled money. */
export function getWalletMax(ctx: PartnerContext): ApiResult {
  const wallet = walletParam(ctx);
  const pending = queryInt(ctx.query, 'pending', 0, 0, 1);
  const type = queryEnum(ctx.query, 'tx_type', TX_TYPES, 'transfer');
  const b = ctx.world.balanceOf(wallet, ctx.now);
  const { net, fee } = maxSendable(FEE_OF[type], wallet.asset, Math.max(0, pending ? b.available : b.balance));
  return ok({ netAmount: net, amountToSend: net + fee, fees: fee });
}

/** PUT …/wallet/{wallet_id}/policy: the wallet gets a policy of its own (the fund's stays as it is). */
export function updateWalletPolicy(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const fund = fundParam(ctx, company);
  const wallet = ctx.world.wallets.get(present(ctx.params.wallet_id, 'the {wallet_id} path parameter'));
  if (!wallet || wallet.fundId !== fund.id) throw badRequest(`no wallet ${ctx.params.wallet_id} in fund ${fund.id}`);
  const body: Json = readJsonObject(ctx.body);
  const type = body.type;
  if (type !== 'policy-tx' && type !== 'policy-withdraw')
    throw badRequest('"type" must be policy-tx or policy-withdraw');
  const field = type === 'policy-tx' ? 'policyTx' : 'policyWithdraw';
  const current = wallet[field];
  const policyId = optionalString(body, 'policy_id');
  if (policyId && policyId !== current.id)
    throw badRequest(`"policy_id" ${policyId} is not the ${type} of wallet ${wallet.id} (${current.id})`);
  const group = readCustodyGroup(body, '', company);
  const own = current !== fund[field];
  wallet[field] = {
    id: own ? current.id : ctx.world.ids.ksuid(ctx.now),
    name: `${wallet.name} ${type === 'policy-tx' ? 'transfer' : 'withdraw'} policy`,
    ...group,
  };
  // The OpenAPI file declares this 200 without a body.
  return { status: 200, body: undefined };
}

/** A static list: the mock connects to no exchange. */
export function listExchanges(): ApiResult {
  return ok({
    exchanges: [
      {
        id: '1xB2pFqJWR6k0yTQb7nZc3Lm8Vd',
        name: 'Example Exchange',
        url: 'https://exchange.example',
        logourl: 'https://exchange.example/logo.svg',
      },
      {
        id: '1xB2pJgW3nq1sLk4uVz8Hc0Ty5R',
        name: 'Sample Markets',
        url: 'https://markets.example',
        logourl: 'https://markets.example/logo.svg',
      },
    ],
  });
}
