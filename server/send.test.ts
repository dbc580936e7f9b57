import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';
import { tempDir } from '../test-support/temp-dirs.ts';
import { startUpstream, type Answer } from '../test-support/upstream.ts';

const SANDBOX_SECRET = Buffer.from('$2a$10$SandboxSecretForPlaygroundTestsOnly.abcdefghijklmnopqrstu').toString(
  'base64',
);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.map((o) => o.close()));
  open = [];
});

async function playground(opts: Parameters<typeof startTestPlayground>[0] = {}): Promise<TestPlayground> {
  const p = await startTestPlayground(opts);
  open.push(p);
  return p;
}

async function sandboxUpstream(answer?: Answer) {
  const upstream = await startUpstream(answer ? { answer } : {});
  open.push(upstream);
  const p = await playground({
    env: { QREDO_SANDBOX_API_KEY: 'sandboxKeyId01', QREDO_SANDBOX_API_SECRET: SANDBOX_SECRET },
    config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: upstream.baseUrl, production: upstream.baseUrl } }),
  });
  return { p, upstream };
}

describe('POST /api/sign', () => {
  it('gives segments with byte offsets, the signature and the three headers', async () => {
    const p = await playground();
    const r = await p.call('POST', '/api/sign', {
      body: { environment: 'mock', method: 'POST', path: '/transaction', body: '{"n":"é"}', timestamp: '1700000000' },
    });
    expect(r.status).toBe(200);
    expect(r.json.url).toBe(`${p.mock.baseUrl}/transaction`);
    expect(r.json.stringToSign.segments.map((s: { name: string; length: number }) => [s.name, s.length])).toEqual([
      ['timestamp', 10],
      ['method', 4],
      ['url', `${p.mock.baseUrl}/transaction`.length],
      ['body', 10],
    ]);
    expect(r.json.signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.json.headers).toEqual([
      { name: 'qredo-api-key', value: r.json.keyId },
      { name: 'qredo-api-ts', value: '1700000000' },
      { name: 'qredo-api-sig', value: r.json.signature },
    ]);
    expect(r.json.scheme).toBe('v1');
    expect(r.json.timestampAtSendTime).toBe(false);
    expect(r.json.bodySha256).toBe(sha('{"n":"é"}'));
  });

  it('answers 400 with a clear message for bad input, never a 500', async () => {
    const p = await playground();
    const cases: Array<[unknown, RegExp]> = [
      [{ environment: 'mars', method: 'GET', path: '/balance', body: null }, /environment/],
      [{ environment: 'mock', method: 'G ET', path: '/balance', body: null }, /method/],
      [{ environment: 'mock', method: 'GET', path: 'https://evil.example/', body: null }, /relative/],
      [{ environment: 'mock', method: 'GET', path: '/balance', body: null, timestamp: '12ab' }, /timestamp/],
      [{ environment: 'mock', method: 'GET', path: '/balance', body: null, url: 'http://x' }, /url|Unrecognized/i],
      [{ environment: 'sandbox', method: 'GET', path: '/balance', body: null }, /QREDO_SANDBOX_API_KEY/],
    ];
    for (const [body, message] of cases) {
      const r = await p.call('POST', '/api/sign', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.message).toMatch(message);
    }
    const broken = await p.call('POST', '/api/sign', { raw: '{"environment":' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('bad-json');
  });
});

describe('POST /api/send to the embedded mock', () => {
  it('is accepted by the mock (200) and recorded in history', async () => {
    const p = await playground();
    const r = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/balance', body: null },
    });
    expect(r.status).toBe(200);
    expect(r.json.response.status).toBe(200);
    expect(JSON.parse(r.json.response.body).assets).toBeTypeOf('object');
    expect(r.json.request.headers['qredo-api-sig']).toBe(r.json.signature);
    expect(r.json.timings.totalMs).toBeGreaterThanOrEqual(0);
    const list = await p.call('GET', '/api/history');
    expect(list.json.entries[0]).toMatchObject({
      id: r.json.id,
      method: 'GET',
      path: '/balance',
      status: 200,
      environment: 'mock',
    });
  });

  it('relays bodies with CRLF, tabs and non-ASCII byte for byte (the mock verifies over raw bytes)', async () => {
    const p = await playground();
    const body =
      EXAMPLE_TRANSACTION_BODY.replace(/\n/g, '\r\n')
        .replace(/ {2}/g, '\t')
        .replace('playground test', 'Zahlung für Café ☕ – 日本 🚀') + '\r\n';
    const r = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'POST', path: '/transaction', body },
    });
    expect(r.json.response.status).toBe(200);
    expect(r.json.hashes.sentBodySha256).toBe(sha(body));
    expect(r.json.hashes.signedBodySha256).toBe(sha(body));
  });

  it('shows the read-only demo key refused (403) on POST /transaction', async () => {
    const p = await playground();
    const r = await p.call('POST', '/api/send', {
      body: {
        environment: 'mock',
        method: 'POST',
        path: '/transaction',
        body: EXAMPLE_TRANSACTION_BODY,
        demoKey: 'read-only',
      },
    });
    expect(r.json.response.status).toBe(403);
  });

  it('records an unreachable upstream as a failure, in history too', async () => {
    const p = await playground({
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, mock: 'http://127.0.0.1:9/qapi/v1' } }),
    });
    const r = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/balance', body: null },
    });
    expect(r.status).toBe(200);
    expect(r.json.response).toBeNull();
    expect(r.json.error.code).toBe('upstream-unreachable');
    const entry = await p.call('GET', `/api/history/${r.json.id}`);
    expect(entry.json.error.code).toBe('upstream-unreachable');
  });

  it('keeps history across a restart', async () => {
    const dataDir = tempDir();
    const first = await startTestPlayground({ dataDir });
    const sent = await first.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/account', body: null },
    });
    await first.close();
    const second = await playground({ dataDir });
    const entry = await second.call('GET', `/api/history/${sent.json.id}`);
    expect(entry.status).toBe(200);
    expect(entry.json.response.status).toBe(200);
  });
});

describe('POST /api/send: exact bytes to an upstream that records them', () => {
  it('sends the 1 MiB body, the query string and the method exactly as signed', async () => {
    const { p, upstream } = await sandboxUpstream();
    const body = '{"data":"' + 'x\t\r\n'.repeat(256 * 1024 - 3) + '"}';
    const r = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'PATCH', path: '/funds?b=2&a=1&x=%20y', body },
    });
    expect(r.json.error).toBeNull();
    const got = upstream.received[0]!;
    expect(got.method).toBe('PATCH');
    expect(got.url).toBe('/qapi/v1/funds?b=2&a=1&x=%20y');
    expect(got.body.equals(Buffer.from(body))).toBe(true);
    expect(r.json.hashes.sentBodySha256).toBe(sha(got.body));
    const headerNames = got.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase());
    expect(headerNames.sort()).toEqual(
      [
        'accept',
        'connection',
        'content-length',
        'content-type',
        'host',
        'qredo-api-key',
        'qredo-api-sig',
        'qredo-api-ts',
      ].sort(),
    );
  });

  it('returns a redirect without following it', async () => {
    const { p, upstream } = await sandboxUpstream((_r, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'http://evil.example/steal');
      res.end();
    });
    const r = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: '/balance', body: null },
    });
    expect(r.json.response.status).toBe(302);
    expect(r.json.error.code).toBe('redirect-refused');
    expect(upstream.received).toHaveLength(1);
  });
});

describe('production guard, re-send and replay', () => {
  it('refuses a production mutation without confirmation, sending nothing', async () => {
    const { p, upstream } = await sandboxUpstream();
    p.services.credentials.set('production', 'prodKeyId00001', SANDBOX_SECRET);
    const body = { environment: 'production', method: 'POST', path: '/transaction', body: '{}' };
    const refused = await p.call('POST', '/api/send', { body });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('confirmation-required');
    expect(upstream.received).toHaveLength(0);
    const confirmed = await p.call('POST', '/api/send', { body: { ...body, confirm: true } });
    expect(confirmed.status).toBe(200);
    expect(upstream.received).toHaveLength(1);
    const replay = await p.call('POST', `/api/history/${confirmed.json.id}/replay`, { body: { confirm: true } });
    expect(replay.status).toBe(403);
    expect(replay.json.error.code).toBe('replay-refused');
    expect(upstream.received).toHaveLength(1);
  });

  it('re-send signs again; replay sends the stored bytes with the same signature, only when confirmed', async () => {
    let now = 1_700_000_000_000;
    const { p, upstream } = await sandboxUpstream();
    p.services.clock = () => now;
    const sent = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'POST', path: '/transaction', body: 'a\r\nb' },
    });
    now += 5_000;
    const resent = await p.call('POST', `/api/history/${sent.json.id}/resend`, { body: {} });
    expect(resent.json.kind).toBe('resend');
    expect(resent.json.timestamp).toBe('1700000005');
    expect(resent.json.signature).not.toBe(sent.json.signature);
    const unconfirmed = await p.call('POST', `/api/history/${sent.json.id}/replay`, { body: {} });
    expect(unconfirmed.status).toBe(403);
    const replayed = await p.call('POST', `/api/history/${sent.json.id}/replay`, { body: { confirm: true } });
    expect(replayed.json.kind).toBe('replay');
    expect(replayed.json.signature).toBe(sent.json.signature);
    expect(upstream.received).toHaveLength(3);
    expect(upstream.received[2]!.body.equals(upstream.received[0]!.body)).toBe(true);
    const sig = (i: number) =>
      upstream.received[i]!.rawHeaders[
        upstream.received[i]!.rawHeaders.findIndex((h) => h.toLowerCase() === 'qredo-api-sig') + 1
      ];
    expect(sig(2)).toBe(sig(0));
  });
});

describe('what the person is told, and what history keeps', () => {
  it('refuses an unconfirmed production mutation in words, never naming a wire field', async () => {
    const { p, upstream } = await sandboxUpstream();
    p.services.credentials.set('production', 'prodKeyId00001', SANDBOX_SECRET);
    const body = { environment: 'production', method: 'POST', path: '/transaction', body: '{}' };
    const refused = await p.call('POST', '/api/send', { body });
    expect(refused.json.error.message).toBe(
      'A POST to production can move funds, so it is signed and sent only after you confirm it. Confirm it in the page first.',
    );
    const sent = await p.call('POST', '/api/send', { body: { ...body, confirm: true } });
    const resend = await p.call('POST', `/api/history/${sent.json.id}/resend`, { body: {} });
    expect(resend.status).toBe(403);
    expect(resend.json.error.code).toBe('confirmation-required');
    const sandbox = await p.call('POST', '/api/send', { body: { ...body, environment: 'sandbox' } });
    const replay = await p.call('POST', `/api/history/${sandbox.json.id}/replay`, { body: {} });
    for (const message of [refused.json.error.message, resend.json.error.message, replay.json.error.message]) {
      expect(message).not.toMatch(/"confirm"|confirm: ?true|must carry/);
    }
    expect((await p.call('POST', `/api/history/${sent.json.id}/resend`, { body: { confirm: true } })).status).toBe(200);
    expect(upstream.received).toHaveLength(3);
  });

  it('records whether the timestamp was taken at send time, and the key id in every list row', async () => {
    const p = await playground();
    const atSendTime = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/balance', body: null, demoKey: 'read-only' },
    });
    const pinned = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/balance', body: null, timestamp: '1700000000' },
    });
    expect(atSendTime.json.timestampAtSendTime).toBe(true);
    expect(pinned.json.timestampAtSendTime).toBe(false);
    const replayed = await p.call('POST', `/api/history/${atSendTime.json.id}/replay`, { body: { confirm: true } });
    expect(replayed.json.timestampAtSendTime).toBe(false);
    const list = await p.call('GET', '/api/history');
    expect(list.json.entries.map((e: { keyId: string }) => e.keyId)).toEqual([
      atSendTime.json.keyId,
      pinned.json.keyId,
      atSendTime.json.keyId,
    ]);
    expect(atSendTime.json.keyId).not.toBe(pinned.json.keyId);
  });
});

describe('history API', () => {
  it('lists, filters, gets, deletes and clears', async () => {
    const p = await playground();
    for (const path of ['/balance', '/funds', '/nope']) {
      await p.call('POST', '/api/send', { body: { environment: 'mock', method: 'GET', path, body: null } });
    }
    expect((await p.call('GET', '/api/history')).json.total).toBe(3);
    expect((await p.call('GET', '/api/history?status=4xx')).json.entries.map((e: { path: string }) => e.path)).toEqual([
      '/nope',
    ]);
    expect((await p.call('GET', '/api/history?q=fund')).json.total).toBe(1);
    expect((await p.call('GET', '/api/history?limit=0')).status).toBe(400);
    expect((await p.call('GET', '/api/history/abc')).status).toBe(400);
    expect((await p.call('GET', '/api/history/999')).status).toBe(404);
    const first = (await p.call('GET', '/api/history')).json.entries[0].id;
    expect((await p.call('DELETE', `/api/history/${first}`)).json).toEqual({ ok: true, deleted: 1 });
    expect((await p.call('DELETE', '/api/history')).json).toEqual({ ok: true, deleted: 2 });
  });
});

describe('headers the person adds', () => {
  it('are sent exactly as typed after the signed ones, replace the default Accept, and are kept for re-send', async () => {
    const { p, upstream } = await sandboxUpstream();
    const body = {
      environment: 'sandbox',
      method: 'POST',
      path: '/transaction',
      body: '{}',
      headers: [
        { name: 'X-Request-Id', value: 'abc 123' },
        { name: 'Accept', value: 'text/plain' },
      ],
    };
    const sent = await p.call('POST', '/api/send', { body });
    expect(sent.status).toBe(200);
    const raw = upstream.received[0]!.rawHeaders;
    const pairs = Array.from({ length: raw.length / 2 }, (_, i) => [raw[2 * i]!, raw[2 * i + 1]!]);
    expect(pairs.filter(([n]) => /^(x-request-id|accept)$/i.test(n!))).toEqual([
      ['X-Request-Id', 'abc 123'],
      ['Accept', 'text/plain'],
    ]);
    expect(sent.json.request.extraHeaders).toEqual(body.headers);
    const resend = await p.call('POST', `/api/history/${sent.json.id}/resend`, { body: {} });
    expect(resend.json.request.extraHeaders).toEqual(body.headers);
    expect(upstream.received[1]!.rawHeaders).toContain('X-Request-Id');
  });

  it.each([
    ['Host', 'evil.example', /headers\.0\.name: Host is written by the relay/],
    ['qredo-api-sig', 'x', /computed by the playground/],
    ['X-Split', 'a\r\nX-Injected: 1', /line break/],
    ['Transfer-Encoding', 'chunked', /written by the relay/],
  ])('refuses %s with a clear 400, sending nothing', async (name, value, message) => {
    const { p, upstream } = await sandboxUpstream();
    const r = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: '/balance', body: null, headers: [{ name, value }] },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(message);
    expect(upstream.received).toHaveLength(0);
  });
});
