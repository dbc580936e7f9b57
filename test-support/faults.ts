/**
 * Upstreams that misbehave on purpose, all on 127.0.0.1.
 *
 * `startFaultUpstream` is the recording upstream (upstream.ts) answering with `faultAnswer`: the
 * path (after the base, /qapi/v1) chooses the fault: an answer held until the test releases it,
 * reset mid-body, a huge streamed body, a drip, invalid JSON or UTF-8, a redirect, 500/503, an
 * upgrade, bytes that are not HTTP. Each request's record says whether its answer finished and how
 * many bytes went out, so a test asserts the order of events and the bytes instead of a duration.
 *
 * `startStuckListener` is a port whose accept queue is full, so a new connection never completes
 * (the kernel drops its SYNs): a deterministic connect timeout on loopback, without any other host.
 * `closedPort` is a port nothing listens on (connection refused).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { startUpstream, type Answer, type Upstream } from './upstream.ts';

export interface FaultUpstream extends Upstream {
  /** Lets every held answer named `name` go (a 200 `{"released":NAME}`), now and for later requests. */
  release(name: string): void;
}

/** The faults the upstream knows, by the path that asks for each (relative to the base). */
export const FAULT_PATHS = {
  ok: '/ok',
  /** No response headers until the test calls release(name): the answer waits for a signal, not a clock. */
  held: (name: string) => `/held?name=${encodeURIComponent(name)}`,
  resetMidBody: '/reset-mid-body',
  huge: (bytes: number) => `/huge?bytes=${bytes}`,
  drip: (bytes: number, everyMs: number) => `/drip?bytes=${bytes}&ms=${everyMs}`,
  /** A drip whose last byte waits for release(name): its answer cannot end before the test says so. */
  heldDrip: (bytes: number, everyMs: number, name: string) =>
    `/drip?bytes=${bytes}&ms=${everyMs}&hold=${encodeURIComponent(name)}`,
  invalidJson: '/invalid-json',
  invalidUtf8: '/invalid-utf8',
  redirect: (location: string) => `/redirect?to=${encodeURIComponent(location)}`,
  status: (code: number) => `/status/${code}`,
  upgrade: '/upgrade',
  notHttp: '/not-http',
  hugeHeader: '/huge-header',
  badChunked: '/bad-chunked',
  prototypeHeaders: '/prototype-headers',
  earlyHints: '/early-hints',
} as const;

export const INVALID_JSON_BODY = '{"assets": [{"asset": "BTC", "total": 1,';
export const INVALID_UTF8_BODY = Buffer.from([
  0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d,
]);

/** Streams `bytes` bytes of 'x' with back-pressure; stops quietly when the client goes away. */
function streamHuge(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes) });
  const chunk = Buffer.alloc(256 * 1024, 0x78);
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (left === 0 && !res.destroyed) res.end();
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
}

function drip(res: ServerResponse, bytes: number, everyMs: number, holdLast?: (go: () => void) => void): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes) });
  const body = Buffer.from(`"${'d'.repeat(Math.max(0, bytes - 2))}"`).subarray(0, bytes);
  let i = 0;
  const last = (): void => {
    if (res.destroyed) return;
    res.end(body.subarray(i));
  };
  const timer = setInterval(() => {
    if (res.destroyed) {
      clearInterval(timer);
      return;
    }
    if (i >= body.length - 1) {
      clearInterval(timer);
      if (holdLast) holdLast(last);
      else last();
      return;
    }
    res.write(body.subarray(i, i + 1));
    i += 1;
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

function behave(
  req: IncomingMessage,
  res: ServerResponse,
  base: string,
  hold: (name: string, answer: () => void) => void,
): void {
  const url = new URL(req.url ?? '/', 'http://fault.invalid');
  const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
  const num = (name: string, fallback: number): number => Number(url.searchParams.get(name) ?? fallback);
  const socket = req.socket;
  switch (path) {
    case '/ok':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      return;
    case '/held': {
      const name = url.searchParams.get('name') ?? '';
      hold(name, () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ released: name }));
      });
      return;
    }
    case '/reset-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      res.write('['.padEnd(1000, '1'), () => setTimeout(() => socket.resetAndDestroy(), 20));
      return;
    case '/huge':
      streamHuge(res, num('bytes', 1024));
      return;
    case '/drip': {
      const name = url.searchParams.get('hold');
      drip(res, num('bytes', 10), num('ms', 10), name === null ? undefined : (go) => hold(name, go));
      return;
    }
    case '/invalid-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(INVALID_JSON_BODY);
      return;
    case '/invalid-utf8':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(INVALID_UTF8_BODY);
      return;
    case '/redirect':
      res.writeHead(302, { location: url.searchParams.get('to') ?? 'http://localhost/' });
      res.end();
      return;
    case '/upgrade':
      res.writeHead(101, { connection: 'upgrade', upgrade: 'websocket' });
      res.end();
      return;
    case '/not-http':
      socket.end('SSH-2.0-OpenSSH_9.6 not an http server\r\n\r\n');
      return;
    case '/huge-header':
      res.writeHead(200, { 'x-huge': 'h'.repeat(64 * 1024), 'content-type': 'application/json' });
      res.end('{}');
      return;
    case '/early-hints':
      // 103 Early Hints, then 100 Continue nobody asked for, then the answer.
      res.writeEarlyHints({ link: '</x.css>; rel=preload; as=style' }, () => {
        socket.write('HTTP/1.1 100 Continue\r\n\r\n', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"after":"hints"}');
        });
      });
      return;
    case '/prototype-headers':
      // Header names that are also names on Object.prototype.
      socket.end(
        'HTTP/1.1 200 OK\r\nconstructor: b\r\n__proto__: c\r\nhasOwnProperty: d\r\nConstructor: e\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
      );
      return;
    case '/bad-chunked':
      socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk size\r\n0\r\n\r\n');
      return;
    default: {
      const status = /^\/status\/(\d{3})$/.exec(path);
      if (status) {
        const code = Number(status[1]);
        res.writeHead(code, { 'content-type': 'application/json', ...(code === 503 ? { 'retry-after': '1' } : {}) });
        res.end(JSON.stringify({ code, message: code >= 500 ? 'upstream is unwell' : 'as asked' }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"code":404,"message":"no such fault"}');
    }
  }
}

/** The answer of the fault upstream, with the held answers it keeps until `release`. */
export function faultAnswer(basePath = '/qapi/v1'): { answer: Answer; release(name: string): void } {
  const released = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();
  const hold = (name: string, go: () => void): void => {
    if (released.has(name)) return go();
    waiting.set(name, [...(waiting.get(name) ?? []), go]);
  };
  return {
    answer: (_r, res, req) => behave(req, res, basePath, hold),
    release(name) {
      released.add(name);
      for (const go of waiting.get(name) ?? []) go();
      waiting.delete(name);
    },
  };
}

export async function startFaultUpstream(basePath = '/qapi/v1'): Promise<FaultUpstream> {
  const { answer, release } = faultAnswer(basePath);
  const upstream = await startUpstream({ answer, basePath });
  // A client that drops the connection mid-answer is expected here: no 400 written to a dead socket.
  upstream.server.on('clientError', (_err, socket) => socket.destroy());
  return { ...upstream, release };
}

/** A loopback port that nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface StuckListener {
  port: number;
  close(): Promise<void>;
}

/**
 * A port that is listening but never accepts: a child process listens with a backlog of 1 and then
 * blocks its event loop, and two filler connections fill the accept queue. Linux then drops every
 * further SYN, so a new connection stays "connecting" until the client gives up.
 */
export async function startStuckListener(holdMs = 60_000): Promise<StuckListener> {
  const code = `
    const net = require('node:net');
    const s = net.createServer();
    s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(JSON.stringify({ port: s.address().port }) + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
      process.exit(0);
    });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (c) => reject(new Error(`the stuck listener exited early (${c})`)));
  });
  // Fill the accept queue (backlog + 1 connections on Linux) and wait until it is full.
  const fillers: net.Socket[] = [];
  let connected = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the accept queue of the stuck listener did not fill')), 5000);
    for (let i = 0; i < 3; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.on('connect', () => {
        connected += 1;
        if (connected === 2) {
          clearTimeout(timer);
          resolve();
        }
      });
      fillers.push(s);
    }
  });
  // Give the third filler's SYN time to be dropped, so the queue is known full.
  await new Promise((r) => setTimeout(r, 50));
  return {
    port,
    async close() {
      for (const s of fillers) s.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
