/**
 * The embedded Qredo API v1: a node:http server on loopback under /qapi/v1 that authenticates every
 * request exactly as the real service does, then answers from seeded data.
 *
 * Order of work for each request: the mock's own control endpoint under /__mock (admin.ts) → path
 * prefix (else 404) → body read as raw bytes with a size cap (else 413) → authentication (else 401)
 * → the fault keys' 429 / 503 (faults.ts) → routing (404 / 405) → permissions (403) → the answer.
 * A WebSocket handshake goes through the same checks, and only GET /transactions/feed is upgraded
 * (feed.ts).
 * It logs nothing unless a `log` callback is given, and never logs headers, bodies or secrets.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readUpTo } from '../http.ts';
import { ADMIN_PREFIX, handleAdmin } from './admin.ts';
import { MOCK_WINDOW_SECONDS } from '../../core/constants.ts';
import { authenticate } from './auth.ts';
import { DEFAULT_SEED } from './data.ts';
import { type ApiResult, errorResult, writeResult } from './errors.ts';
import { FeedHub, createFeedUpgradeHandler } from './feed.ts';
import { createPartnerApi } from './partner/api.ts';
import { route } from './routes.ts';
import { MockState } from './state.ts';

export const BASE_PATH = '/qapi/v1';
export const DEFAULT_MOCK_PORT = 8002;
/** Body caps: 4 MiB for POST, 1 MiB for every other method. */
export const MAX_POST_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_OTHER_BODY_BYTES = 1024 * 1024;

export interface MockServer {
  port: number;
  /** http://HOST:PORT/qapi/v1 */
  baseUrl: string;
  /** The seed the data was built from. */
  seed: number;
  /** Back to the seeded state: created transactions forgotten, counters from zero. */
  reset(): void;
  /**
   * Sends the feed messages due at the clock's current time. The server does it by itself after
   * every request and every 250 ms while a feed client is connected; a test with an injected clock
   * moves the clock and calls this.
   */
  flushFeed(): void;
  /** The same for the Partner API's feeds (partner/feeds.ts). */
  flushPartnerFeeds(): void;
  close(): Promise<void>;
}

export interface MockServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Accepted clock skew of `qredo-api-ts`, in seconds either way. Default 300. */
  windowSeconds?: number;
  /** The clock, in milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** Optional one line per request: method, path without query, status. Never headers or bodies. */
  log?: (line: string) => void;
  /** The data seed: the same seed gives the same data. Default DEFAULT_SEED (0). */
  seed?: number;
}

type BodyRead = { ok: true; body: Uint8Array } | { ok: false; result: ApiResult };

async function readBody(req: IncomingMessage, cap: number): Promise<BodyRead> {
  const body = await readUpTo(req, cap);
  return body
    ? { ok: true, body }
    : { ok: false, result: errorResult(413, `request body larger than ${cap} bytes, the limit for ${req.method}`) };
}

function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q >= 0 ? { path: target.slice(0, q), query: target.slice(q + 1) } : { path: target, query: '' };
}

export function createMockRequestHandler(options: { windowSeconds: number; now: () => number; state: MockState }) {
  const { state } = options;

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<ApiResult> {
    const target = req.url ?? '/';
    const method = req.method ?? 'GET';
    const { path, query } = splitTarget(target);
    if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      req.resume();
      return handleAdmin(req, path, state);
    }
    if (!(path === BASE_PATH || path.startsWith(`${BASE_PATH}/`))) {
      req.resume();
      return errorResult(404, `not found: the Qredo API v1 mock answers only under ${BASE_PATH}`);
    }

    const read = await readBody(req, method === 'POST' ? MAX_POST_BODY_BYTES : MAX_OTHER_BODY_BYTES);
    if (!read.ok) {
      res.setHeader('connection', 'close');
      return read.result;
    }

    const nowMs = options.now();
    const auth = await authenticate({
      method,
      host: req.headers.host,
      target,
      headers: req.headers,
      body: read.body,
      nowMs,
      windowSeconds: options.windowSeconds,
    });
    if (!auth.ok) return errorResult(auth.status, auth.reason);
    const fault = state.faults.check(auth.key);
    if (fault) return fault;

    return route({
      method,
      path: path.slice(BASE_PATH.length),
      query: new URLSearchParams(query),
      body: read.body,
      key: auth.key,
      nowMs,
      state,
    });
  };
}

export function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? Date.now;
  const state = new MockState(opts.seed ?? DEFAULT_SEED);
  const windowSeconds = opts.windowSeconds ?? MOCK_WINDOW_SECONDS;
  const handle = createMockRequestHandler({ windowSeconds, now, state });
  const hub = new FeedHub(state, now);
  const log = opts.log;
  // The Partner API (under /api/v1/p) shares the port: see partner/README.md.
  const partner = createPartnerApi({ now, windowSeconds, ...(log ? { log } : {}) });
  state.onReset(() => partner.reset());

  const server: Server = createServer((req, res) => {
    if (partner.claims(req)) return partner.serve(req, res);
    handle(req, res)
      .catch((): ApiResult => errorResult(500, 'internal error in the mock'))
      .then((result) => {
        if (res.headersSent) return;
        writeResult(res, result);
        log?.(`${req.method ?? '?'} ${splitTarget(req.url ?? '').path} ${result.status}`);
        // A request may have moved a transaction on (POST /transaction creates one): tell the feed.
        hub.flush();
      })
      // Writing the answer failed (the client went away mid-write): nothing more can be said to it.
      .catch(() => res.destroy());
  });
  // Longer than a client's pooled socket idles between requests under load: the relay's keep-alive
  // agent never reuses a socket at the very moment the mock closes it (a random ECONNRESET).
  server.keepAliveTimeout = 65_000;
  const feedUpgrade = createFeedUpgradeHandler({
    basePath: BASE_PATH,
    state,
    hub,
    now,
    windowSeconds,
    ...(log ? { log } : {}),
  });
  server.on('upgrade', (req, socket, head: Buffer) =>
    partner.claims(req) ? partner.upgrade(req, socket, head) : feedUpgrade(req, socket, head),
  );
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        port,
        baseUrl: `http://${shownHost}:${port}${BASE_PATH}`,
        seed: state.seed,
        reset: () => state.reset(),
        flushFeed: () => hub.flush(),
        flushPartnerFeeds: () => partner.flushFeeds(),
        close: () =>
          new Promise<void>((done, fail) => {
            // Upgraded sockets no longer belong to the HTTP server: the feed closes its own.
            hub.close();
            partner.close();
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
