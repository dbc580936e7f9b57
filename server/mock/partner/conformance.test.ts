/**
 * The embedded Partner API held to Qredo's Partner OpenAPI file, as the v1 mock is held to its own
 * (../openapi/conformance.test.ts): every answered operation, for every demo partner, against a real mock
 * server with an injected clock. Each answer (success, the error answers the file declares, and the 401 of
 * an unsigned request) is validated by ../openapi/validate.ts, strictly. Only the rows of
 * known-deviations.ts, the file's contradictions of itself (docs/partner-api.md,
 * "Where the OpenAPI file contradicts itself"), are allowed; any other deviation fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_BASE_PATH, PARTNER_HEADER_API_KEY, PARTNER_HEADER_TIMESTAMP } from '../../../core/partner/index.ts';
import { type Observation, checkObservations, readmeTableIds } from '../openapi/conformance.ts';
import { listOperations, loadOpenApi } from '../openapi/validate.ts';
import { type MockServer, startMockServer } from '../server.ts';
import { type Answer, rawRequest } from '../../../test-support/http-client.ts';
import { PARTNER_DEMO_KEYS, findPartnerDemoKey } from './keys.ts';
import { PARTNER_KNOWN_DEVIATIONS } from './known-deviations.ts';
import { PARTNER_ROUTES } from './routes.ts';
import { partnerRequest } from '../../../test-support/partner-client.ts';
import { APPROVAL_STEP_SECONDS } from './world.ts';

const SPEC_FILE = fileURLToPath(new URL('./partner-api-swagger.yaml', import.meta.url));
const README = fileURLToPath(new URL('./README.md', import.meta.url));
const spec = loadOpenApi(SPEC_FILE);

const START_S = 1_700_000_000;
let clock = START_S * 1000;
let server: MockServer;
const observations: Observation[] = [];
const now = () => Math.floor(clock / 1000);

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock });
  for (const key of PARTNER_DEMO_KEYS) await exercise(key.id);
});
afterAll(() => server.close());

/** The operations the mock answers (the others are the README's 501s), as `METHOD /path`. */
const ANSWERED = PARTNER_ROUTES.filter((r) => r.handle).map((r) => `${r.method} ${r.path}`);
const TEMPLATES = ANSWERED.map((op) => {
  const [method, path] = op.split(' ') as [string, string];
  return { op, method, pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`), literals: path };
});

/** The operation a concrete path belongs to; literal segments win, as in the router (`/company/search`). */
function operationOf(method: string, path: string): string {
  const bare = path.split('?')[0]!;
  const found = TEMPLATES.filter((t) => t.method === method && t.pattern.test(bare)).sort(
    (a, b) => b.literals.replace(/\{[^}]+\}/g, '').length - a.literals.replace(/\{[^}]+\}/g, '').length,
  )[0];
  if (!found) throw new Error(`no answered operation for ${method} ${path}`);
  return found.op;
}

/** One signed call (a fresh timestamp each second; the clock moves only where a test says so), recorded. */
async function call(key: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await partnerRequest(server.port, key, method, path, { value: String(now()), body: text });
  observations.push({
    label: `${method} ${path} as ${key}`,
    key,
    operation: operationOf(method, path),
    status: res.status,
    body: res.text === '' ? undefined : res.json,
  });
  return res;
}

/** The same call with no `x-sign` at all: the 401 every operation answers. */
async function unsigned(key: string, method: string, path: string): Promise<void> {
  const target = `${PARTNER_BASE_PATH}${path}`;
  const headers = {
    [PARTNER_HEADER_API_KEY]: findPartnerDemoKey(key).apiKey,
    [PARTNER_HEADER_TIMESTAMP]: String(now()),
  };
  const res = await rawRequest({ port: server.port, method, target, headers });
  observations.push({
    label: `${method} ${path} as ${key}, unsigned`,
    key,
    operation: operationOf(method, path),
    status: res.status,
    body: res.json,
  });
}

const advance = (seconds: number) => (clock += seconds * 1000);
const UNKNOWN_ID = '0'.repeat(27);
const UNKNOWN_WALLET = 'HUnmEJEgYeNYj2pTH8DfikDcH5gjHqhj9iadgVQgRKMz';

/** Reads everything a company holds: funds, wallets, ledgers and the transfers and withdrawals in them. */
async function visitCompany(key: string, company: string): Promise<void> {
  await call(key, 'GET', `/company/${company}`);
  await call(key, 'GET', `/company/${company}/trustedparty`);
  await call(key, 'GET', `/company/${company}/holding`);
  const funds = (await call(key, 'GET', `/company/${company}/fund/search`)).json as { list: Array<{ id: string }> };
  for (const { id: fund } of funds.list) {
    const detail = (await call(key, 'GET', `/company/${company}/fund/${fund}`)).json as {
      wallets?: Array<{ wallet_id: string }>;
    };
    await call(key, 'GET', `/company/${company}/fund/${fund}/deposit`);
    await call(key, 'GET', `/company/${company}/fund/${fund}/whitelist`);
    const ledger = (await call(key, 'GET', `/company/${company}/fund/${fund}/ledger`)).json as {
      List: Array<{ TxID: string; type: string }>;
    };
    for (const wallet of detail.wallets ?? []) {
      await call(key, 'GET', `/wallet/${wallet.wallet_id}`);
      await call(key, 'GET', `/wallet/${wallet.wallet_id}/history`);
      await call(key, 'GET', `/wallet/${wallet.wallet_id}/max?pending=1`);
    }
    for (const item of ledger.List) {
      if (item.type === 'transferOut') await call(key, 'GET', `/company/${company}/transfer/${item.TxID}`);
      if (item.type === 'withdraw') await call(key, 'GET', `/company/${company}/withdraw/${item.TxID}`);
    }
  }
}

/**
 * One partner's pass: its seeded world first, then a company built from nothing through every
 * answered operation (a core client among the custodians, a transfer and a withdrawal followed to
 * approval), each operation's error answers, and every operation unsigned.
 */
async function exercise(key: string): Promise<void> {
  clock = START_S * 1000;
  await call(key, 'GET', '/assets');
  await call(key, 'POST', '/fees', { type: 'transferOut', asset: 'BTC-TESTNET', amount: 800 });
  await call(key, 'GET', '/exchanges');
  await call(key, 'GET', '/coreclient');
  const core = (await call(key, 'POST', '/coreclient', { name: 'conformance approver' })).json as { id: string };
  await call(key, 'POST', '/coreclient', '{"name":');
  await call(key, 'GET', '/coreclient');

  const seeded = (await call(key, 'GET', '/company/search')).json as { matches: Array<{ company_id: string }> };
  for (const { company_id } of seeded.matches) await visitCompany(key, company_id);

  // A company of its own, from nothing.
  const company = (
    (await call(key, 'POST', '/company', { name: 'Conformance Ltd', country: 'GB', ref: 'conf-1' })).json as {
      company_id: string;
    }
  ).company_id;
  await call(key, 'POST', '/company', { name: 'Conformance again', ref: 'conf-1' });
  await call(key, 'POST', '/company', { city: 'London' });
  await call(key, 'GET', `/company/${UNKNOWN_ID}`);
  await call(key, 'PUT', `/company/${company}`, { name: 'Conformance Limited', city: 'London' });
  await call(key, 'PUT', `/company/${company}`, { name: 'Conformance Limited', country: 'Britain' });
  await call(key, 'PUT', `/company/${UNKNOWN_ID}`, { name: 'Nobody' });
  await call(key, 'GET', '/company/search?query=conformance');

  for (const address of [
    'ada.lovelace@conformance.example',
    'alan.turing@conformance.example',
    'temp@conformance.example',
  ])
    await call(key, 'POST', `/company/${company}/trustedparty`, { address });
  await call(key, 'POST', `/company/${company}/trustedparty`, { address: core.id });
  await call(key, 'POST', `/company/${company}/trustedparty`, { address: 'not an address' });
  await call(key, 'POST', `/company/${UNKNOWN_ID}/trustedparty`, { address: 'x@conformance.example' });
  const parties = (
    (await call(key, 'GET', `/company/${company}/trustedparty`)).json as {
      list: Array<{ trusted_entity_id: string; address: string }>;
    }
  ).list;
  const party = (address: string) => parties.find((p) => p.address === address)!.trusted_entity_id;
  const [ada, alan, temp, bot] = [
    party('ada.lovelace@conformance.example'),
    party('alan.turing@conformance.example'),
    party('temp@conformance.example'),
    party(core.id),
  ];
  await call(key, 'DELETE', `/company/${company}/trustedparty/${temp}`);
  await call(key, 'DELETE', `/company/${company}/trustedparty/${temp}`);
  await call(key, 'GET', `/company/${UNKNOWN_ID}/trustedparty`);
  await call(key, 'GET', `/company/${UNKNOWN_ID}/holding`);

  const group = (threshold: number, members: string[]) => ({ threshold, members });
  const fund = (
    (
      await call(key, 'POST', `/company/${company}/fund`, {
        name: 'Treasury',
        description: 'conformance',
        custodygroup_withdraw: group(1, [ada]),
        custodygroup_tx: group(2, [ada, bot, alan]),
        wallets: [
          { name: 'BTC', asset: 'BTC-TESTNET' },
          { name: 'ETH', asset: 'ETH-TESTNET', custodygroup_tx: group(1, [alan]) },
        ],
      })
    ).json as { fund_id: string }
  ).fund_id;
  await call(key, 'POST', `/company/${company}/fund`, { name: 'No custodians' });
  await call(key, 'POST', `/company/${UNKNOWN_ID}/fund`, { name: 'Nowhere' });
  const other = (
    (
      await call(key, 'POST', `/company/${company}/fund`, {
        name: 'Trading',
        custodygroup_withdraw: group(1, [alan]),
        custodygroup_tx: group(1, [alan]),
      })
    ).json as { fund_id: string }
  ).fund_id;
  const target = (
    (await call(key, 'POST', `/company/${company}/fund/${other}/asset`, { assets: ['BTC-TESTNET'] })).json as {
      wallets: string[];
    }
  ).wallets[0]!;
  await call(key, 'POST', `/company/${company}/fund/${other}/asset`, { assets: ['BTC-TESTNET'] });
  await call(key, 'POST', `/company/${company}/fund/${other}/asset`, { assets: [] });
  await call(key, 'POST', `/company/${company}/fund/${UNKNOWN_ID}/asset`, { assets: ['ETH-TESTNET'] });
  await call(key, 'POST', `/company/${company}/fund/${other}/wallet`, {
    wallets: [{ name: 'Main BTC', asset: 'BTC' }],
  });
  await call(key, 'POST', `/company/${company}/fund/${other}/wallet`, {
    wallets: [{ name: 'Main BTC', asset: 'BTC' }],
  });
  await call(key, 'POST', `/company/${company}/fund/${other}/wallet`, { wallets: [{ asset: 'DOGE' }] });
  await call(key, 'POST', `/company/${company}/fund/${UNKNOWN_ID}/wallet`, { wallets: [{ asset: 'BTC' }] });
  await call(key, 'GET', `/company/${company}/fund/${UNKNOWN_ID}`);
  await call(key, 'GET', `/company/${company}/fund/${UNKNOWN_ID}/deposit`);
  await call(key, 'GET', `/company/${UNKNOWN_ID}/fund/search`);

  const detail = (await call(key, 'GET', `/company/${company}/fund/${fund}`)).json as {
    wallets: Array<{ wallet_id: string; asset: string }>;
  };
  const btc = detail.wallets.find((w) => w.asset === 'BTC-TESTNET')!.wallet_id;
  const address = 'tb1qgr090hdm6y5wzwqc2r57rlaytx5v7ytm2ktq98';
  await call(key, 'POST', `/company/${company}/fund/${fund}/whitelist`, {
    asset: 'BTC-TESTNET',
    address,
    name: 'cold',
  });
  await call(key, 'POST', `/company/${company}/fund/${fund}/whitelist`, {
    asset: 'BTC-TESTNET',
    address,
    name: 'again',
  });
  await call(key, 'POST', `/company/${company}/fund/${UNKNOWN_ID}/whitelist`, { asset: 'BTC', address, name: 'x' });
  await call(key, 'GET', `/company/${company}/fund/${fund}/whitelist?asset=BTC-TESTNET`);
  await call(key, 'GET', `/company/${company}/fund/${fund}/whitelist?asset=DOGE`);
  await call(key, 'GET', `/company/${company}/fund/${UNKNOWN_ID}/whitelist`);
  await call(key, 'GET', `/company/${company}/fund/${fund}/ledger?direction=sideways`);
  await call(key, 'GET', `/company/${company}/fund/${UNKNOWN_ID}/ledger`);
  await call(key, 'GET', `/wallet/${UNKNOWN_WALLET}`);
  await call(key, 'GET', `/wallet/${btc}/history?since=yesterday`);
  await call(key, 'GET', `/wallet/${UNKNOWN_WALLET}/history`);
  await call(key, 'GET', `/wallet/${btc}/max?tx_type=sideways`);
  await call(key, 'GET', `/wallet/${UNKNOWN_WALLET}/max`);

  // A transfer and a withdrawal, read while pending and once approved.
  const send = (amount: number) => ({ symbol: 'BTC-TESTNET', amount });
  const transfer = (
    (
      await call(key, 'POST', `/company/${company}/transfer`, {
        wallet_id: btc,
        counterparty_wallet_address: target,
        expires: now() + 3600,
        send: send(200_000),
        reference: 'conformance',
      })
    ).json as { tx_id: string }
  ).tx_id;
  await call(key, 'POST', `/company/${company}/transfer`, {
    wallet_id: btc,
    counterparty_wallet_address: target,
    expires: now() + 3600,
    send: send(10_000_000),
  });
  await call(key, 'POST', `/company/${UNKNOWN_ID}/transfer`, { wallet_id: btc });
  const withdrawal = (
    (
      await call(key, 'POST', `/company/${company}/withdraw`, {
        wallet_id: btc,
        address,
        expires: now() + 3600,
        send: send(50_000),
      })
    ).json as { tx_id: string }
  ).tx_id;
  await call(key, 'POST', `/company/${company}/withdraw`, {
    wallet_id: btc,
    address: 'tb1qnotwhitelisted0000000000000000000000000',
    expires: now() + 3600,
    send: send(1_000),
  });
  await call(key, 'POST', `/company/${UNKNOWN_ID}/withdraw`, { wallet_id: btc });
  for (let step = 0; step < 3; step++) {
    await call(key, 'GET', `/company/${company}/transfer/${transfer}`);
    await call(key, 'GET', `/company/${company}/withdraw/${withdrawal}`);
    advance(APPROVAL_STEP_SECONDS);
  }
  await call(key, 'GET', `/company/${company}/transfer/${UNKNOWN_ID}`);
  await call(key, 'GET', `/company/${company}/withdraw/${UNKNOWN_ID}`);

  const policy = `/company/${company}/fund/${fund}/wallet/${btc}/policy`;
  await call(key, 'PUT', policy, { type: 'policy-tx', threshold: 1, members: [bot] });
  await call(key, 'PUT', policy, { type: 'policy-tx', threshold: 1, members: ['nobody'] });
  await call(key, 'PUT', `/company/${company}/fund/${UNKNOWN_ID}/wallet/${btc}/policy`, {
    type: 'policy-tx',
    threshold: 1,
    members: [ada],
  });

  await visitCompany(key, company);

  // Every answered operation once more, without x-sign.
  const ids: Record<string, string> = {
    company_id: company,
    fund_id: fund,
    wallet_id: btc,
    trustedparty_id: ada,
    tx_id: transfer,
  };
  for (const op of ANSWERED) {
    const [method, template] = op.split(' ') as [string, string];
    await unsigned(
      key,
      method,
      template.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name]!),
    );
  }
}

const check = (list: readonly Observation[]) => checkObservations(spec, PARTNER_KNOWN_DEVIATIONS, list);

describe('the Partner API mock against its OpenAPI file', () => {
  it('answers 30 of the 53 operations the file declares (the others are the README’s 501s)', () => {
    expect(listOperations(spec)).toHaveLength(53);
    expect(ANSWERED).toHaveLength(30);
  });

  it('calls every answered operation for every demo partner and sees each status it can answer', () => {
    for (const k of PARTNER_DEMO_KEYS)
      for (const op of ANSWERED)
        expect(
          observations.some((o) => o.key === k.id && o.operation === op && o.status < 300),
          `${op} as ${k.id}`,
        ).toBe(true);
    // The statuses the file declares for each operation, less the ones no request can provoke from the
    // mock: 403 for POST /company (the mock has no per-partner limits), 400 for reads with no parameter
    // to get wrong, 404 for paths without an id. PUT …/policy declares only 200; its 400, 401 and 404
    // are a known deviation. Statuses the file does not declare are not provoked on purpose.
    const EXPECTED: Record<string, number[]> = {
      'GET /assets': [200, 401],
      'POST /fees': [200, 401],
      'POST /company': [200, 400, 401, 409],
      'GET /company/{company_id}': [200, 401, 404],
      'PUT /company/{company_id}': [200, 400, 401, 404],
      'GET /company/search': [200, 401],
      'GET /company/{company_id}/trustedparty': [200, 401, 404],
      'POST /company/{company_id}/trustedparty': [200, 400, 401, 404],
      'DELETE /company/{company_id}/trustedparty/{trustedparty_id}': [202, 401, 404],
      'GET /company/{company_id}/holding': [200, 401, 404],
      'POST /company/{company_id}/fund': [200, 400, 401, 404],
      'GET /company/{company_id}/fund/{fund_id}': [200, 401, 404],
      'GET /company/{company_id}/fund/{fund_id}/deposit': [200, 401, 404],
      'GET /company/{company_id}/fund/{fund_id}/whitelist': [200, 400, 401, 404],
      'POST /company/{company_id}/fund/{fund_id}/whitelist': [200, 400, 401, 404],
      'POST /company/{company_id}/fund/{fund_id}/asset': [200, 400, 401, 404, 409],
      'POST /company/{company_id}/fund/{fund_id}/wallet': [200, 400, 401, 404, 409],
      'GET /company/{company_id}/fund/{fund_id}/ledger': [200, 400, 401, 404],
      'GET /company/{company_id}/fund/search': [200, 401, 404],
      'GET /wallet/{wallet_id}': [200, 401, 404],
      'GET /wallet/{wallet_id}/history': [200, 400, 401, 404],
      'GET /wallet/{wallet_id}/max': [200, 400, 401, 404],
      'GET /exchanges': [200, 401],
      'PUT /company/{company_id}/fund/{fund_id}/wallet/{wallet_id}/policy': [200, 400, 401, 404],
      'POST /company/{company_id}/transfer': [200, 400, 401, 404],
      'GET /company/{company_id}/transfer/{tx_id}': [200, 401, 404],
      'POST /company/{company_id}/withdraw': [200, 400, 401, 404],
      'GET /company/{company_id}/withdraw/{tx_id}': [200, 401, 404],
      'POST /coreclient': [200, 400, 401],
      'GET /coreclient': [200, 401],
    };
    expect(Object.keys(EXPECTED).sort()).toEqual([...ANSWERED].sort());
    for (const k of PARTNER_DEMO_KEYS)
      for (const [op, statuses] of Object.entries(EXPECTED)) {
        const seen = new Set(observations.filter((o) => o.key === k.id && o.operation === op).map((o) => o.status));
        expect([...seen].sort(), `${op} as ${k.id}`).toEqual(expect.arrayContaining(statuses));
      }
  });

  it('answers as the file declares, apart from the known deviations', () => {
    expect(check(observations).report).toBe('');
  });

  it('uses every row of the known-deviations table (a row nothing needs any more is removed)', () => {
    expect([...check(observations).used].sort()).toEqual(PARTNER_KNOWN_DEVIATIONS.map((r) => r.id).sort());
  });

  it('lists the same known deviations in the README, in the same order', () => {
    const ids = readmeTableIds(readFileSync(README, 'utf8'), '## Known deviations from the OpenAPI file');
    expect(ids).toEqual(PARTNER_KNOWN_DEVIATIONS.map((r) => r.id));
  });

  it('fails on a deviation the table does not list', () => {
    const drifted: Observation = {
      label: 'GET /exchanges as partner-northwind (a field type changed)',
      key: 'partner-northwind',
      operation: 'GET /exchanges',
      status: 200,
      body: { exchanges: [{ id: 7, name: 'Exchange', url: 'https://x.example', logourl: 'https://x.example/l.png' }] },
    };
    expect(check([drifted]).report).toMatch(
      /^GET \/exchanges as partner-northwind \(a field type changed\) → 200: \/exchanges\/0\/id must be string; got integer 7 \[#\/components\/schemas\/.*\/id\/type\]$/,
    );
  });
});
