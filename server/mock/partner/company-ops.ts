/** Companies, their trusted network, holdings, and core clients. */
import { present } from '../../../core/checked.ts';
import type { ApiResult } from '../errors.ts';
import { type PartnerContext, companyParam, ok, okMessage } from './context.ts';
import { type Json, badRequest, conflict, notFound, optionalString, readJsonObject, requiredString } from './fields.ts';
import { companyView, coreClientView, holdingsView, trustedPartyListView } from './views.ts';
import type { Company, TrustedParty } from './world.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readCompanyFields(body: Json) {
  const fields = {
    name: requiredString(body, 'name').trim(),
    city: optionalString(body, 'city'),
    country: optionalString(body, 'country'),
    domain: optionalString(body, 'domain'),
    ref: optionalString(body, 'ref'),
  };
  if (fields.country && !/^[A-Z]{2}$/.test(fields.country)) {
    throw badRequest(`"country" must be an ISO 3166-1 alpha-2 code such as FR; got ${JSON.stringify(fields.country)}`);
  }
  if (fields.domain && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(fields.domain)) {
    throw badRequest(`"domain" must be a domain name such as acme.com; got ${JSON.stringify(fields.domain)}`);
  }
  return fields;
}

function sameRef(ctx: PartnerContext, ref: string, except?: Company): Company | undefined {
  if (!ref) return undefined;
  return [...ctx.world.companies.values()].find((c) => c.ref === ref && c !== except);
}

export function createCompany(ctx: PartnerContext): ApiResult {
  const fields = readCompanyFields(readJsonObject(ctx.body));
  const existing = sameRef(ctx, fields.ref);
  if (existing) throw conflict(`a company with ref ${JSON.stringify(fields.ref)} already exists: ${existing.id}`);
  const company: Company = { id: ctx.world.ids.ksuid(ctx.now), ...fields, created: ctx.now, parties: [], fundIds: [] };
  ctx.world.companies.set(company.id, company);
  return ok({ company_id: company.id, ref: company.ref });
}

export const getCompany = (ctx: PartnerContext): ApiResult => ok(companyView(companyParam(ctx)));

/** PUT replaces the fields it names; `name` is required as in POST. */
export function updateCompany(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const body = readJsonObject(ctx.body);
  const fields = readCompanyFields(body);
  const clash = sameRef(ctx, fields.ref, company);
  if (clash) throw badRequest(`ref ${JSON.stringify(fields.ref)} is already the ref of company ${clash.id}`);
  company.name = fields.name;
  for (const f of ['city', 'country', 'domain', 'ref'] as const) if (f in body) company[f] = fields[f];
  return ok({ company_id: company.id, ref: company.ref });
}

export function searchCompanies(ctx: PartnerContext): ApiResult {
  const q = (ctx.query.get('query') ?? '').trim().toLowerCase();
  const matches = [...ctx.world.companies.values()]
    .filter((c) => !q || c.name.toLowerCase().includes(q) || c.domain.toLowerCase().includes(q))
    .map((c) => ({ company_id: c.id, name: c.name, domain: c.domain }));
  return ok({ total_count: matches.length, matches });
}

export const listTrustedParties = (ctx: PartnerContext): ApiResult => ok(trustedPartyListView(companyParam(ctx)));

function titleCase(word: string): string {
  return word ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase() : '';
}

/** A trusted party is a Qredo user (by e-mail address) or one of this partner's core clients (by id). */
export function addTrustedParty(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const address = requiredString(readJsonObject(ctx.body), 'address').trim();
  if (company.parties.some((p) => p.address.toLowerCase() === address.toLowerCase())) {
    throw badRequest(`${address} is already a trusted party of company ${company.id}`);
  }
  let party: TrustedParty;
  const core = ctx.world.coreClients.get(address);
  if (core) {
    party = {
      id: ctx.world.ids.ksuid(ctx.now),
      address,
      name: core.name,
      type: 'coreClient',
      created: ctx.now,
      firstName: '',
      lastName: '',
      username: '',
    };
  } else if (EMAIL.test(address)) {
    const local = address.slice(0, address.indexOf('@'));
    const [first = '', ...rest] = local.split(/[._+-]+/).filter(Boolean);
    const firstName = titleCase(first);
    const lastName = rest.map(titleCase).join(' ');
    party = {
      id: ctx.world.ids.ksuid(ctx.now),
      address,
      name: [firstName, lastName].filter(Boolean).join(' '),
      type: 'user',
      created: ctx.now,
      firstName,
      lastName,
      username: local.toLowerCase(),
    };
  } else {
    throw badRequest(
      `"address" must be the e-mail address of a Qredo user or the id of one of your core clients; got ${JSON.stringify(address)}`,
    );
  }
  company.parties.push(party);
  return okMessage(200);
}

/** Removing a party does not change the policies it is a member of (they keep its id). */
export function deleteTrustedParty(ctx: PartnerContext): ApiResult {
  const company = companyParam(ctx);
  const id = present(ctx.params.trustedparty_id, 'the {trustedparty_id} path parameter');
  const index = company.parties.findIndex((p) => p.id === id);
  if (index < 0) throw notFound(`no trusted party ${id} in company ${company.id}`);
  company.parties.splice(index, 1);
  return okMessage(202);
}

export const getHoldings = (ctx: PartnerContext): ApiResult => ok(holdingsView(ctx.world, companyParam(ctx), ctx.now));

export function createCoreClient(ctx: PartnerContext): ApiResult {
  const body = readJsonObject(ctx.body, true);
  const given = optionalString(body, 'name').trim();
  const client = {
    id: ctx.world.ids.base58(),
    name: given || `core client ${ctx.world.coreClients.size + 1}`,
    created: ctx.now,
  };
  ctx.world.coreClients.set(client.id, client);
  return ok(coreClientView(client, ctx.feedBase));
}

export function listCoreClients(ctx: PartnerContext): ApiResult {
  const clients = [...ctx.world.coreClients.values()].map((c) => coreClientView(c, ctx.feedBase));
  return ok({ count: clients.length, clients });
}
