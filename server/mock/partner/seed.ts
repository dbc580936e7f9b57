/**
 * The worlds the demo partners start with. Seeded records sit before a fixed anchor (2023-11-01) and do
 * not follow the clock; only what is created through the API does.
 *
 * The `vectors` world uses the ids the signing vectors name, so a replayed vector gets a real answer:
 * ACME Corp 1va2cJ2pqdLSFAN5t1knBrnuMvw, fund 1dnpG2K2A5hMOVjGFl1DrsbnvmS, wallet HUnmEJ…, the counterparty
 * wallet D1h4cy…, trusted party 1bzn6ex7fRxKQsSqCJDDpyb4uaS, policy 26YgyhZaTDttAqN6shVr5lQgUCs and core
 * client Zupenz….
 */
import { present } from '../../../core/checked.ts';
import { feeFor } from './assets.ts';
import type { PartnerWorldName } from './keys.ts';
import {
  type Company,
  type Fund,
  PartnerWorld,
  type Policy,
  type TrustedParty,
  type Wallet,
  assetOrThrow,
} from './world.ts';

const ANCHOR = 1_698_796_800;
const DAY = 86_400;

class Seeder {
  constructor(readonly world: PartnerWorld) {}

  company(fields: {
    id?: string;
    name: string;
    city: string;
    country: string;
    domain: string;
    ref: string;
    created: number;
  }): Company {
    const { id, ...rest } = fields;
    const company: Company = { id: id ?? this.world.ids.ksuid(fields.created), ...rest, parties: [], fundIds: [] };
    this.world.companies.set(company.id, company);
    return company;
  }

  party(
    company: Company,
    fields: { id?: string; email: string; first: string; last: string; created: number },
  ): TrustedParty {
    const party: TrustedParty = {
      id: fields.id ?? this.world.ids.ksuid(fields.created),
      address: fields.email,
      name: `${fields.first} ${fields.last}`,
      type: 'user',
      created: fields.created,
      firstName: fields.first,
      lastName: fields.last,
      username: fields.email.slice(0, fields.email.indexOf('@')),
    };
    company.parties.push(party);
    return party;
  }

  policy(name: string, threshold: number, members: TrustedParty[], at: number, id?: string): Policy {
    return { id: id ?? this.world.ids.ksuid(at), name, threshold, members: members.map((m) => m.id) };
  }

  fund(
    company: Company,
    fields: { id?: string; name: string; description: string; created: number; withdraw: Policy; tx: Policy },
  ): Fund {
    const fund: Fund = {
      id: fields.id ?? this.world.ids.ksuid(fields.created),
      companyId: company.id,
      name: fields.name,
      description: fields.description,
      created: fields.created,
      policyWithdraw: fields.withdraw,
      policyTx: fields.tx,
      walletIds: [],
      whitelist: [],
    };
    this.world.funds.set(fund.id, fund);
    company.fundIds.push(fund.id);
    return fund;
  }

  wallet(fund: Fund, fields: { id?: string; name: string; asset: string; created: number; policyTx?: Policy }): Wallet {
    return this.world.addWallet(
      fund,
      {
        name: fields.name,
        asset: assetOrThrow(fields.asset),
        ...(fields.id ? { id: fields.id } : {}),
        ...(fields.policyTx ? { policyTx: fields.policyTx } : {}),
      },
      fields.created,
    );
  }

  /** A transaction of the past, approved ten seconds after it was made. */
  settled(
    kind: 'transfer' | 'withdraw',
    from: Wallet,
    to: Wallet | string,
    net: number,
    at: number,
    reference: string,
  ): void {
    const company = this.world.company(from.companyId);
    const policy = kind === 'transfer' ? from.policyTx : from.policyWithdraw;
    const id = this.world.ids.ksuid(at);
    this.world.txs.set(id, {
      id,
      kind,
      companyId: company.id,
      walletId: from.id,
      asset: from.asset,
      net,
      fee: feeFor(kind === 'transfer' ? 'transferOut' : 'withdraw', from.asset, net),
      created: at,
      expires: at + DAY,
      reference,
      benefitOf: '',
      accountNo: '',
      partnerTxId: '',
      authorizeId: '',
      toWalletId: typeof to === 'string' ? null : to.id,
      toAddress: typeof to === 'string' ? to : null,
      approvers: policy.members.map((m) => {
        const p = present(
          company.parties.find((x) => x.id === m),
          `party ${m} of company ${company.id}`,
        );
        return {
          partyId: m,
          actionId: this.world.ids.ksuid(at),
          firstName: p.firstName,
          lastName: p.lastName,
          username: p.username,
        };
      }),
      threshold: policy.threshold,
      settledAt: at + 10,
      chainTxId: this.world.ids.base58(),
    });
  }
}

function seedVectors(s: Seeder): void {
  const t0 = ANCHOR - 30 * DAY;
  const acme = s.company({
    id: '1va2cJ2pqdLSFAN5t1knBrnuMvw',
    name: 'ACME Corp',
    city: 'Paris',
    country: 'FR',
    domain: 'acme.com',
    ref: '9827feec-4eae-4e80-bda3-daa7c3b97add',
    created: t0,
  });
  const john = s.party(acme, {
    id: 'EM6rPkjEA479p7f3sXxbUPH7TfMzvoVv9eEEGR6w8gqU',
    email: 'john.doe@acme.corp',
    first: 'John',
    last: 'Doe',
    created: t0,
  });
  const jane = s.party(acme, {
    id: 'B12SfpdA2WKPvEFsyNKh1bwEtCKtYfAcQ9FL2NArDHgN',
    email: 'jane.doe@acme.corp',
    first: 'Jane',
    last: 'Doe',
    created: t0,
  });
  const alice = s.party(acme, {
    id: '1bzn6ex7fRxKQsSqCJDDpyb4uaS',
    email: 'alice@example.com',
    first: 'Alice',
    last: 'Doe',
    created: 1_589_984_018,
  });
  s.world.coreClients.set('ZupenzfrjAixU7G5AoDTpH113mwBa6enNfnhkEETqWix', {
    id: 'ZupenzfrjAixU7G5AoDTpH113mwBa6enNfnhkEETqWix',
    name: 'core client 1',
    created: t0,
  });
  const fund1 = s.fund(acme, {
    id: '1dnpG2K2A5hMOVjGFl1DrsbnvmS',
    name: 'Fund 1',
    description: 'Fund for demonstration purposes',
    created: t0,
    withdraw: s.policy('withdraw policy', 2, [john, jane, alice], t0, '1nL7QOoLqPDq89dcdhue6LJaFUS'),
    tx: s.policy('tx policy', 2, [john, jane, alice], t0, '1nL7QUCW15xaV0jggAv1mFSR9jp'),
  });
  const btc = s.wallet(fund1, {
    id: 'HUnmEJEgYeNYj2pTH8DfikDcH5gjHqhj9iadgVQgRKMk',
    name: 'BTC testnet wallet',
    asset: 'BTC-TESTNET',
    created: t0,
    policyTx: s.policy('BTC testnet wallet transfer policy', 1, [john, jane], t0, '26YgyhZaTDttAqN6shVr5lQgUCs'),
  });
  const eth = s.wallet(fund1, { name: 'ETH testnet wallet', asset: 'ETH-TESTNET', created: t0 });
  s.world.deposit(btc, 50_000_000, ANCHOR - 10 * DAY);
  s.world.deposit(eth, 2_000_000_000, ANCHOR - 9 * DAY);
  fund1.whitelist.push(
    { asset: 'BTC-TESTNET', address: 'mkLaDxYkiaYWfmPf3NdnrMCTNu9ZcpHgd6', name: 'cold storage' },
    { asset: 'ETH-TESTNET', address: '0x84CE2138E54b1852689132FD73dDC4D3973a44B8', name: 'exchange deposit' },
  );

  const globex = s.company({
    name: 'Globex Ltd',
    city: 'London',
    country: 'GB',
    domain: 'globex.example',
    ref: 'globex-001',
    created: t0,
  });
  const bob = s.party(globex, { email: 'bob.smith@globex.example', first: 'Bob', last: 'Smith', created: t0 });
  const ops = s.fund(globex, {
    name: 'Operations',
    description: 'Day-to-day settlement',
    created: t0,
    withdraw: s.policy('withdraw policy', 1, [bob], t0),
    tx: s.policy('tx policy', 1, [bob], t0),
  });
  const globexBtc = s.wallet(ops, {
    id: 'D1h4cyu5MJWDSgo6UczEPmEPAHKZ3vDkNiPXVrs6QuSP',
    name: 'Settlement BTC',
    asset: 'BTC-TESTNET',
    created: t0,
  });

  s.settled('transfer', btc, globexBtc, 250_000, ANCHOR - 5 * DAY, 'INV-2023-117');
  s.settled('withdraw', btc, 'mkLaDxYkiaYWfmPf3NdnrMCTNu9ZcpHgd6', 100_000, ANCHOR - 3 * DAY, 'to cold storage');
  s.settled('transfer', globexBtc, btc, 40_000, ANCHOR - 2 * DAY, 'refund INV-2023-117');
}

function seedNorthwind(s: Seeder): void {
  const t0 = ANCHOR - 60 * DAY;
  const nw = s.company({
    name: 'Northwind Custody Labs',
    city: 'Berlin',
    country: 'DE',
    domain: 'northwind.example',
    ref: 'nw-0001',
    created: t0,
  });
  const ada = s.party(nw, { email: 'ada.keller@northwind.example', first: 'Ada', last: 'Keller', created: t0 });
  const liam = s.party(nw, {
    email: 'liam.brandt@northwind.example',
    first: 'Liam',
    last: 'Brandt',
    created: t0 + DAY,
  });
  const mina = s.party(nw, {
    email: 'mina.okafor@northwind.example',
    first: 'Mina',
    last: 'Okafor',
    created: t0 + 2 * DAY,
  });
  const treasury = s.fund(nw, {
    name: 'Treasury',
    description: 'Long-term holdings, two of three custodians',
    created: t0 + 3 * DAY,
    withdraw: s.policy('Treasury withdraw policy', 2, [ada, liam, mina], t0),
    tx: s.policy('Treasury transfer policy', 2, [ada, liam, mina], t0),
  });
  const tBtc = s.wallet(treasury, { name: 'Treasury BTC', asset: 'BTC-TESTNET', created: t0 + 3 * DAY });
  const tEth = s.wallet(treasury, { name: 'Treasury ETH', asset: 'ETH-TESTNET', created: t0 + 3 * DAY });
  const desk = s.fund(nw, {
    name: 'Trading Desk',
    description: 'Working capital, one custodian',
    created: t0 + 4 * DAY,
    withdraw: s.policy('Trading Desk withdraw policy', 1, [ada, liam], t0),
    tx: s.policy('Trading Desk transfer policy', 1, [ada, liam], t0),
  });
  const dBtc = s.wallet(desk, { name: 'Desk BTC', asset: 'BTC-TESTNET', created: t0 + 4 * DAY });
  s.world.deposit(tBtc, 250_000_000, t0 + 5 * DAY);
  s.world.deposit(tEth, 12_500_000_000, t0 + 6 * DAY);
  s.world.deposit(tBtc, 80_000_000, t0 + 20 * DAY);
  treasury.whitelist.push({
    asset: 'BTC-TESTNET',
    address: 'tb1qd5jkskth8q46k5ka76uqnvqsgta2ncrgkx7ud8',
    name: 'cold storage',
  });

  const contoso = s.company({
    name: 'Contoso Trading',
    city: 'Madrid',
    country: 'ES',
    domain: 'contoso.example',
    ref: 'contoso-7',
    created: t0,
  });
  const rosa = s.party(contoso, { email: 'rosa.marin@contoso.example', first: 'Rosa', last: 'Marin', created: t0 });
  const settlement = s.fund(contoso, {
    name: 'Settlement',
    description: 'Counterparty settlement',
    created: t0,
    withdraw: s.policy('Settlement withdraw policy', 1, [rosa], t0),
    tx: s.policy('Settlement transfer policy', 1, [rosa], t0),
  });
  const cBtc = s.wallet(settlement, { name: 'Settlement BTC', asset: 'BTC-TESTNET', created: t0 });
  s.wallet(settlement, { name: 'Settlement ETH', asset: 'ETH-TESTNET', created: t0 });

  s.settled('transfer', tBtc, dBtc, 30_000_000, t0 + 21 * DAY, 'desk funding');
  s.settled('transfer', dBtc, cBtc, 4_500_000, t0 + 30 * DAY, 'OTC trade 0042');
  s.settled('transfer', cBtc, dBtc, 1_200_000, t0 + 41 * DAY, 'OTC trade 0042 return');
  s.settled(
    'withdraw',
    tBtc,
    'tb1qd5jkskth8q46k5ka76uqnvqsgta2ncrgkx7ud8',
    20_000_000,
    t0 + 50 * DAY,
    'cold storage sweep',
  );
}

export function createWorld(name: PartnerWorldName): PartnerWorld {
  const world = new PartnerWorld(name);
  const seeder = new Seeder(world);
  if (name === 'vectors') seedVectors(seeder);
  else if (name === 'northwind') seedNorthwind(seeder);
  return world;
}
