import { present } from '../../core/checked.ts';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import {
  FeedQuery,
  describeIssues,
  parseFeedFrame,
  parsePartnerFeedFrame,
  type FeedEvent,
} from '../../core/contract.ts';
import { feedUrlFor, partnerFeedUrlFor } from '../../core/feed.ts';
import { PARTNER_SCHEME, signPayload } from '../../core/schemes.ts';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  buildStringToSign,
  decodeSecret,
  formatTimestamp,
  sign,
} from '../../core/signing/index.ts';
import { nodeHmac } from '../crypto.ts';
import { HttpError } from '../http.ts';
import type { Services } from '../services.ts';
import { credentialsFor, partnerKeyFor } from '../signer.ts';
import type { Handler } from './types.ts';

/** How much of a refused handshake's answer is read for its reason. */
const MAX_REFUSAL_BYTES = 64 * 1024;
/** The largest frame accepted from the upstream; a larger one closes the feed (ws answers 1009). */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

function readQuery(url: URL): FeedQuery {
  const entries = [...url.searchParams.entries()];
  const names = entries.map(([k]) => k);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined)
    throw new HttpError(400, 'invalid-request', `The query names ${JSON.stringify(twice)} more than once.`);
  const parsed = FeedQuery.safeParse(Object.fromEntries(entries));
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new HttpError(400, 'invalid-request', `The feed query is not valid: ${issues.join('; ')}`, issues);
  }
  if ((parsed.data.demoKey !== undefined || parsed.data.partnerKey !== undefined) && parsed.data.environment !== 'mock')
    throw new HttpError(400, 'invalid-request', 'A demo key signs only for the mock environment.');
  return parsed.data;
}

/** The reason a Qredo error answer gives (`detail.reason`, else `msg`), if the body is one. */
function reasonOf(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as { detail?: { reason?: unknown }; msg?: unknown };
    if (typeof json.detail?.reason === 'string') return json.detail.reason;
    if (typeof json.msg === 'string') return json.msg;
  } catch {
    // Not JSON: no reason beyond the status.
  }
  const line = text.trim().split('\n', 1)[0]?.slice(0, 300);
  return line ? line : undefined;
}

function readCapped(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    res.on('data', (c: Buffer) => {
      if (size < MAX_REFUSAL_BYTES) chunks.push(c.subarray(0, MAX_REFUSAL_BYTES - size));
      size += c.length;
      if (size >= MAX_REFUSAL_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
}

interface Handshake {
  wsUrl: string;
  headers: Record<string, string>;
  /** As the history shows it: never a secret. */
  keyId: string;
  /** How messages name this feed: "The mock feed", "The mock Partner API core client feed". */
  label: string;
}

/** v1: the three v1 headers over `timestamp + "GET" + the ws URL`, no body (the mock's convention). */
async function v1Handshake(services: Services, query: FeedQuery): Promise<Handshake> {
  const { environment } = query;
  const wsUrl = feedUrlFor(services.config.baseUrls[environment]);
  if (!wsUrl)
    throw new HttpError(400, 'no-feed', `The ${environment} base URL is not http:// or https://, so it has no feed.`);
  const { keyId, secret } = credentialsFor(services, environment, query.demoKey);
  const decoded = decodeSecret(secret);
  if (!decoded.ok)
    throw new HttpError(400, 'bad-secret', `The secret configured for ${environment} cannot be used: ${decoded.error}`);
  const timestamp = formatTimestamp(services.clock());
  const signature = await sign(
    nodeHmac,
    decoded.key,
    buildStringToSign({ timestamp, method: 'GET', url: wsUrl, body: null }),
  );
  return {
    wsUrl,
    headers: { [HEADER_KEY]: keyId, [HEADER_TIMESTAMP]: timestamp, [HEADER_SIGNATURE]: signature.value },
    keyId,
    label: `The ${environment} feed`,
  };
}

/**
 * The Partner API: x-api-key, x-timestamp (Unix seconds) and x-sign, RSA-SHA256 with the partner's
 * private key over `timestamp + the ws URL`, no body (core/schemes.ts PARTNER_SCHEME). The key is the
 * environment's partner key, or a demo partner's on the mock.
 */
async function partnerHandshake(services: Services, query: FeedQuery): Promise<Handshake> {
  const { environment } = query;
  const feed = present(query.feed, 'the Partner feed (the query schema requires one)');
  const name = feed === 'coreclient' ? 'core client' : 'liquidity hub';
  const wsUrl = partnerFeedUrlFor(services.config.partnerBaseUrls[environment], feed, query.clientId);
  if (!wsUrl)
    throw new HttpError(
      400,
      'no-feed',
      `The ${environment} Partner API base URL is not http:// or https://, so it has no feed.`,
    );
  const key = partnerKeyFor(services, environment, query.partnerKey);
  const freshness = { kind: 'timestamp' as const, value: formatTimestamp(services.clock(), 'seconds') };
  const payload = PARTNER_SCHEME.payload({ method: 'GET', url: wsUrl, body: null, freshness });
  const signature = await signPayload(key.signer, payload);
  return {
    wsUrl,
    headers: Object.fromEntries(PARTNER_SCHEME.signedHeaders(key.headerValue, freshness, signature.value)),
    keyId: key.keyId,
    label: `The ${environment} Partner API ${name} feed`,
  };
}

/**
 * GET /api/feed?environment=…[&demoKey=…]: the environment's transaction feed, relayed to the page.
 * A browser cannot set headers on a WebSocket handshake, so the server opens it: to the configured base
 * URL's feed (http → ws, https → wss; the page never names a URL), signed with the environment's key as
 * the mock's convention says (the three v1 headers over `timestamp + "GET" + the ws URL`, no body).
 * The answer is a stream of application/x-ndjson lines (FeedEvent in core/contract.ts): `open`, one
 * `message` per frame with its exact text, `error` when the handshake is refused or the socket fails,
 * then `closed`. Every line goes through the redactor. When the page stops reading (its fetch aborted),
 * the upstream socket is closed.
 */
export function createFeedHandler(services: Services): Handler {
  return async ({ req, res, url }) => {
    req.resume();
    const query = readQuery(url);
    const { environment } = query;
    const opened =
      query.scheme === 'partner' ? await partnerHandshake(services, query) : await v1Handshake(services, query);
    const { wsUrl, headers, keyId, label } = opened;
    if (environment === 'mock') await services.ensureMock();

    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.flushHeaders();

    let finished = false;
    let isOpen = false;
    const write = (event: FeedEvent) => {
      if (finished) return;
      if (!res.write(`${JSON.stringify(services.redactor.scrubValue(event))}\n`)) {
        upstream.pause();
        res.once('drain', () => upstream.resume());
      }
    };
    const finish = (event: FeedEvent) => {
      if (finished) return;
      write(event);
      finished = true;
      res.end();
    };
    const at = () => services.clock();

    const upstream = new WebSocket(wsUrl, {
      headers,
      handshakeTimeout: services.config.relay.connectTimeoutMs,
      maxPayload: MAX_FRAME_BYTES,
      followRedirects: false,
      perMessageDeflate: false,
    });

    // The page went away: close the upstream socket too.
    res.on('close', () => {
      if (!finished) {
        finished = true;
        upstream.terminate();
      }
    });

    upstream.on('open', () => {
      isOpen = true;
      write({
        type: 'open',
        at: at(),
        environment,
        url: wsUrl,
        keyId,
        ...(query.scheme === 'partner' ? { scheme: 'partner' as const } : {}),
      });
    });
    upstream.on('message', (data, isBinary) => {
      const raw = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      if (query.scheme === 'partner')
        write({ type: 'message', at: at(), raw, parsed: null, action: isBinary ? null : parsePartnerFeedFrame(raw) });
      else write({ type: 'message', at: at(), raw, parsed: isBinary ? null : parseFeedFrame(raw) });
    });
    upstream.on('unexpected-response', (_request, answer) => {
      void readCapped(answer).then((text) => {
        const status = answer.statusCode ?? 0;
        const reason = reasonOf(text);
        const redirect = status >= 300 && status < 400;
        write({
          type: 'error',
          at: at(),
          code: 'upstream-refused',
          status,
          ...(reason ? { reason } : {}),
          message: redirect
            ? `${label} answered the handshake with a redirect (${status}), which the playground does not follow.`
            : `${label} refused the handshake: ${status} ${answer.statusMessage ?? ''}`.trimEnd() +
              (reason ? `: ${reason}` : ''),
        });
        finish({ type: 'closed', at: at(), message: 'The feed was not opened.' });
        upstream.terminate();
      });
    });
    upstream.on('error', (error: Error & { code?: string }) => {
      if (finished) return;
      const timeout = /handshake has timed out/i.test(error.message);
      write({
        type: 'error',
        at: at(),
        code: isOpen ? 'upstream-error' : timeout ? 'upstream-timeout' : 'upstream-unreachable',
        message: isOpen
          ? `${label} failed: ${error.message}`
          : timeout
            ? `${label} did not complete its handshake within ${services.config.relay.connectTimeoutMs} ms.`
            : `${label} could not be reached: ${error.code ?? error.message}`,
      });
    });
    upstream.on('close', (code, reason) => {
      const why = reason.toString('utf8');
      finish({
        type: 'closed',
        at: at(),
        ...(isOpen ? { code } : {}),
        message: isOpen
          ? `${label} closed the connection (${code}${why ? `: ${why}` : ''}).`
          : 'The feed was not opened.',
      });
    });
  };
}
