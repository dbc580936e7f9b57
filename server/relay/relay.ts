/**
 * The relay: writes a signed request to the upstream byte for byte and reports what came back.
 *
 * It talks to node:http / node:https directly, because fetch normalises URLs and adds headers of its
 * own. The request line carries the path and query exactly as they appear in the signed URL, the
 * method keeps its case, the body is written as the given bytes, and the only headers added to the
 * caller's are `host`, `content-length` (when there is a body) and `connection`.
 *
 * Upstream trouble (refused, unresolvable, slow, reset, redirecting) never throws: `send` always
 * resolves an outcome with a stable error code and a sentence a person can read. Only a request the
 * relay cannot put on the wire at all (not http/https, characters that cannot appear in a request
 * line or header) is rejected with a TypeError: that is a bug in the caller, not an upstream event.
 */
import { group, itemAt } from '../../core/checked.ts';
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { RelayErrorCode, RelayPhases, RelayResponse } from '../../core/contract.ts';
import { RELAY_WRITTEN_HEADERS } from '../../core/headers.ts';

export interface RelayRequest {
  /** The full URL exactly as signed, e.g. http://127.0.0.1:8002/qapi/v1/funds?archived=true */
  url: string;
  /** As given; never upper-cased. */
  method: string;
  /** The signed headers, accept, and content-type when there is a body. */
  headers: Array<[string, string]>;
  /** The exact body bytes, or null for no body. */
  body: Uint8Array | null;
  /**
   * Optional: aborting it ends the exchange with the error code `aborted`, or `cancelled` when the
   * reason is CANCELLED_BY_USER (the person pressed Cancel).
   */
  signal?: AbortSignal;
  /** Optional: receives, at the start, a function that tells how far the exchange has got. */
  progress?: (read: () => RelayProgress) => void;
}

/** The abort reason of a send the person cancelled. */
export const CANCELLED_BY_USER = 'cancelled-by-user';

/** How far an exchange has got: bytes of the request written, of the response read. */
export interface RelayProgress {
  stage: 'connecting' | 'sending' | 'waiting' | 'receiving' | 'done';
  /** Request bytes handed to the socket (headers included) and the body size they carry. */
  sent: number;
  bodyBytes: number;
  /** Response body bytes read, and the size the upstream announced (content-length), when it did. */
  received: number;
  expected: number | null;
}

export interface RelayLimits {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxResponseBytes: number;
}

export interface RelayOutcome {
  /** Every header written to the socket, in order, host, content-length and connection included. */
  requestHeaders: Record<string, string>;
  response: RelayResponse | null;
  error: { code: RelayErrorCode; message: string } | null;
  timings: { ttfbMs: number | null; totalMs: number; phases: RelayPhases };
  /** Hex SHA-256 of the bytes actually written as the body (of nothing when there is no body). */
  sentBodySha256: string;
}

/**
 * Options for the keep-alive agents (one for http, one for https). They also reach net.connect /
 * tls.connect, so a test can pass `lookup` and a deployment can pass `ca`.
 */
export type RelayAgentOptions = https.AgentOptions;

export interface Relay {
  send(req: RelayRequest, limits: RelayLimits): Promise<RelayOutcome>;
  /** Destroys every pooled socket. In-flight exchanges end with an error outcome. */
  close(): void;
}

/** The headers the relay owns; a caller-supplied header of one of these names is replaced. */
const RELAY_OWNED = new Set(RELAY_WRITTEN_HEADERS);
/** RFC 9110 token, the only shape a method or header name may have. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII only: anything else in a request target would be re-encoded or refused by Node. */
const REQUEST_TARGET = /^[\x21-\x7e]+$/;
/** Header values: tab, space and visible ASCII (Node would write anything above as latin1). */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const EMPTY_SHA256 = createHash('sha256').digest('hex');
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface Target {
  protocol: 'http:' | 'https:';
  /** Exactly the authority of the URL, used as the host header. */
  authority: string;
  /** Host name for the socket (IPv6 without brackets). */
  hostname: string;
  port: number;
  /** Everything after the authority, exactly as given. */
  path: string;
}

/** Splits the URL by hand: the request target is the exact substring after the authority. */
export function parseTarget(url: string): Target {
  const m = /^(https?):\/\/([^/?#]+)(.*)$/is.exec(url);
  if (!m) throw new TypeError(`The URL ${JSON.stringify(url)} is not an absolute http or https URL.`);
  const protocol = group(m, 1).toLowerCase() === 'https' ? 'https:' : 'http:';
  const authority = group(m, 2);
  const rest = group(m, 3);
  if (authority.includes('@')) throw new TypeError('The URL carries user information; the relay never sends it.');
  const hp = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!hp) throw new TypeError(`The URL authority ${JSON.stringify(authority)} is not a host and optional port.`);
  const host = group(hp, 1);
  const hostname = host.startsWith('[') ? host.slice(1, -1) : host;
  const port = hp[2] !== undefined ? Number(hp[2]) : protocol === 'https:' ? 443 : 80;
  if (port < 1 || port > 65535) throw new TypeError(`The URL port ${hp[2]} is out of range.`);
  if (rest.includes('#')) throw new TypeError('The URL contains a #fragment, which is never sent.');
  // An HTTP/1.1 request target for an origin server is never empty.
  const path = rest === '' ? '/' : rest;
  if (!path.startsWith('/') && !path.startsWith('?')) throw new TypeError('The URL path is malformed.');
  if (!REQUEST_TARGET.test(path)) {
    throw new TypeError(
      'The URL path contains spaces, control or non-ASCII characters; percent-encode them before signing.',
    );
  }
  return { protocol, authority, hostname, port, path: path.startsWith('?') ? `/${path}` : path };
}

function describeAddress(t: Target): string {
  return t.authority;
}

/** Turns a socket-level error into a stable code and a plain sentence. */
function classifyError(
  err: NodeJS.ErrnoException,
  t: Target,
  gotResponse: boolean,
): { code: RelayErrorCode; message: string } {
  const where = describeAddress(t);
  switch (err.code) {
    case 'ECONNREFUSED':
      return { code: 'upstream-unreachable', message: `Nothing is listening at ${where} (connection refused).` };
    case 'ENOTFOUND':
      return { code: 'dns-failure', message: `The host name ${t.hostname} could not be resolved (it does not exist).` };
    case 'EAI_AGAIN':
      return {
        code: 'dns-failure',
        message: `The host name ${t.hostname} could not be resolved right now (DNS did not answer).`,
      };
    case 'ECONNRESET':
    case 'EPIPE':
      return gotResponse
        ? {
            code: 'connection-reset',
            message: `The upstream at ${where} closed the connection before the response was complete (connection reset).`,
          }
        : {
            code: 'connection-reset',
            message: `The upstream at ${where} closed the connection before answering (connection reset).`,
          };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code: 'upstream-unreachable', message: `There is no network route to ${where} (${err.code}).` };
    case 'ETIMEDOUT':
      return {
        code: 'connect-timeout',
        message: `The connection to ${where} timed out at the operating-system level.`,
      };
    default:
      if (
        typeof err.code === 'string' &&
        (err.code.startsWith('ERR_TLS') || err.code.includes('CERT') || err.code.startsWith('ERR_SSL'))
      ) {
        return { code: 'upstream-unreachable', message: `The TLS handshake with ${where} failed: ${err.message}.` };
      }
      if (err.code === 'HPE_INVALID_CONSTANT' || (typeof err.code === 'string' && err.code.startsWith('HPE_'))) {
        return {
          code: 'connection-reset',
          message: `The upstream at ${where} sent something that is not valid HTTP/1.1 (${err.message}).`,
        };
      }
      return {
        code: 'upstream-unreachable',
        message: `The exchange with ${where} failed: ${err.message}${err.code ? ` (${err.code})` : ''}.`,
      };
  }
}

/** Lower-cased header names; repeated headers joined by ", " (set-cookie by newline), from the raw lines. */
function collectHeaders(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = itemAt(raw, i).toLowerCase();
    const value = itemAt(raw, i + 1);
    // Own properties only: a header named "constructor" or "__proto__" is a header like any other.
    const prev = Object.hasOwn(out, name) ? out[name] : undefined;
    const joined = prev === undefined ? value : `${prev}${name === 'set-cookie' ? '\n' : ', '}${value}`;
    Object.defineProperty(out, name, { value: joined, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function decodeBody(bytes: Buffer): { body: string; bodyEncoding: 'utf8' | 'base64' } {
  try {
    return { body: utf8.decode(bytes), bodyEncoding: 'utf8' };
  } catch {
    return { body: bytes.toString('base64'), bodyEncoding: 'base64' };
  }
}

export function createRelay(
  opts: {
    agentOptions?: RelayAgentOptions;
    /** Off only to measure what recording the phases costs (bench row relay-phases). */
    recordPhases?: boolean;
  } = {},
): Relay {
  const recordPhases = opts.recordPhases ?? true;
  const agentOptions: https.AgentOptions = {
    keepAlive: true,
    maxFreeSockets: 256,
    scheduling: 'lifo',
    ...opts.agentOptions,
  };
  let httpAgent: http.Agent | null = null;
  let httpsAgent: https.Agent | null = null;
  const agentFor = (protocol: Target['protocol']): http.Agent =>
    protocol === 'https:'
      ? (httpsAgent ??= new https.Agent(agentOptions))
      : (httpAgent ??= new http.Agent(agentOptions));

  async function send(req: RelayRequest, limits: RelayLimits): Promise<RelayOutcome> {
    const started = performance.now();
    // Everything that could make Node throw is checked here, before any socket is opened.
    const target = parseTarget(req.url);
    if (!TOKEN.test(req.method)) throw new TypeError(`The method ${JSON.stringify(req.method)} is not an HTTP token.`);

    // ---- the header block, in the order it goes on the wire ----
    const lines: Array<[string, string]> = [['host', target.authority]];
    for (const [name, value] of req.headers) {
      if (!TOKEN.test(name)) throw new TypeError(`The header name ${JSON.stringify(name)} is not an HTTP token.`);
      if (!HEADER_VALUE.test(value))
        throw new TypeError(`The value of header ${name} contains characters that cannot be sent as-is.`);
      if (RELAY_OWNED.has(name.toLowerCase())) continue;
      lines.push([name, value]);
    }
    const bodyBuf = req.body === null ? null : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
    if (bodyBuf !== null) lines.push(['content-length', String(bodyBuf.byteLength)]);
    lines.push(['connection', 'keep-alive']);
    const sentBodySha256 =
      bodyBuf === null || bodyBuf.byteLength === 0 ? EMPTY_SHA256 : createHash('sha256').update(bodyBuf).digest('hex');

    // setHeader keeps one entry per name, so repeated names are grouped (Node writes one line per value).
    const grouped = new Map<string, { name: string; values: string[] }>();
    const requestHeaders: Record<string, string> = {};
    for (const [name, value] of lines) {
      const key = name.toLowerCase();
      const g = grouped.get(key);
      if (g) g.values.push(value);
      else grouped.set(key, { name, values: [value] });
      const prev = requestHeaders[key];
      requestHeaders[key] = prev === undefined ? value : `${prev}, ${value}`;
    }

    return new Promise<RelayOutcome>((resolve) => {
      let settled = false;
      let ttfbMs: number | null = null;
      let res: http.IncomingMessage | null = null;
      const chunks: Buffer[] = [];
      let kept = 0;
      let capped = false;
      let connectTimer: NodeJS.Timeout | null = null;
      let socketRef: Socket | null = null;
      // Where the time went, from the socket's own events; offsets in ms from `started`.
      const at = (): number => performance.now() - started;
      const phases: RelayPhases = {
        socket: null,
        dns: null,
        connect: null,
        tls: null,
        requestSent: null,
        firstByte: null,
        complete: null,
        reused: false,
        bytesWritten: 0,
        bytesRead: 0,
      };
      let bytesAtStart = { written: 0, read: 0 };
      let redirectError: { code: RelayErrorCode; message: string } | null = null;

      const buildResponse = (incomplete: boolean): RelayResponse | null => {
        if (!res) return null;
        const bytes = chunks.length === 1 ? itemAt(chunks, 0) : Buffer.concat(chunks, kept);
        const status = res.statusCode ?? 0;
        return {
          status,
          statusText: res.statusMessage || http.STATUS_CODES[status] || '',
          headers: collectHeaders(res.rawHeaders),
          ...decodeBody(bytes),
          size: kept,
          truncated: capped || incomplete,
        };
      };

      const finish = (error: { code: RelayErrorCode; message: string } | null, incomplete: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        if (connectTimer) clearTimeout(connectTimer);
        if (socketRef) socketRef.removeListener('connect', onConnect);
        if (socketRef && recordPhases) {
          socketRef.removeListener('lookup', onLookup);
          socketRef.removeListener('connect', onTcp);
          socketRef.removeListener('secureConnect', onTls);
          phases.bytesWritten = socketRef.bytesWritten - bytesAtStart.written;
          phases.bytesRead = socketRef.bytesRead - bytesAtStart.read;
        }
        req.signal?.removeEventListener('abort', onAbort);
        const totalMs = at();
        if (recordPhases && (!error || res)) phases.complete = totalMs;
        resolve({
          requestHeaders,
          response: buildResponse(incomplete),
          error,
          timings: { ttfbMs, totalMs, phases },
          sentBodySha256,
        });
      };

      /** Ends the exchange early: the socket is destroyed, never returned to the pool half-read. */
      const abandon = (error: { code: RelayErrorCode; message: string } | null, incomplete: boolean): void => {
        if (settled) return;
        finish(error, incomplete);
        if (res) res.destroy();
        request.destroy();
      };

      const onConnect = (): void => {
        if (connectTimer) clearTimeout(connectTimer);
        connectTimer = null;
      };
      const onLookup = (): void => void (phases.dns = at());
      const onTcp = (): void => void (phases.connect = at());
      const onTls = (): void => void (phases.tls = at());
      const onAbort = (): void => {
        const byUser = req.signal?.reason === CANCELLED_BY_USER;
        const expected = Number(res?.headers['content-length']);
        const sofar = res
          ? ` after ${kept} of ${Number.isFinite(expected) ? expected : 'an unknown number of'} response bytes had arrived`
          : ' before the upstream answered';
        abandon(
          byUser
            ? { code: 'cancelled', message: `Cancelled by you${sofar}.` }
            : { code: 'aborted', message: `The exchange was stopped${sofar}.` },
          true,
        );
      };

      const totalTimer = setTimeout(() => {
        const what = res
          ? 'the response headers arrived but the body did not finish'
          : socketRef && !socketRef.connecting
            ? 'no response headers arrived'
            : 'the connection was not even established';
        abandon(
          {
            code: 'timeout',
            message: `The upstream at ${target.authority} did not finish answering within ${limits.totalTimeoutMs} ms (${what}).`,
          },
          true,
        );
      }, limits.totalTimeoutMs);

      const request = (target.protocol === 'https:' ? https : http).request({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: req.method,
        agent: agentFor(target.protocol),
        setHost: false,
      });
      // Node upper-cases the method in the constructor; the request line is rendered only when the
      // headers are first flushed, so restoring the caller's spelling here is what goes on the wire.
      request.method = req.method;
      // We always give content-length when there is a body, so Node never needs chunked encoding,
      // and with no body it must not invent a "content-length: 0" either.
      request.useChunkedEncodingByDefault = false;
      for (const { name, values } of grouped.values())
        request.setHeader(name, values.length === 1 ? itemAt(values, 0) : values);

      request.on('socket', (socket: Socket) => {
        socketRef = socket;
        bytesAtStart = { written: socket.bytesWritten, read: socket.bytesRead };
        if (recordPhases) {
          phases.socket = at();
          phases.reused = !socket.connecting;
        }
        if (settled) return;
        if (socket.connecting) {
          if (recordPhases) {
            socket.once('lookup', onLookup);
            socket.once('connect', onTcp);
            if (target.protocol === 'https:') socket.once('secureConnect', onTls);
          }
          connectTimer = setTimeout(() => {
            abandon(
              {
                code: 'connect-timeout',
                message: `Could not connect to ${target.authority} within ${limits.connectTimeoutMs} ms.`,
              },
              false,
            );
          }, limits.connectTimeoutMs);
          socket.once('connect', onConnect);
        }
      });

      // Every byte of the request handed to the operating system.
      if (recordPhases) request.on('finish', () => void (phases.requestSent = at()));

      request.on('response', (incoming: http.IncomingMessage) => {
        res = incoming;
        ttfbMs = at();
        if (recordPhases) phases.firstByte = ttfbMs;
        onConnect();
        const status = incoming.statusCode ?? 0;
        const location = incoming.headers.location;
        if (REDIRECT_STATUSES.has(status) || (status >= 300 && status < 400 && location !== undefined)) {
          redirectError = {
            code: 'redirect-refused',
            message:
              location !== undefined
                ? `The upstream answered ${status} with Location ${location}; redirects are never followed.`
                : `The upstream answered ${status} (a redirect without a Location header); redirects are never followed.`,
          };
        }
        incoming.on('data', (chunk: Buffer) => {
          if (settled) return;
          const room = limits.maxResponseBytes - kept;
          if (chunk.byteLength <= room) {
            chunks.push(chunk);
            kept += chunk.byteLength;
            return;
          }
          if (room > 0) {
            chunks.push(chunk.subarray(0, room));
            kept += room;
          }
          capped = true;
          abandon(redirectError, true);
        });
        incoming.on('end', () => finish(redirectError, false));
        incoming.on('error', () => {
          /* reported by 'close' below */
        });
        incoming.on('close', () => {
          if (settled) return;
          // Closed before 'end': the upstream dropped the connection mid-body.
          finish(
            redirectError ?? {
              code: 'connection-reset',
              message: `The upstream at ${target.authority} closed the connection before the response body was complete (connection reset).`,
            },
            true,
          );
        });
      });

      request.on('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        abandon(classifyError(err, target, res !== null), true);
      });
      request.on('close', () => {
        if (settled || res) return;
        abandon(
          {
            code: 'connection-reset',
            message: `The upstream at ${target.authority} closed the connection before answering (connection reset).`,
          },
          false,
        );
      });

      req.progress?.(() => {
        const written = socketRef ? Math.max(0, socketRef.bytesWritten - bytesAtStart.written) : 0;
        const length = Number(res?.headers['content-length']);
        return {
          stage: settled
            ? 'done'
            : res
              ? 'receiving'
              : phases.requestSent !== null
                ? 'waiting'
                : socketRef && !socketRef.connecting
                  ? 'sending'
                  : 'connecting',
          sent: written,
          bodyBytes: bodyBuf?.byteLength ?? 0,
          received: kept,
          expected: Number.isFinite(length) ? length : null,
        };
      });

      if (req.signal) {
        if (req.signal.aborted) {
          onAbort();
          return;
        }
        req.signal.addEventListener('abort', onAbort, { once: true });
      }

      if (bodyBuf !== null && bodyBuf.byteLength > 0) request.end(bodyBuf);
      else request.end();
    });
  }

  return {
    send,
    close(): void {
      httpAgent?.destroy();
      httpsAgent?.destroy();
      httpAgent = null;
      httpsAgent = null;
    },
  };
}
