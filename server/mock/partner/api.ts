/**
 * The embedded Partner API, served by the mock process beside the v1 API, under /api/v1/p.
 *
 * Order of work for each request (docs/partner-api.md, "How the mock verifies"): path under the base (the
 * docs' /qapi/v1/p typo gets a 404 that says so) → body read as raw bytes with a cap (413) → Signing Agent
 * (x-api-zkp) operations answer 501 → authentication (401 errPartnerAuth with its reason) → routing (404 /
 * 405) → the operation (400 / 404 / 409 / 501, or its answer). Logs nothing unless `log` is given, and then
 * only method, path and status.
 */
import { type IncomingMessage, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PARTNER_AUTH_ERROR, PARTNER_BASE_PATH, PARTNER_WINDOW_SECONDS } from '../../../core/partner/index.ts';
import { readUpTo } from '../../http.ts';
import { type ApiResult, errorResult, writeResult } from '../errors.ts';
import { NonceLog, verifyPartnerRequest } from './auth.ts';
import type { PartnerContext } from './context.ts';
import { HttpError } from './fields.ts';
import type { PartnerWorldName } from './keys.ts';
import { type PartnerRoute, matchRoute, notImplemented } from './routes.ts';
import { PartnerFeedHub, partnerFeedOf } from './feeds.ts';
import { createWorld } from './seed.ts';
import type { PartnerWorld } from './world.ts';

/** The base path as the Partner docs misprint it once (docs/partner-api.md, "Environments"). */
const TYPO_BASE_PATH = '/qapi/v1/p';
/** Partner API bodies are small JSON documents. */
export const PARTNER_MAX_BODY_BYTES = 1024 * 1024;

export interface PartnerApiOptions {
  /** The clock, in milliseconds since the epoch. */
  now: () => number;
  /** Accepted skew of x-timestamp, in seconds either way. Default 300. */
  windowSeconds?: number;
  /**
   * The scheme clients use to reach this server, signed as part of the URL: `https` behind a TLS proxy (the
   * Host header gives the rest: docs/partner-api.md, "How the mock verifies"). Default `http`; upgrades use
   * ws / wss.
   */
  scheme?: 'http' | 'https';
  /** Sandbox-lenient switch, off by default: a request without x-sign passes (never a wrong x-sign). */
  acceptUnsigned?: boolean;
  log?: (line: string) => void;
}

export interface PartnerApi {
  /** Whether the request is the Partner API's to answer: under /api/v1/p, or under the /qapi/v1/p typo. */
  claims(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head?: Buffer): void;
  /** Back to the seeded worlds (every partner's companies, funds and transfers made since are gone). */
  reset(): void;
  /** Sends the feeds' clients what has changed by now (the server calls it after every request too). */
  flushFeeds(): void;
  /** Closes every feed client (the server is stopping). */
  close(): void;
}

function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q >= 0 ? { path: target.slice(0, q), query: target.slice(q + 1) } : { path: target, query: '' };
}

const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/**
 * What to fix, in a response header of the mock's own: the body keeps the exact shape the Partner API
 * documents (`detail.reason` is the short reason), so the answers stay within the OpenAPI file.
 * Printable ASCII only, as a header value must be.
 */
export const MOCK_HINT_HEADER = 'x-mock-hint';

function withHint(result: ApiResult, hint: string): ApiResult {
  return { ...result, headers: { ...result.headers, [MOCK_HINT_HEADER]: hint.replace(/[^\x20-\x7e]/g, '?') } };
}

function authError(reason: string, hint: string): ApiResult {
  return withHint({ status: 401, body: { code: 401, msg: PARTNER_AUTH_ERROR, detail: { reason } } }, hint);
}

const typoAnswer = () =>
  withHint(
    errorResult(404, 'no such route'),
    `the Partner API base is ${PARTNER_BASE_PATH}, not ${TYPO_BASE_PATH} (a typo in Qredo's docs)`,
  );

const zkpAnswer = (route: PartnerRoute) =>
  withHint(
    notImplemented(route),
    'this Signing Agent operation authenticates with an x-api-zkp token, which the mock does not serve',
  );

type BodyRead = { ok: true; body: Uint8Array } | { ok: false };

async function readBody(req: IncomingMessage): Promise<BodyRead> {
  const body = await readUpTo(req, PARTNER_MAX_BODY_BYTES);
  return body ? { ok: true, body } : { ok: false };
}

export function createPartnerApi(options: PartnerApiOptions): PartnerApi {
  const windowSeconds = options.windowSeconds ?? PARTNER_WINDOW_SECONDS;
  const scheme = options.scheme ?? 'http';
  const wsScheme = scheme === 'https' ? 'wss' : 'ws';
  const nonces = new NonceLog();
  const worlds = new Map<PartnerWorldName, PartnerWorld>();
  const worldOf = (name: PartnerWorldName) => {
    let world = worlds.get(name);
    if (!world) worlds.set(name, (world = createWorld(name)));
    return world;
  };
  const feeds = new PartnerFeedHub(worldOf, options.now);

  const authenticate = (req: IncomingMessage, urlScheme: string, body: Uint8Array, nowMs: number) => {
    const host = req.headers.host;
    if (!host)
      return { ok: false as const, result: errorResult(400, 'missing Host header; the signed URL cannot be rebuilt') };
    const auth = verifyPartnerRequest({
      method: req.method ?? 'GET',
      url: `${urlScheme}://${host}${req.url ?? '/'}`,
      headers: req.headers,
      body,
      nowMs,
      windowSeconds,
      nonces,
      ...(options.acceptUnsigned ? { acceptUnsigned: true } : {}),
    });
    return auth.ok
      ? { ok: true as const, key: auth.key, host }
      : { ok: false as const, result: authError(auth.reason, auth.hint) };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<ApiResult> {
    const method = req.method ?? 'GET';
    const { path, query } = splitTarget(req.url ?? '/');
    if (under(path, TYPO_BASE_PATH)) {
      req.resume();
      return typoAnswer();
    }
    const read = await readBody(req);
    if (!read.ok) {
      res.setHeader('connection', 'close');
      return errorResult(413, `request body larger than ${PARTNER_MAX_BODY_BYTES} bytes, the Partner API mock's limit`);
    }
    const below = path.slice(PARTNER_BASE_PATH.length);
    const match = matchRoute(method, below);
    if (match.kind === 'found' && match.route.zkp) return zkpAnswer(match.route);

    const nowMs = options.now();
    const auth = authenticate(req, scheme, read.body, nowMs);
    if (!auth.ok) return auth.result;

    if (match.kind === 'none')
      return withHint(errorResult(404, 'no such route'), `no Partner API operation at ${method} ${below || '/'}`);
    if (match.kind === 'wrong-method') {
      return errorResult(405, `${below} answers ${match.allow.join(', ')}, not ${method}`, {
        allow: match.allow.join(', '),
      });
    }
    if (!match.route.handle) return notImplemented(match.route);
    const ctx: PartnerContext = {
      world: worldOf(auth.key.world),
      key: auth.key,
      params: match.params,
      query: new URLSearchParams(query),
      body: read.body,
      now: Math.floor(nowMs / 1000),
      feedBase: `${wsScheme}://${auth.host}${PARTNER_BASE_PATH}`,
    };
    try {
      return match.route.handle(ctx);
    } catch (e) {
      if (e instanceof HttpError) return e.toResult();
      throw e;
    }
  }

  return {
    reset() {
      worlds.clear();
      feeds.reset();
    },
    flushFeeds() {
      feeds.flush();
    },
    close() {
      feeds.close();
    },
    claims(req) {
      const { path } = splitTarget(req.url ?? '/');
      return under(path, PARTNER_BASE_PATH) || under(path, TYPO_BASE_PATH);
    },

    serve(req, res) {
      handle(req, res)
        .catch((): ApiResult => errorResult(500, 'internal error in the Partner API mock'))
        .then((result) => {
          if (res.headersSent) return;
          if (result.body === undefined) {
            // An operation whose answer the OpenAPI file declares without a body.
            res.writeHead(result.status, { 'content-length': '0', 'cache-control': 'no-store', ...result.headers });
            res.end();
          } else writeResult(res, result);
          options.log?.(`${req.method ?? '?'} ${splitTarget(req.url ?? '').path} ${result.status}`);
          // A request may have created a transaction: tell the feeds.
          feeds.flush();
        })
        // Writing the answer failed (the client went away mid-write): nothing more can be said to it.
        .catch(() => res.destroy());
    },

    /**
     * WebSocket feeds: the handshake is authenticated (over the ws:// URL, no body), then
     * `/coreclient/{client_id}/feed` (a core client of this partner, else 404) and `/liquidityhub/feed` are
     * upgraded (feeds.ts); any other path answers 501. A refusal is an HTTP answer, never an upgrade.
     */
    upgrade(req, socket, head = Buffer.alloc(0)) {
      socket.on('error', () => socket.destroy());
      const { path } = splitTarget(req.url ?? '/');
      const below = path.slice(PARTNER_BASE_PATH.length);
      let result: ApiResult;
      const match = matchRoute('GET', below);
      if (under(path, TYPO_BASE_PATH)) result = typoAnswer();
      else if (match.kind === 'found' && match.route.zkp) result = zkpAnswer(match.route);
      else {
        const auth = authenticate(req, wsScheme, new Uint8Array(0), options.now());
        const feed = partnerFeedOf(below);
        if (!auth.ok) result = auth.result;
        else if (feed?.kind === 'coreclient' && !worldOf(auth.key.world).coreClients.has(feed.clientId))
          result = errorResult(404, `no core client ${feed.clientId} for this API key`);
        else if (feed) {
          feeds.accept(req, socket, head, auth.key.world, feed);
          options.log?.(`UPGRADE ${path} 101`);
          return;
        } else
          result = errorResult(
            501,
            `WebSocket feed not served by the mock (${below}); the handshake was authenticated. Served: /coreclient/{client_id}/feed, /liquidityhub/feed`,
          );
      }
      const text = JSON.stringify(result.body);
      const extra = Object.entries(result.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.end(
        `HTTP/1.1 ${result.status} ${STATUS_CODES[result.status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n${extra}connection: close\r\n\r\n${text}`,
      );
      options.log?.(`UPGRADE ${path} ${result.status}`);
    },
  };
}
