/**
 * Fees, transfers and withdrawals. A new transaction reserves amount + fee at once, then moves through its
 * statuses with the clock (world.ts txPhase). The same non-empty `partner_txID` again in the same company
 * answers the first transaction's id with status "existing" and changes nothing (docs/partner-api.md,
 * "Core workflow").
 */
import { present } from '../../../core/checked.ts';
import type { ApiResult } from '../errors.ts';
import { FEE_TYPES, type FeeType, chainTxIdFor, feeFor, findAsset } from './assets.ts';
import { type PartnerContext, companyParam, ok } from './context.ts';
import {
  type Json,
  asObject,
  badRequest,
  notFound,
  optionalString,
  readJsonObject,
  requiredAmount,
  requiredEpochSeconds,
  requiredString,
} from './fields.ts';
import { txInfoView } from './views.ts';
import type { Company, Tx, Wallet } from './world.ts';

export function calculateFees(ctx: PartnerContext): ApiResult {
  const body = readJsonObject(ctx.body);
  const type = body.type;
  if (typeof type !== 'string' || !(FEE_TYPES as readonly string[]).includes(type)) {
    throw badRequest(`"type" must be one of ${FEE_TYPES.join(', ')}`);
  }
  const code = requiredString(body, 'asset');
  const asset = findAsset(code);
  if (!asset) throw badRequest(`"asset" ${JSON.stringify(code)} is not an asset of GET /assets`);
  const amount = requiredAmount(body, 'amount');
  const fees = feeFor(type as FeeType, asset, amount);
  return ok({ netAmount: amount, amountToSend: amount + fees, fees });
}

interface TxRequest {
  body: Json;
  wallet: Wallet;
  net: number;
  expires: number;
}

/** What transfers and withdrawals share: the source wallet of this company, the amount in its asset, a future expiry. */
function readTxRequest(ctx: PartnerContext, company: Company, body: Json): TxRequest {
  const walletId = requiredString(body, 'wallet_id');
  const wallet = ctx.world.wallets.get(walletId);
  if (!wallet || wallet.companyId !== company.id)
    throw badRequest(`"wallet_id" ${walletId} is not a wallet of company ${company.id}`);
  const expires = requiredEpochSeconds(body, 'expires');
  if (expires <= ctx.now) throw badRequest(`"expires" ${expires} is not in the future (server clock ${ctx.now})`);
  if (body.send === undefined || body.send === null) throw badRequest('"send" is required: {"symbol": …, "amount": …}');
  const send = asObject(body.send, 'send');
  const symbol = requiredString(send, 'symbol', 'send.');
  if (symbol !== wallet.asset.code)
    throw badRequest(`"send.symbol" ${symbol} is not the asset of wallet ${wallet.id} (${wallet.asset.code})`);
  return { body, wallet, net: requiredAmount(send, 'amount', 'send.'), expires };
}

function createTx(
  ctx: PartnerContext,
  company: Company,
  kind: Tx['kind'],
  req: TxRequest,
  to: { walletId: string | null; address: string | null },
  authorizeId: string,
): Tx {
  const { wallet, net, body } = req;
  const fee = feeFor(kind === 'transfer' ? 'transferOut' : 'withdraw', wallet.asset, net);
  const { available } = ctx.world.balanceOf(wallet, ctx.now);
  if (net + fee > available) {
    throw badRequest(
      `insufficient funds: wallet ${wallet.id} has ${available} ${wallet.asset.code} available; this ${kind} needs ${net + fee} (amount ${net} + fee ${fee})`,
    );
  }
  const policy = kind === 'transfer' ? wallet.policyTx : wallet.policyWithdraw;
  const id = ctx.world.ids.ksuid(ctx.now);
  const tx: Tx = {
    id,
    kind,
    companyId: company.id,
    walletId: wallet.id,
    asset: wallet.asset,
    net,
    fee,
    created: ctx.now,
    expires: req.expires,
    reference: optionalString(body, 'reference'),
    benefitOf: optionalString(body, 'benefit_of'),
    accountNo: optionalString(body, 'account_no'),
    partnerTxId: optionalString(body, 'partner_txID'),
    authorizeId,
    toWalletId: to.walletId,
    toAddress: to.address,
    approvers: policy.members.map((m) => {
      const p = company.parties.find((x) => x.id === m);
      return {
        partyId: m,
        actionId: ctx.world.ids.ksuid(ctx.now),
        firstName: p?.firstName ?? '',
        lastName: p?.lastName ?? '',
        username: p?.username ?? '',
      };
    }),
    threshold: policy.threshold,
    settledAt: null,
    // An L1 transaction for a withdrawal; a Qredochain one (base58) for a transfer.
    chainTxId: kind === 'withdraw' ? chainTxIdFor(wallet.asset, id) : ctx.world.ids.base58(),
  };
  ctx.world.txs.set(id, tx);
  return tx;
}

function existing(ctx: PartnerContext, company: Company, kind: Tx['kind'], body: Json): ApiResult | null {
  const partnerTxId = optionalString(body, 'partner_txID');
  const tx = ctx.world.findByPartnerTxId(company, kind, partnerTxId);
  return tx ? ok({ tx_id: tx.id, status: 'existing' }) : null;
}

export function createTransfer(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const body = readJsonObject(ctx.body);
  const again = existing(ctx, company, 'transfer', body);
  if (again) return again;
  const req = readTxRequest(ctx, company, body);
  const target = requiredString(body, 'counterparty_wallet_address').trim();
  const to = ctx.world.walletByIdOrShortCode(target);
  if (!to)
    throw badRequest(`"counterparty_wallet_address" ${target} is neither the id nor the short code of a wallet here`);
  if (to.id === req.wallet.id) throw badRequest('"counterparty_wallet_address" is the sending wallet itself');
  if (to.asset !== req.wallet.asset)
    throw badRequest(`the counterparty wallet holds ${to.asset.code}, not ${req.wallet.asset.code}`);
  const authorizeId = optionalString(body, 'authorize_id');
  if (authorizeId && !ctx.world.coreClients.has(authorizeId))
    throw badRequest(`"authorize_id" ${authorizeId} is not one of your core clients`);
  const tx = createTx(ctx, company, 'transfer', req, { walletId: to.id, address: null }, authorizeId);
  return ok({ tx_id: tx.id, status: 'new' });
}

export function createWithdrawal(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const body = readJsonObject(ctx.body);
  const again = existing(ctx, company, 'withdraw', body);
  if (again) return again;
  const req = readTxRequest(ctx, company, body);
  const address = requiredString(body, 'address').trim();
  const fund = ctx.world.fund(req.wallet.fundId);
  if (!fund.whitelist.some((w) => w.asset === req.wallet.asset.code && w.address === address)) {
    throw badRequest(
      `"address" ${address} is not whitelisted for ${req.wallet.asset.code} in fund ${fund.id}: add it with POST /company/${company.id}/fund/${fund.id}/whitelist first`,
    );
  }
  const tx = createTx(ctx, company, 'withdraw', req, { walletId: null, address }, '');
  return ok({ tx_id: tx.id, status: 'new' });
}

function txParam(ctx: PartnerContext, kind: Tx['kind']): ApiResult {
  const company = companyParam(ctx);
  const id = present(ctx.params.tx_id, 'the {tx_id} path parameter');
  const tx = ctx.world.txs.get(id);
  if (!tx || tx.companyId !== company.id || tx.kind !== kind)
    throw notFound(`no ${kind === 'transfer' ? 'transfer' : 'withdrawal'} ${id} in company ${company.id}`);
  return ok(txInfoView(ctx.world, tx, ctx.now));
}

export const getTransfer = (ctx: PartnerContext): ApiResult => txParam(ctx, 'transfer');
export const getWithdrawal = (ctx: PartnerContext): ApiResult => txParam(ctx, 'withdraw');
