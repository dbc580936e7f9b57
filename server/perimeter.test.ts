import { ifAssigned } from '../test-support/assigned.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';
import { startUpstream, type Upstream } from '../test-support/upstream.ts';
import { rotateLaunchToken } from './security/launch-token.ts';

const SECRET = Buffer.from('$2a$10$PerimeterTestSecretForThePlaygroundOnly.0123456789abcd').toString('base64');
let p: TestPlayground;
let upstream: Upstream;

afterEach(async () => {
  await ifAssigned(p)?.close();
  await ifAssigned(upstream)?.close();
});

async function start(env: Record<string, string> = {}) {
  upstream = await startUpstream();
  p = await startTestPlayground({
    env: { QREDO_SANDBOX_API_KEY: 'perimeterKey01', QREDO_SANDBOX_API_SECRET: SECRET, ...env },
    config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: upstream.baseUrl, production: upstream.baseUrl } }),
  });
}

const send = { environment: 'sandbox', method: 'GET', path: '/balance', body: null };

const saved = {
  type: 'request',
  name: 'Balance',
  method: 'GET',
  path: '/balance',
  headers: [],
  body: null,
  environment: 'sandbox',
  captures: [],
};

/** Every route of the router, with a body it would accept. */
const ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/api/session'],
  ['POST', '/api/sign', send],
  ['POST', '/api/send', send],
  ['POST', '/api/doctor', { environment: 'sandbox', capture: { curl: 'curl https://x.example' } }],
  ['POST', '/api/walkthrough', send],
  ['GET', '/api/feed?environment=sandbox'],
  ['POST', '/api/mock/reset'],
  ['GET', '/api/history'],
  ['DELETE', '/api/history'],
  ['GET', '/api/response-ids?environment=mock'],
  ['GET', '/api/history/1'],
  ['DELETE', '/api/history/1'],
  ['POST', '/api/history/1/resend', {}],
  ['POST', '/api/history/1/replay', { confirm: true }],
  ['PUT', '/api/credentials/sandbox', { keyId: 'k', secret: SECRET }],
  ['DELETE', '/api/credentials/sandbox'],
  ['PUT', '/api/partner-credentials/sandbox', { apiKey: 'k' }],
  ['POST', '/api/partner-credentials/sandbox/key-pair', {}],
  ['DELETE', '/api/partner-credentials/sandbox'],
  ['GET', '/api/collections'],
  ['POST', '/api/collections', { name: 'C' }],
  ['GET', '/api/collections/1'],
  ['PATCH', '/api/collections/1', { name: 'D' }],
  ['DELETE', '/api/collections/1'],
  ['POST', '/api/collections/1/duplicate', {}],
  ['GET', '/api/collections/1/export?format=json'],
  ['POST', '/api/collections/1/items', { item: { type: 'folder', name: 'F' } }],
  ['PATCH', '/api/items/1', { name: 'E' }],
  ['DELETE', '/api/items/1'],
  ['POST', '/api/items/1/move', { folderId: null }],
  ['POST', '/api/items/1/duplicate', {}],
  ['GET', '/api/saved-requests?q=x'],
  ['GET', '/api/saved-requests/1'],
  ['PUT', '/api/saved-requests/1', { ...saved }],
  ['GET', '/api/saved-requests/1/history'],
  ['GET', '/api/variables'],
  ['PUT', '/api/variables/mock', { variables: [{ name: 'a', value: 'b' }] }],
  ['GET', '/api/workspace'],
  ['PUT', '/api/workspace', { workspace: { tabs: [], activeTabId: null } }],
  ['POST', '/api/import', { text: 'GET https://sandbox-api.qredo.network/qapi/v1/balance' }],
];

describe('the perimeter', () => {
  it('lets the page in with the launch token, and sends no CORS headers', async () => {
    await start();
    const session = await p.call('GET', '/api/session', { headers: { origin: p.origin } });
    expect(session.status).toBe(200);
    expect(session.text).not.toContain(p.services.launchToken().current());
    const ok = await p.call('POST', '/api/send', {
      body: send,
      headers: { origin: p.origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(ok.status).toBe(200);
    for (const a of [session, ok])
      expect(Object.keys(a.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(upstream.received).toHaveLength(1);
  });

  it('answers 401 on every route without the token, or with a wrong one, and changes nothing', async () => {
    await start();
    const entries = (await p.call('GET', '/api/history?limit=1')).json.total;
    for (const [method, path, body] of ROUTES) {
      for (const authorization of [undefined, 'Bearer ' + 'x'.repeat(43), 'Basic eDp5', 'Bearer']) {
        const r = await p.call(method, path, { body, token: false, headers: authorization ? { authorization } : {} });
        expect({ method, path, authorization, status: r.status }).toEqual({ method, path, authorization, status: 401 });
        expect(r.json.error.code).toMatch(/^(token-required|bad-token)$/);
        expect(r.json.error.message).toMatch(/#token=/);
        expect(r.headers['www-authenticate']).toBe('Bearer realm="qredo-api-playground"');
        expect(r.text).not.toContain(p.services.launchToken().current());
      }
    }
    expect(upstream.received).toHaveLength(0);
    expect((await p.call('GET', '/api/history?limit=1')).json.total).toBe(entries);
    expect((await p.call('GET', '/api/session')).json.environments[1].configured).toBe(true);
    expect((await p.call('GET', '/api/collections')).json.collections).toEqual([]);
    expect((await p.call('GET', '/api/workspace')).json.revision).toBe(0);
    expect((await p.call('GET', '/api/variables')).json.mock).toEqual([]);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }, 'bad-origin'],
    ['another localhost port', { origin: 'http://127.0.0.1:1' }, 'bad-origin'],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }, 'bad-origin'],
    ['a same-site fetch (another port)', { 'sec-fetch-site': 'same-site' }, 'bad-origin'],
    ['a rebinding Host', { host: 'evil.example' }, 'bad-host'],
    ['a rebinding Host with our port', { host: 'evil.example:PORT' }, 'bad-host'],
    ['a Host with a leading-zero port', { host: '127.0.0.1:0PORT' }, 'bad-host'],
  ])('refuses %s with 403 JSON even with the token, reaching no upstream', async (_name, headers, code) => {
    await start();
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(p.port))]));
    const r = await p.call('POST', '/api/send', { body: send, headers: h });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe(code);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses a request with no Host (Node answers 400 before the router)', async () => {
    await start();
    const r = await p.call('POST', '/api/send', { body: send, headers: { host: '' } });
    expect([400, 403]).toContain(r.status);
    expect(upstream.received).toHaveLength(0);
  });

  it('keeps its token across a restart with the same data folder, and refuses it once rotated', async () => {
    await start();
    const dir = p.services.dataDir;
    const first = p.services.launchToken().current();
    await p.close();
    p = await startTestPlayground({ dataDir: dir });
    expect(p.services.launchToken().current()).toBe(first);
    expect((await p.call('GET', '/api/session')).status).toBe(200);
    const next = rotateLaunchToken(dir);
    expect(next).not.toBe(first);
    const stale = await p.call('GET', '/api/session', { token: false, headers: { authorization: `Bearer ${first}` } });
    expect(stale.status).toBe(401);
    expect(stale.json.error.code).toBe('bad-token');
    const fresh = await p.call('GET', '/api/session', { token: false, headers: { authorization: `Bearer ${next}` } });
    expect(fresh.status).toBe(200);
  });

  it('uses PLAYGROUND_TOKEN when it is set, and refuses a weak one', async () => {
    await start({ PLAYGROUND_TOKEN: 'pinned-token-for-scripts-0123456789' });
    expect(p.services.launchToken().current()).toBe('pinned-token-for-scripts-0123456789');
    expect(p.services.launchToken().file).toBeNull();
    await p.close();
    await upstream.close();
    await expect(start({ PLAYGROUND_TOKEN: 'short' })).resolves.toBeUndefined();
    expect(() => p.services.launchToken()).toThrow(/at least 128 bits/);
  });

  it.each([
    'https://evil.example/qapi/v1/balance',
    '//evil.example/x',
    '/../../admin',
    '/%2e%2e/admin',
    '/%2F%2Fevil.example',
    '/@evil.example',
    '/\\evil.example',
    '/a/..%2f..%2fadmin',
    '/balance#x',
    '/balance\r\nHost: evil.example',
  ])('refuses the path %j with 400 and sends nothing', async (path) => {
    await start();
    const r = await p.call('POST', '/api/send', { body: { ...send, path } });
    expect(r.status).toBe(400);
    expect(r.json.error.message.length).toBeGreaterThan(10);
    expect(upstream.received).toHaveLength(0);
  });

  it('refuses an environment name that is not one of the three', async () => {
    await start();
    const r = await p.call('POST', '/api/send', { body: { ...send, environment: 'http://evil.example' } });
    expect(r.status).toBe(400);
    expect(upstream.received).toHaveLength(0);
  });

  it('caps /api bodies and wants JSON', async () => {
    await start();
    const big = await p.call('POST', '/api/sign', { raw: Buffer.alloc(26 * 1024 * 1024, 0x20) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('too-large');
    const form = await p.call('POST', '/api/send', {
      raw: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('answers unknown routes and methods with JSON', async () => {
    await start();
    expect((await p.call('GET', '/api/nope')).status).toBe(404);
    const wrong = await p.call('PUT', '/api/send', { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.json.error.code).toBe('method-not-allowed');
  });
});
