/**
 * The JSON shapes the Partner API answers with, built from a world at the clock's time. Field names follow
 * the swagger, except where the sources disagree and the playground settles it otherwise (camelCase
 * transfer status, flat trusted-party list: docs/partner-api.md, "Discrepancies between sources"); the
 * README lists each deviation.
 */
import { PARTNER_ASSETS } from './assets.ts';
import type { Company, CoreClient, Fund, Policy, PartnerWorld, TrustedParty, Tx, Wallet } from './world.ts';
import { txPhase } from './world.ts';

export function assetsView() {
  return {
    assets: Object.fromEntries(
      PARTNER_ASSETS.map((a) => [
        a.code,
        { code: a.code, name: a.name, unitCode: a.unitCode, scale: a.scale, enabled: a.enabled },
      ]),
    ),
  };
}

export function companyView(c: Company) {
  return { company_id: c.id, name: c.name, city: c.city, country: c.country, domain: c.domain, ref: c.ref };
}

export function trustedPartyListView(c: Company) {
  return {
    company_id: c.id,
    total_count: c.parties.length,
    list: c.parties.map((p) => ({
      trusted_entity_id: p.id,
      name: p.name,
      address: p.address,
      type: p.type,
      created: p.created,
    })),
  };
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase())
    .join('')
    .slice(0, 2);
}

function entityView(p: TrustedParty) {
  if (p.type === 'coreClient') {
    return {
      id: p.id,
      name: p.name,
      accountCode: p.address,
      initials: initials(p.name),
      type: 'core-client',
      coreClient: { name: p.name },
    };
  }
  return {
    id: p.id,
    name: p.name,
    accountCode: p.id,
    initials: initials(p.name),
    type: 'user',
    user: { firstName: p.firstName, lastName: p.lastName, email: p.address, userName: p.username },
  };
}

function policyView(policy: Policy, company: Company) {
  return {
    id: policy.id,
    name: policy.name,
    threshold: policy.threshold,
    members: policy.members.flatMap((m) => {
      const party = company.parties.find((p) => p.id === m);
      // A member removed from the trusted network after the policy was made still shows, by id.
      return party ? [entityView(party)] : [{ id: m, name: '', type: 'user' }];
    }),
  };
}

export function walletView(world: PartnerWorld, w: Wallet, now: number) {
  const company = world.company(w.companyId);
  return {
    wallet_id: w.id,
    name: w.name,
    asset: w.asset.code,
    type: w.type,
    status: 'active',
    address: w.address,
    address_type: w.asset.addressType,
    short_code: w.shortCode,
    balance: world.balanceOf(w, now).balance,
    custodygroup_withdraw: w.policyWithdraw.id,
    custodygroup_tx: w.policyTx.id,
    policy_withdraw: policyView(w.policyWithdraw, company),
    policy_tx: policyView(w.policyTx, company),
    connected: w.connected,
  };
}

export function fundView(world: PartnerWorld, f: Fund, now: number) {
  const company = world.company(f.companyId);
  const wallets = f.walletIds.map((id) => world.wallet(id));
  return {
    fund_id: f.id,
    name: f.name,
    description: f.description,
    custodygroup_withdraw: f.policyWithdraw.id,
    custodygroup_tx: f.policyTx.id,
    policy_withdraw: policyView(f.policyWithdraw, company),
    policy_tx: policyView(f.policyTx, company),
    members: [
      {
        entity: {
          id: company.id,
          name: company.name,
          accountCode: company.id,
          initials: initials(company.name),
          type: 'company',
          company: { name: company.name },
        },
        permissions: { admin: true, withdraw: true, transfer: true, swap: true },
      },
    ],
    assets: [...new Set(wallets.map((w) => w.asset.code))],
    wallets: wallets.map((w) => walletView(world, w, now)),
  };
}

export function depositView(world: PartnerWorld, f: Fund, now: number) {
  const list = f.walletIds.map((id) => {
    const w = world.wallet(id);
    return { asset: w.asset.code, address: w.address, balance: world.balanceOf(w, now).balance };
  });
  return { total_count: list.length, list };
}

export function holdingsView(world: PartnerWorld, c: Company, now: number) {
  const totals = new Map<string, number>();
  for (const w of world.walletsOfCompany(c))
    totals.set(w.asset.code, (totals.get(w.asset.code) ?? 0) + world.balanceOf(w, now).balance);
  return {
    holdings: [...totals.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([symbol, amount]) => ({ symbol, amount })),
  };
}

/**
 * GET …/transfer/{tx_id} and …/withdraw/{tx_id}: camelCase, as the examples and clients have it
 * (docs/partner-api.md, "Discrepancies between sources").
 */
export function txInfoView(world: PartnerWorld, tx: Tx, now: number) {
  const phase = txPhase(tx, now);
  const company = world.company(tx.companyId);
  const wallet = world.wallet(tx.walletId);
  const to = tx.toWalletId ? world.wallet(tx.toWalletId) : null;
  return {
    txID: tx.id,
    txStatus: phase.status,
    approvedCount: phase.approvedAt.filter((a) => a !== null).length,
    thresholdRequired: tx.threshold,
    expires: tx.expires,
    initiatedTimestamp: tx.created,
    initiatorAuthorized: !tx.authorizeId,
    initiatorName: company.name,
    reference: tx.reference,
    status: tx.approvers.map((a, i) => {
      const at = phase.approvedAt[i] ?? null;
      return {
        actionID: a.actionId,
        firstName: a.firstName,
        lastName: a.lastName,
        status: at !== null ? 'approved' : phase.endedAt !== null ? 'expired' : 'pending',
        timestamp: at ?? 0,
        userID: a.partyId,
        username: a.username,
      };
    }),
    statusDetails: {
      accountNo: tx.accountNo,
      amount: tx.net + tx.fee,
      asset: tx.asset.code,
      benefitOf: tx.benefitOf,
      expires: tx.expires,
      fees: tx.fee,
      fundID: wallet.fundId,
      netAmount: tx.net,
      recipientAddress: to ? to.id : (tx.toAddress ?? ''),
      recipientEmail: '',
      recipientFirstName: '',
      recipientLastName: '',
      recipientUsername: '',
      reference: tx.reference,
      requestedBy: company.name,
    },
  };
}

/**
 * GET /wallet/{id}/history: signs as the swagger's titles give them ("amount sent (positive) or
 * received (negative)", "fee paid (negative number)").
 */
export function walletHistoryView(world: PartnerWorld, w: Wallet, now: number, since: number) {
  const items = world.ledger(new Set([w.id]), now).filter((l) => l.item.timestamp >= since);
  return {
    history: items.map(({ direction, item }) => ({
      wallet_id: w.id,
      tx_id: item.TxID,
      chain_tx_id: item.chainTxID,
      asset: item.asset,
      amount: direction === 'out' ? item.amount : -item.amount,
      fee: -item.fees,
      net_amount: direction === 'out' ? item.netAmount : -item.netAmount,
      timestamp: item.timestamp,
    })),
  };
}

export function coreClientView(c: CoreClient, feedBase: string) {
  return { id: c.id, name: c.name, feed: `${feedBase}/coreclient/${c.id}/feed`, timestamp: String(c.created) };
}
