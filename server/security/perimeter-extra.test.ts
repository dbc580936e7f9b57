/**
 * Perimeter, beyond perimeter.test.ts: every field that could carry a destination (path, query,
 * method, environment name, history id, a tampered history row, Host and Origin in IPv6, decimal,
 * octal, hex and look-alike forms, absolute-form request targets, forwarding headers). A second
 * "attacker" upstream listens on 127.0.0.1 and must receive nothing; the configured upstream
 * receives only what was accepted, at the configured base.
 */
import { ifAssigned } from '../../test-support/assigned.ts';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_FILE } from '../history/store.ts';
import { printTable } from '../../test-support/figures.ts';
import { rawExchange } from '../../test-support/http-client.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { startUpstream, type Upstream } from '../../test-support/upstream.ts';

const SECRET = Buffer.from('$2a$10$PerimeterExtraTestSecretForThePlayground.0123456789').toString('base64');
const ENV = {
  QREDO_SANDBOX_API_KEY: 'perimeterXtra1',
  QREDO_SANDBOX_API_SECRET: SECRET,
  QREDO_PRODUCTION_API_KEY: 'perimeterXtra2',
  QREDO_PRODUCTION_API_SECRET: SECRET,
};

let upstream: Upstream;
let attacker: Upstream;
let p: TestPlayground;
let dataDir: string;
let A = 0; // the attacker's port
const tried: Record<string, number> = {};
const count = (field: string, n = 1): void => {
  tried[field] = (tried[field] ?? 0) + n;
};

beforeAll(async () => {
  upstream = await startUpstream();
  attacker = await startUpstream();
  A = attacker.port;
  dataDir = tempDir('playground-perimeter-');
  p = await startTestPlayground({
    dataDir,
    env: ENV,
    config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: upstream.baseUrl, production: upstream.baseUrl } }),
  });
});

afterEach(() => {
  // The one promise of this file: nothing ever reaches a host that is not configured.
  expect(attacker.received).toEqual([]);
  // And what reached the configured upstream is under its base path.
  for (const r of upstream.received) expect(r.url.startsWith('/qapi/v1/')).toBe(true);
});

afterAll(async () => {
  await ifAssigned(p)?.close();
  await ifAssigned(upstream)?.close();
  await ifAssigned(attacker)?.close();
  printTable(
    'perimeter: attempts per field, requests that reached the attacker',
    Object.entries(tried).map(([field, n]) => ({ field, attempts: n, reachedAttacker: 0 })),
  );
});

// json is undefined when the answer is not JSON (test-support/http-client.ts).
function refusal(r: { status: number; json: { error?: { code?: string; message?: string } } | undefined }): void {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(r.json?.error?.message?.length).toBeGreaterThan(10);
}

/** Sends and signs; accepted only at the configured base, refused otherwise, never elsewhere. */
async function tryDraft(field: string, draft: Record<string, unknown>): Promise<'accepted' | 'refused'> {
  count(field, 2);
  const before = upstream.received.length;
  const sign = await p.call('POST', '/api/sign', { body: draft });
  const send = await p.call('POST', '/api/send', { body: { ...draft, confirm: true } });
  if (send.status === 200) {
    expect(sign.status).toBe(200);
    const base = p.services.config.baseUrls[send.json.environment as 'sandbox'];
    expect(send.json.request.url.startsWith(`${base}/`)).toBe(true);
    expect(sign.json.url).toBe(send.json.request.url);
    expect(send.json.request.headers.host).toBe(new URL(base).host);
    if (send.json.environment !== 'mock' && send.json.request.method !== 'CONNECT') {
      // (node:http does not report a CONNECT as a request, so the counting upstream cannot count it.)
      expect(upstream.received.length).toBe(before + 1);
      expect(`${upstream.baseUrl.replace(/\/qapi\/v1$/, '')}${upstream.received.at(-1)!.url}`).toBe(
        send.json.request.url,
      );
    }
    return 'accepted';
  }
  refusal(send);
  refusal(sign);
  expect(upstream.received.length).toBe(before);
  return 'refused';
}

const attackerForms = (port: number): string[] => [
  `127.0.0.1:${port}`,
  `localhost:${port}`,
  `[::1]:${port}`,
  `[::ffff:127.0.0.1]:${port}`,
  `[::ffff:7f00:1]:${port}`,
  `2130706433:${port}`,
  `0x7f000001:${port}`,
  `0177.0.0.1:${port}`,
  `127.1:${port}`,
  `localhost.evil.example:${port}`,
  `127.0.0.1.nip.io:${port}`,
];

describe('the path and query carry no destination', () => {
  it('refuses or keeps on the base every path that names another host', async () => {
    const paths: string[] = [];
    for (const host of attackerForms(A)) {
      paths.push(
        `http://${host}/qapi/v1/balance`,
        `//${host}/balance`,
        `///${host}/balance`,
        `/\\${host}/balance`,
        `/\\\\${host}/balance`,
        `/@${host}/balance`,
        `/x@${host}`,
        `/..@${host}`,
        `/%2F%2F${host}`,
        `/%5C${host}`,
        `/%40${host}`,
        `/../../../${host}`,
        `/x/..//${host}`,
        `/%2e%2e/%2e%2e/${host}`,
        `/.%2E/${host}`,
        `/x%00@${host}`,
        `/x#@${host}`,
        `/x\r\nHost: ${host}`,
        `/x\tHost: ${host}`,
        `/ ${host}`,
        `/／／${host}`,
        `${host}/balance`,
        `@${host}`,
        `?@${host}`,
      );
    }
    let accepted = 0;
    for (const path of paths) {
      const verdict = await tryDraft('path', { environment: 'sandbox', method: 'GET', path, body: null });
      if (verdict === 'accepted') accepted += 1;
    }
    expect(accepted).toBe(0);
  });

  it('sends a query that names another host to the configured base only, untouched', async () => {
    const queries = attackerForms(A).flatMap((host) => [
      `/balance?url=http://${host}/steal`,
      `/balance?next=//${host}&redirect_uri=http%3A%2F%2F${encodeURIComponent(host)}`,
      `/balance?@${host}`,
      `/balance?x=%0d%0aHost:%20${encodeURIComponent(host)}`,
    ]);
    for (const path of queries) {
      expect(await tryDraft('query', { environment: 'sandbox', method: 'GET', path, body: null })).toBe('accepted');
      expect(upstream.received.at(-1)!.url).toBe(`/qapi/v1${path}`);
    }
  });

  it('takes no destination from the method', async () => {
    for (const method of [
      `GET http://127.0.0.1:${A}/`,
      `GET //127.0.0.1:${A}`,
      'GET\r\nHost: evil',
      `127.0.0.1:${A}`,
    ]) {
      expect(await tryDraft('method', { environment: 'sandbox', method, path: '/balance', body: null })).toBe(
        'refused',
      );
    }
    // CONNECT and OPTIONS are tokens: they go to the configured base, with the base's path as target.
    for (const method of ['CONNECT', 'OPTIONS', 'TRACE']) {
      await tryDraft('method', { environment: 'sandbox', method, path: `/127.0.0.1:${A}`, body: null });
    }
  });
});

describe('a pasted request carries no destination', () => {
  it('the signature doctor reads cURL, raw HTTP and fields naming another host without contacting anything', async (ctx) => {
    if ((await p.call('POST', '/api/doctor', { body: {} })).status === 404) ctx.skip();
    const before = upstream.received.length;
    const captures: unknown[] = [];
    for (const host of attackerForms(A)) {
      const url = `http://${host}/qapi/v1/balance`;
      const sig = ['-H', "'qredo-api-key: k'", '-H', "'qredo-api-ts: 1700000000'", '-H', "'qredo-api-sig: AAAA'"].join(
        ' ',
      );
      captures.push(
        { curl: `curl '${url}' ${sig}` },
        {
          curl: `curl --url '${url}' -x 'http://127.0.0.1:${A}' --resolve 'api.qredo.network:443:127.0.0.1' ${sig} -L`,
        },
        {
          raw: `GET /qapi/v1/balance HTTP/1.1\r\nHost: ${host}\r\nqredo-api-key: k\r\nqredo-api-ts: 1700000000\r\nqredo-api-sig: AAAA\r\n\r\n`,
        },
        { raw: `GET ${url} HTTP/1.1\r\nqredo-api-ts: 1700000000\r\nqredo-api-sig: AAAA\r\n\r\n` },
        { timestamp: '1700000000', method: 'GET', url, body: null, signature: 'AAAA' },
      );
    }
    for (const capture of captures) {
      for (const environment of ['mock', 'sandbox', 'production']) {
        count('doctor capture (cURL / raw / fields)', 1);
        const r = await p.call('POST', '/api/doctor', { body: { environment, capture } });
        expect(r.status).toBeLessThan(500);
      }
    }
    expect(upstream.received.length).toBe(before);
  });
});

describe('the environment name carries no destination', () => {
  const names: unknown[] = [
    `http://127.0.0.1:${A}/qapi/v1`,
    `127.0.0.1:${A}`,
    `sandbox@127.0.0.1:${A}`,
    'sandbox ',
    'Sandbox',
    'SANDBOX',
    'sandbox\u0000',
    '__proto__',
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'baseUrls',
    '',
    ['sandbox'],
    { toString: 'sandbox' },
    null,
    1,
  ];

  it('refuses every name but the three in sign and send', async () => {
    for (const environment of names) {
      expect(
        await tryDraft('environment (sign/send)', { environment, method: 'GET', path: '/balance', body: null }),
      ).toBe('refused');
    }
  });

  it('refuses every name but sandbox and production in the credentials routes', async () => {
    const asPath = (n: unknown): string => encodeURIComponent(typeof n === 'string' ? n : JSON.stringify(n));
    for (const environment of [...names, 'mock']) {
      count('environment (credentials)', 2);
      const put = await p.call('PUT', `/api/credentials/${asPath(environment)}`, {
        body: { keyId: 'k1', secret: SECRET },
      });
      refusal(put);
      const del = await p.call('DELETE', `/api/credentials/${asPath(environment)}`);
      refusal(del);
    }
    // Still signing with the environment's own key for sandbox.
    expect(
      await tryDraft('environment (sign/send)', {
        environment: 'sandbox',
        method: 'GET',
        path: '/balance',
        body: null,
      }),
    ).toBe('accepted');
  });
});

describe('a history id or row carries no destination', () => {
  it('refuses ids that try to name a host', async () => {
    const ids = [
      `1@127.0.0.1:${A}`,
      `..%2F..%2F127.0.0.1:${A}`,
      `http%3A%2F%2F127.0.0.1%3A${A}`,
      `%2F%2F127.0.0.1:${A}`,
      `1%23@127.0.0.1:${A}`,
      `1;url=http://127.0.0.1:${A}`,
      `1?url=http://127.0.0.1:${A}`,
      `/127.0.0.1:${A}`,
    ];
    for (const id of ids) {
      for (const action of ['resend', 'replay'] as const) {
        count('history id', 1);
        const before = upstream.received.length;
        const r = await p.call('POST', `/api/history/${id}/${action}`, { body: { confirm: true } });
        refusal(r);
        expect(upstream.received.length).toBe(before);
      }
      count('history id', 2);
      for (const method of ['GET', 'DELETE']) {
        const r = await p.call(method, `/api/history/${id}`);
        // "1?url=…" is entry 1 with a query string the route ignores; everything else is refused.
        if (id.startsWith('1?')) expect(r.status).toBeLessThan(500);
        else refusal(r);
      }
    }
  });

  it('treats a tampered history row as data: replay refuses a foreign URL, resend signs the path against the configured base', async () => {
    const sent = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: '/balance', body: null },
    });
    expect(sent.status).toBe(200);
    const id = sent.json.id as number;
    type Row = { environment: string; request: { url: string; path: string; headers: Record<string, string> } };
    const tamper = (change: (e: Row) => void): void => {
      const db = new Database(join(dataDir, HISTORY_FILE));
      try {
        const row = db.prepare('SELECT json FROM entry_data WHERE id = ?').pluck().get(id) as string;
        const entry = JSON.parse(row) as Row;
        change(entry);
        db.prepare('UPDATE entry_data SET json = ? WHERE id = ?').run(JSON.stringify(entry), id);
      } finally {
        db.close();
      }
    };
    // A row whose URL names the attacker: replay refuses it (it is no longer under the base).
    tamper((e) => {
      e.request.url = `http://127.0.0.1:${A}/qapi/v1/balance`;
      e.request.headers.host = `127.0.0.1:${A}`;
    });
    count('tampered history row', 2);
    const before = upstream.received.length;
    const replay = await p.call('POST', `/api/history/${id}/replay`, { body: { confirm: true } });
    expect(replay.status).toBe(409);
    expect(replay.json.error.code).toBe('base-changed');
    // Resend ignores the stored URL: it signs the stored path against the configured base.
    const resend = await p.call('POST', `/api/history/${id}/resend`, { body: {} });
    expect(resend.status).toBe(200);
    expect(resend.json.request.url).toBe(`${upstream.baseUrl}/balance`);
    expect(upstream.received.length).toBe(before + 1);

    // A row whose path tries to leave the base: resend refuses it like any other path.
    for (const path of [`//127.0.0.1:${A}/x`, `/@127.0.0.1:${A}`, `/../../`]) {
      tamper((e) => {
        e.request.path = path;
      });
      count('tampered history row', 1);
      const r = await p.call('POST', `/api/history/${id}/resend`, { body: {} });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('bad-path');
    }
    // A row claiming a made-up environment cannot pick a base (resend and replay both refuse).
    tamper((e) => {
      e.environment = `http://127.0.0.1:${A}`;
      e.request.path = '/balance';
    });
    count('tampered history row', 2);
    for (const action of ['resend', 'replay']) {
      const r = await p.call('POST', `/api/history/${id}/${action}`, { body: { confirm: true } });
      // Refused with a 4xx, and nothing sent.
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.json.error.message.length).toBeGreaterThan(10);
    }
    expect((await p.call('GET', '/api/session')).status).toBe(200);
    expect(upstream.received.length).toBe(before + 1);
  });

  it('re-sends an entry recorded under an older base to the configured base only', async () => {
    // Record while sandbox points at "old"; restart on the same data with sandbox pointing at the upstream.
    const old = await startUpstream();
    const dir = tempDir('playground-perimeter-rebase-');
    const first = await startTestPlayground({
      dataDir: dir,
      env: ENV,
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: old.baseUrl, production: old.baseUrl } }),
    });
    const sent = await first.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: '/balance', body: null },
    });
    expect(sent.status).toBe(200);
    await first.close();
    expect(old.received).toHaveLength(1);
    const second = await startTestPlayground({
      dataDir: dir,
      env: ENV,
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: upstream.baseUrl, production: upstream.baseUrl } }),
    });
    try {
      count('history id (older base)', 2);
      const replay = await second.call('POST', `/api/history/${sent.json.id}/replay`, { body: { confirm: true } });
      expect(replay.status).toBe(409);
      const before = upstream.received.length;
      const resend = await second.call('POST', `/api/history/${sent.json.id}/resend`, { body: {} });
      expect(resend.status).toBe(200);
      expect(resend.json.request.url).toBe(`${upstream.baseUrl}/balance`);
      expect(upstream.received.length).toBe(before + 1);
      expect(old.received).toHaveLength(1);
    } finally {
      await second.close();
      await old.close();
    }
  });
});

describe('Host and Origin in every disguise', () => {
  const send = { environment: 'sandbox', method: 'GET', path: '/balance', body: null };

  function hostForms(port: number): string[] {
    return [
      `[::ffff:127.0.0.1]:${port}`,
      `[::ffff:7f00:1]:${port}`,
      `[0:0:0:0:0:0:0:1]:${port}`,
      `2130706433:${port}`,
      `0x7f000001:${port}`,
      `0177.0.0.1:${port}`,
      `127.1:${port}`,
      `127.0.0.2:${port}`,
      `0.0.0.0:${port}`,
      `localhost.evil.example:${port}`,
      `evil.localhost:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `127.0.0.1:${port}.evil.example`,
      `127.0.0.1:${port}@evil.example`,
      `evil.example@127.0.0.1:${port}`,
      `localhost.:${port}`,
      `127.0.0.1:0${port}`,
      `127.0.0.1:${port}:${port}`,
      `127.0.0.1`,
      `localhost`,
      `127.0.0.1:${A}`,
      `127.0.0.1 :${port}`,
    ];
  }

  it('refuses every Host that is not this server, on every route, before any upstream and without the token', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/session'],
      ['GET', '/api/history'],
      ['GET', '/api/history/1'],
      ['POST', '/api/sign', send],
      ['POST', '/api/send', send],
      ['POST', '/api/history/1/resend', {}],
      ['POST', '/api/history/1/replay', { confirm: true }],
      ['DELETE', '/api/history/1'],
      ['DELETE', '/api/history'],
      ['PUT', '/api/credentials/sandbox', { keyId: 'k', secret: SECRET }],
      ['DELETE', '/api/credentials/sandbox'],
    ];
    const before = upstream.received.length;
    const entries = (await p.call('GET', '/api/history?limit=1')).json.total;
    for (const host of hostForms(p.port)) {
      for (const [method, path, body] of routes) {
        count('Host header', 1);
        const r = await p.call(method, path, { body, headers: { host } });
        expect([400, 403]).toContain(r.status);
        if (r.status === 403) expect(r.json.error.code).toBe('bad-host');
        expect(r.text).not.toContain(p.services.launchToken().current());
      }
    }
    expect(upstream.received.length).toBe(before);
    expect((await p.call('GET', '/api/history?limit=1')).json.total).toBe(entries);
    expect((await p.call('GET', '/api/session')).json.environments[1].configured).toBe(true);
  });

  it('accepts only the loopback names of its own port', async () => {
    for (const host of [`127.0.0.1:${p.port}`, `localhost:${p.port}`, `LOCALHOST:${p.port}`, `[::1]:${p.port}`]) {
      count('Host header (own)', 1);
      const r = await p.call('GET', '/api/session', { headers: { host } });
      expect(r.status).toBe(200);
    }
  });

  it('refuses every Origin that is not the page, and cross-site and same-site fetches, without the token', async () => {
    const port = p.port;
    const origins = [
      ...hostForms(port).map((h) => `http://${h}`),
      `http://localhost.evil.example:${port}`,
      `http://127.0.0.1:${A}`,
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port}/`,
      `http://127.0.0.1:${port}/api`,
      `ws://127.0.0.1:${port}`,
      `file://`,
      'null',
      '',
      `http://localhost:${port}`, // the page's other name, but not the Host this request used
    ];
    const before = upstream.received.length;
    for (const origin of origins) {
      for (const [method, path, body] of [
        ['GET', '/api/session'],
        ['POST', '/api/send', send],
      ] as const) {
        count('Origin header', 1);
        // An empty header value is still a header: send it raw so the client does not drop it.
        const r =
          origin === ''
            ? await raw(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin:\r\nContent-Length: 0\r\n\r\n`)
            : await p.call(method, path, { body, headers: { origin } });
        expect({ origin, method, status: r.status }).toEqual({ origin, method, status: 403 });
        expect(r.text).not.toContain(p.services.launchToken().current());
      }
    }
    for (const site of ['cross-site', 'same-site']) {
      count('Sec-Fetch-Site', 1);
      const r = await p.call('GET', '/api/session', { headers: { 'sec-fetch-site': site } });
      expect(r.status).toBe(403);
      expect(r.text).not.toContain(p.services.launchToken().current());
    }
    expect(upstream.received.length).toBe(before);
  });

  it('answers a CORS preflight from another origin with a refusal and no CORS headers', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${A}`, `http://localhost.evil.example:${p.port}`]) {
      for (const path of ['/api/send', '/api/session', '/api/credentials/sandbox']) {
        count('CORS preflight', 1);
        const r = await p.call('OPTIONS', path, {
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, authorization',
          },
          token: false,
        });
        expect(r.status).toBe(403);
        expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      }
    }
  });

  it('ignores forwarding headers and absolute-form targets', async () => {
    const before = upstream.received.length;
    count('forwarding headers', 1);
    const fwd = await p.call('POST', '/api/send', {
      body: send,
      headers: {
        'x-forwarded-host': `127.0.0.1:${A}`,
        forwarded: `host=127.0.0.1:${A}`,
        'x-original-url': `http://127.0.0.1:${A}/`,
        'x-http-method-override': 'DELETE',
      },
    });
    expect(fwd.status).toBe(200);
    expect(fwd.json.request.url).toBe(`${upstream.baseUrl}/balance`);
    expect(fwd.json.request.method).toBe('GET');
    expect(upstream.received.length).toBe(before + 1);

    const body = JSON.stringify(send);
    const token = p.services.launchToken().current();
    const requests = [
      // Absolute-form target naming the attacker, with our Host.
      `POST http://127.0.0.1:${A}/api/send HTTP/1.1\r\nHost: 127.0.0.1:${p.port}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      // Absolute-form target naming us, with the attacker's Host.
      `POST http://127.0.0.1:${p.port}/api/send HTTP/1.1\r\nHost: 127.0.0.1:${A}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      // Two Host headers.
      `POST /api/send HTTP/1.1\r\nHost: 127.0.0.1:${A}\r\nHost: 127.0.0.1:${p.port}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      // HTTP/1.0 with no Host at all.
      `POST /api/send HTTP/1.0\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    ];
    for (const text of requests) {
      count('raw request line / Host', 1);
      const r = await raw(text);
      expect(r.status === 0 || (r.status >= 400 && r.status < 500) || r.status === 200).toBe(true);
      if (r.status === 200) expect(JSON.parse(r.text).request.url).toBe(`${upstream.baseUrl}/balance`);
    }
    // At most the requests that named our own Host went out, and only to the configured base.
    expect(upstream.received.length - (before + 1)).toBeLessThanOrEqual(1);
  });
});

/** One raw HTTP/1.x exchange on a fresh socket; status 0 when the server closes without an answer. */
const raw = (text: string) => rawExchange(p.port, text, { timeoutMs: 10_000 });
