import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../core/signing/index.ts';
import { startUpstream as startRecordingUpstream, type Upstream } from '../../test-support/upstream.ts';
import { createRelay } from './relay.ts';
import type { Relay, RelayLimits, RelayRequest } from './relay.ts';

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A recording upstream (test-support/upstream.ts) on port 0, answering with `behaviour`. */
async function startUpstream(behaviour: Behaviour = (_req, res) => res.end('ok')): Promise<Upstream> {
  const up = await startRecordingUpstream({ answer: (_r, res, req) => behaviour(req, res) });
  cleanups.push(() => up.close());
  return up;
}

function relay(agentOptions?: Parameters<typeof createRelay>[0]): Relay {
  const r = createRelay(agentOptions);
  cleanups.push(() => r.close());
  return r;
}

const limits: RelayLimits = { connectTimeoutMs: 200, totalTimeoutMs: 300, maxResponseBytes: 1024 * 1024 };
const roomy: RelayLimits = { connectTimeoutMs: 2000, totalTimeoutMs: 10_000, maxResponseBytes: 4 * 1024 * 1024 };

const signed: Array<[string, string]> = [
  [HEADER_KEY, 'key-id-123'],
  [HEADER_TIMESTAMP, '1700000000'],
  [HEADER_SIGNATURE, 'c2lnbmF0dXJl'],
  ['accept', 'application/json'],
];

function post(url: string, body: Uint8Array | null, method = 'POST'): RelayRequest {
  return { url, method, headers: [...signed, ['content-type', 'application/json']], body };
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('relay: bytes on the wire', () => {
  const bodies: Array<[string, Buffer]> = [
    ['CRLF, tabs and non-ASCII', Buffer.from('{\r\n\t"note": "café ☕ 𝄞",\r\n\t"n": 1\r\n}', 'utf8')],
    ['a trailing newline', Buffer.from('{"amount":"1.0"}\n', 'utf8')],
    ['an empty body', Buffer.alloc(0)],
    ['1 MiB', Buffer.from('{"x":"' + 'é\t\r\nab'.repeat(174_762) + '"}', 'utf8').subarray(0, 1024 * 1024)],
    ['bytes that are not UTF-8', Buffer.from([0xff, 0x00, 0xfe, 0x0d, 0x0a, 0xc3])],
  ];

  it.each(bodies)('writes %s exactly as given', async (_name, body) => {
    const up = await startUpstream();
    const out = await relay().send(post(`${up.origin}/qapi/v1/transfer`, new Uint8Array(body)), roomy);
    expect(out.error).toBeNull();
    expect(up.received).toHaveLength(1);
    const got = up.received[0]!;
    expect(got.body.equals(body)).toBe(true);
    expect(out.sentBodySha256).toBe(sha256(got.body));
    expect(out.requestHeaders['content-length']).toBe(String(body.byteLength));
  });

  it('sends a view of a larger buffer without the bytes around it', async () => {
    const up = await startUpstream();
    const backing = Buffer.from('XXXX{"a":1}YYYY');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 7);
    await relay().send(post(`${up.origin}/x`, view), roomy);
    expect(up.received[0]!.body.toString()).toBe('{"a":1}');
  });

  it('leaves the query string and path untouched', async () => {
    const up = await startUpstream();
    const r = relay();
    const targets = [
      '/qapi/v1/funds?b=2&a=1&x=%20y',
      '/qapi/v1//double/%2e%2e/./x?q=%2F&q=%2f&e=',
      '/qapi/v1/funds?archived=true',
      '?only=query',
    ];
    for (const t of targets)
      await r.send({ url: `${up.origin}${t}`, method: 'GET', headers: signed, body: null }, roomy);
    expect(up.received.map((x) => x.url)).toEqual([...targets.slice(0, 3), '/?only=query']);
  });

  it('sends exactly the given headers plus host, content-length and connection, in order', async () => {
    const up = await startUpstream();
    const out = await relay().send(post(`${up.origin}/qapi/v1/company`, new TextEncoder().encode('{}')), roomy);
    const expected = [
      'host',
      `127.0.0.1:${up.port}`,
      HEADER_KEY,
      'key-id-123',
      HEADER_TIMESTAMP,
      '1700000000',
      HEADER_SIGNATURE,
      'c2lnbmF0dXJl',
      'accept',
      'application/json',
      'content-type',
      'application/json',
      'content-length',
      '2',
      'connection',
      'keep-alive',
    ];
    expect(up.received[0]!.rawHeaders).toEqual(expected);
    expect(Object.entries(out.requestHeaders).flat()).toEqual(expected);
  });

  it('adds no content-length when there is no body, whatever the method', async () => {
    const up = await startUpstream();
    const r = relay();
    for (const method of ['GET', 'DELETE', 'POST', 'PUT']) {
      const out = await r.send({ url: `${up.origin}/x`, method, headers: signed, body: null }, roomy);
      expect(out.requestHeaders).not.toHaveProperty('content-length');
      expect(out.sentBodySha256).toBe(sha256(new Uint8Array()));
    }
    for (const got of up.received) {
      const names = got.rawHeaders.filter((_, i) => i % 2 === 0);
      expect(names).toEqual(['host', HEADER_KEY, HEADER_TIMESTAMP, HEADER_SIGNATURE, 'accept', 'connection']);
    }
    expect(up.received.map((g) => g.method)).toEqual(['GET', 'DELETE', 'POST', 'PUT']);
  });

  it('replaces caller headers the relay owns instead of sending them twice', async () => {
    const up = await startUpstream();
    await relay().send(
      {
        url: `${up.origin}/x`,
        method: 'GET',
        headers: [['Host', 'evil.example'], ['Content-Length', '99'], ...signed],
        body: null,
      },
      roomy,
    );
    const raw = up.received[0]!.rawHeaders;
    expect(raw.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase())).toEqual([
      'host',
      HEADER_KEY,
      HEADER_TIMESTAMP,
      HEADER_SIGNATURE,
      'accept',
      'connection',
    ]);
    expect(raw[1]).toBe(`127.0.0.1:${up.port}`);
  });

  it('keeps the method spelling and writes a byte-exact request head (raw socket upstream)', async () => {
    // Node's own HTTP server refuses lower-case methods, so this upstream reads the raw bytes.
    const seen: Buffer[] = [];
    const server = net.createServer((socket) => {
      let buf = Buffer.alloc(0);
      socket.on('data', (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const len = Number(/content-length: (\d+)/i.exec(buf.subarray(0, end).toString('latin1'))?.[1] ?? 0);
        if (buf.byteLength < end + 4 + len) return;
        seen.push(buf.subarray(0, end + 4 + len));
        buf = buf.subarray(end + 4 + len);
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    const r = relay();
    const out = await r.send(
      post(`http://127.0.0.1:${port}/qapi/v1/x?b=2&a=1`, new TextEncoder().encode('{"a":\t1}\r\n'), 'post'),
      roomy,
    );
    expect(out.error).toBeNull();
    expect(out.response?.body).toBe('ok');
    expect(seen[0]!.toString('latin1')).toBe(
      'post /qapi/v1/x?b=2&a=1 HTTP/1.1\r\n' +
        `host: 127.0.0.1:${port}\r\n` +
        `${HEADER_KEY}: key-id-123\r\n${HEADER_TIMESTAMP}: 1700000000\r\n${HEADER_SIGNATURE}: c2lnbmF0dXJl\r\n` +
        'accept: application/json\r\ncontent-type: application/json\r\ncontent-length: 10\r\nconnection: keep-alive\r\n\r\n' +
        '{"a":\t1}\r\n',
    );
    await r.send({ url: `http://127.0.0.1:${port}/y`, method: 'Get', headers: [], body: null }, roomy);
    expect(seen[1]!.toString('latin1')).toBe(
      `Get /y HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: keep-alive\r\n\r\n`,
    );
  });

  it('reuses keep-alive sockets', async () => {
    const up = await startUpstream();
    const r = relay();
    for (let i = 0; i < 20; i++)
      await r.send({ url: `${up.origin}/n/${i}`, method: 'GET', headers: signed, body: null }, roomy);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        r.send({ url: `${up.origin}/p/${i}`, method: 'GET', headers: signed, body: null }, roomy),
      ),
    );
    expect(up.received).toHaveLength(40);
    expect(up.sockets.size).toBeLessThanOrEqual(20);
  });

  it('refuses, before any socket, a URL it cannot send as signed', async () => {
    const up = await startUpstream();
    const r = relay();
    for (const url of [
      `${up.origin}/a b`,
      `${up.origin}/é`,
      `${up.origin}/x#frag`,
      `http://u:p@127.0.0.1:${up.port}/`,
      'ftp://x/',
      '/relative',
    ]) {
      await expect(r.send({ url, method: 'GET', headers: [], body: null }, roomy)).rejects.toThrow(TypeError);
    }
    await expect(r.send({ url: `${up.origin}/`, method: 'GE T', headers: [], body: null }, roomy)).rejects.toThrow(
      TypeError,
    );
    await expect(
      r.send({ url: `${up.origin}/`, method: 'GET', headers: [['x', 'a\r\nb: c']], body: null }, roomy),
    ).rejects.toThrow(TypeError);
    expect(up.received).toHaveLength(0);
  });
});

describe('relay: the response, reported faithfully', () => {
  it('returns a redirect as-is and never follows it', async () => {
    const up = await startUpstream((_req, res) => {
      res.writeHead(302, { location: '/qapi/v1/elsewhere', 'content-type': 'text/plain' });
      res.end('moved');
    });
    const out = await relay().send(
      { url: `${up.origin}/qapi/v1/balance`, method: 'GET', headers: signed, body: null },
      roomy,
    );
    expect(up.received).toHaveLength(1);
    expect(out.response).toMatchObject({ status: 302, statusText: 'Found', body: 'moved', truncated: false });
    expect(out.response?.headers.location).toBe('/qapi/v1/elsewhere');
    expect(out.error?.code).toBe('redirect-refused');
    expect(out.error?.message).toBe(
      'The upstream answered 302 with Location /qapi/v1/elsewhere; redirects are never followed.',
    );
  });

  it('lower-cases header names and joins repeated ones from the raw lines', async () => {
    const up = await startUpstream((_req, res) => {
      res.setHeader('X-Multi', ['a', 'b']);
      res.setHeader('Set-Cookie', ['s=1', 't=2']);
      res.setHeader('Content-Type', 'application/json');
      res.statusMessage = 'Fine Indeed';
      res.end('{"ok":true}');
    });
    const out = await relay().send({ url: `${up.origin}/`, method: 'GET', headers: signed, body: null }, roomy);
    expect(out.response?.headers['x-multi']).toBe('a, b');
    expect(out.response?.headers['set-cookie']).toBe('s=1\nt=2');
    expect(out.response?.headers['content-type']).toBe('application/json');
    expect(out.response?.statusText).toBe('Fine Indeed');
    expect(out.response).toMatchObject({
      status: 200,
      body: '{"ok":true}',
      bodyEncoding: 'utf8',
      size: 11,
      truncated: false,
    });
    expect(out.timings.ttfbMs).not.toBeNull();
    expect(out.timings.totalMs).toBeGreaterThanOrEqual(out.timings.ttfbMs!);
  });

  it('gives a body that is not valid UTF-8 as base64', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0xc3, 0x28]);
    const up = await startUpstream((_req, res) => res.end(bytes));
    const out = await relay().send({ url: `${up.origin}/`, method: 'GET', headers: signed, body: null }, roomy);
    expect(out.response?.bodyEncoding).toBe('base64');
    expect(Buffer.from(out.response!.body, 'base64').equals(bytes)).toBe(true);
    expect(out.response?.size).toBe(bytes.byteLength);
  });

  it('keeps a leading byte-order mark', async () => {
    const up = await startUpstream((_req, res) => res.end(Buffer.from('\ufeff{}', 'utf8')));
    const out = await relay().send({ url: `${up.origin}/`, method: 'GET', headers: signed, body: null }, roomy);
    expect(out.response?.body).toBe('\ufeff{}');
  });

  it('truncates at the size cap and marks it', async () => {
    const big = Buffer.alloc(200_000, 'a');
    const up = await startUpstream((_req, res) => res.end(big));
    const r = relay();
    const out = await r.send(
      { url: `${up.origin}/big`, method: 'GET', headers: signed, body: null },
      { ...roomy, maxResponseBytes: 10_000 },
    );
    expect(out.error).toBeNull();
    expect(out.response).toMatchObject({ status: 200, size: 10_000, truncated: true });
    expect(out.response?.body).toBe('a'.repeat(10_000));
    // The relay still works afterwards (the cut socket was discarded, not pooled).
    const again = await r.send({ url: `${up.origin}/big`, method: 'GET', headers: signed, body: null }, roomy);
    expect(again.response).toMatchObject({ size: 200_000, truncated: false });
  });
});

describe('relay: failures become outcomes', () => {
  it('reports a refused connection', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const out = await relay().send(
      { url: `http://127.0.0.1:${port}/x`, method: 'GET', headers: signed, body: null },
      limits,
    );
    expect(out.response).toBeNull();
    expect(out.error).toEqual({
      code: 'upstream-unreachable',
      message: `Nothing is listening at 127.0.0.1:${port} (connection refused).`,
    });
    expect(out.timings.ttfbMs).toBeNull();
    expect(out.requestHeaders.host).toBe(`127.0.0.1:${port}`);
  });

  it('reports a name that does not resolve', async () => {
    const r = relay({
      agentOptions: {
        lookup: (hostname: string, _o: unknown, cb: (err: NodeJS.ErrnoException | null) => void) =>
          cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })),
      } as never,
    });
    const out = await r.send({ url: 'http://no-such-host.invalid/x', method: 'GET', headers: [], body: null }, limits);
    expect(out.error?.code).toBe('dns-failure');
    expect(out.error?.message).toContain('no-such-host.invalid');
  });

  it('gives up connecting after the connect timeout', async () => {
    // A connection that never completes: the name lookup never answers, so the socket stays "connecting".
    const r = relay({ agentOptions: { lookup: () => undefined } as never });
    const out = await r.send(
      { url: 'http://stuck.test:8080/x', method: 'GET', headers: [], body: null },
      { ...limits, connectTimeoutMs: 100, totalTimeoutMs: 5000 },
    );
    expect(out.response).toBeNull();
    expect(out.error).toEqual({
      code: 'connect-timeout',
      message: 'Could not connect to stuck.test:8080 within 100 ms.',
    });
  });

  it('times out an upstream that never answers', async () => {
    const up = await startUpstream(() => undefined);
    const out = await relay().send({ url: `${up.origin}/silent`, method: 'GET', headers: signed, body: null }, limits);
    expect(up.received).toHaveLength(1);
    expect(out.response).toBeNull();
    expect(out.error?.code).toBe('timeout');
    expect(out.error?.message).toContain('no response headers arrived');
  });

  it('times out a body that stalls, keeping the status, headers and bytes that arrived', async () => {
    const up = await startUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('partial');
    });
    const out = await relay().send({ url: `${up.origin}/stall`, method: 'GET', headers: signed, body: null }, limits);
    expect(out.error?.code).toBe('timeout');
    expect(out.response).toMatchObject({ status: 200, body: 'partial', size: 7, truncated: true });
    expect(out.response?.headers['content-type']).toBe('text/plain');
    expect(out.timings.ttfbMs).not.toBeNull();
  });

  it('reports a connection reset mid-body with the partial response', async () => {
    const up = await startUpstream((req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(100), () => setTimeout(() => req.socket.destroy(), 20));
    });
    const out = await relay().send({ url: `${up.origin}/reset`, method: 'GET', headers: signed, body: null }, roomy);
    expect(out.error?.code).toBe('connection-reset');
    expect(out.response).toMatchObject({ status: 200, size: 100, truncated: true });
  });

  it('reports a connection closed before any answer', async () => {
    const up = await startUpstream((req) => req.socket.destroy());
    const out = await relay().send({ url: `${up.origin}/drop`, method: 'GET', headers: signed, body: null }, roomy);
    expect(out.response).toBeNull();
    expect(out.error?.code).toBe('connection-reset');
  });

  it('ends with "aborted" when the caller cancels', async () => {
    const up = await startUpstream(() => undefined);
    const ac = new AbortController();
    const pending = relay().send(
      { url: `${up.origin}/slow`, method: 'GET', headers: signed, body: null, signal: ac.signal },
      roomy,
    );
    setTimeout(() => ac.abort(), 50);
    const out = await pending;
    expect(out.error?.code).toBe('aborted');
  });
});
