/**
 * The one HTTP client of the tests, raw enough for perimeter tests: the request target, the Host
 * header and every other header go out exactly as written (names keep their case, `setHost: false`),
 * the body is the exact bytes given, and a call that takes longer than its timeout fails with a
 * message saying it hung (instead of the test timing out without saying which call).
 *
 *   rawRequest   one request with nothing added but Host and Content-Length (both overridable)
 *   createClient a client for the playground's /api: JSON bodies, the launch token, keep-alive
 *   rawExchange  bytes written on a fresh socket, for what node:http refuses to send (two Host
 *                headers, absolute-form targets, an empty header, a WebSocket upgrade)
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';

/** Long enough for any single call of a test, short enough to report a hang before the test's own timeout. */
export const HANG_MS = 15_000;

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names and values as received, in order. */
  rawHeaders: string[];
  body: Buffer;
  /** The body decoded as UTF-8. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read answers field by field
  /** Milliseconds from the request to the end of the answer: for printed figures only, never asserted. */
  ms: number;
}

export interface RawRequest {
  /** The address to connect to; default 127.0.0.1. */
  address?: string;
  port: number;
  method: string;
  /** Request target (path and query) as written on the request line. */
  target: string;
  /** Host header value; default ADDRESS:PORT; null sends none. */
  host?: string | null;
  /** Sent as written; an undefined value leaves out a header the client would add (Host, Content-Length). */
  headers?: Record<string, string | undefined>;
  /** The exact body bytes; Content-Length is added unless `headers` names it. */
  body?: Uint8Array | string | null;
  /** Keep-alive agent; default a fresh connection per request. */
  agent?: Agent;
  /** A call that has not answered after this many milliseconds fails as a hang (default HANG_MS). */
  timeoutMs?: number;
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: the test reads `text`
  }
}

/** One request, sent exactly as described. */
export function rawRequest(r: RawRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined || r.body === null ? null : Buffer.from(r.body);
    const given = r.headers ?? {};
    const headers: Record<string, string> = {};
    const address = r.address ?? '127.0.0.1';
    if (r.host !== null && !hasHeader(given, 'host')) headers.host = r.host ?? `${address}:${r.port}`;
    if (body && !hasHeader(given, 'content-length')) headers['content-length'] = String(body.length);
    for (const [k, v] of Object.entries(given)) if (v !== undefined) headers[k] = v;
    const started = performance.now();
    const limit = r.timeoutMs ?? HANG_MS;
    const req = request(
      {
        host: address,
        port: r.port,
        method: r.method,
        path: r.target,
        setHost: false,
        headers,
        agent: r.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          const all = Buffer.concat(chunks);
          const text = all.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: all,
            text,
            json: parseJson(text),
            ms: performance.now() - started,
          });
        });
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`${r.method} ${r.target} did not answer within ${limit} ms (a hang)`)),
      limit,
    );
    function fail(e: Error): void {
      clearTimeout(timer);
      reject(e);
    }
    req.on('error', fail);
    // A handshake the server upgraded: its 101, then the socket is closed.
    req.on('upgrade', (res, socket) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        rawHeaders: res.rawHeaders,
        body: Buffer.alloc(0),
        text: '',
        json: undefined,
        ms: performance.now() - started,
      });
    });
    req.end(body ?? undefined);
  });
}

export interface CallOptions {
  /** JSON-encoded, with Content-Type application/json unless `headers` says otherwise. */
  body?: unknown;
  /** Exact body bytes instead of `body` (Content-Type application/json unless `headers` says otherwise). */
  raw?: Buffer | string;
  /** Added to (or replacing) the defaults; an empty or undefined value leaves that header out. */
  headers?: Record<string, string | undefined>;
  /** Sends `Authorization: Bearer <token>` (default true, when the client has a token). */
  token?: boolean;
  timeoutMs?: number;
}

export interface StreamedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every line received so far, parsed as JSON where it is JSON. */
  lines: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read lines field by field
  /** The next line not yet taken, waiting for it if need be; rejects if the answer ends first. */
  next(): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves with the whole text when the server ends the answer. */
  ended: Promise<string>;
  /** Stops reading and closes the connection, as an aborted fetch does. */
  abort(): void;
}

export interface Client {
  port: number;
  call(method: string, path: string, opts?: CallOptions): Promise<Answer>;
  /** A GET whose answer is read as it streams, line by line (application/x-ndjson), until closed or aborted. */
  stream(path: string, opts?: Pick<CallOptions, 'headers' | 'token'>): Promise<StreamedAnswer>;
  /** Closes the client's idle keep-alive sockets. */
  close(): void;
}

export interface ClientOptions {
  /** The address the playground listens on; default 127.0.0.1. */
  address?: string;
  /** The launch token, or a function giving the one in force at each call. */
  token?: string | (() => string);
  /** Concurrent sockets of the keep-alive agent (default unlimited). */
  maxSockets?: number;
  /** Sees every answer (for leak scans of everything a test was told). */
  onAnswer?: (answer: Answer) => void;
}

/** A keep-alive client for a playground's /api on ADDRESS:PORT (default 127.0.0.1). */
export function createClient(port: number, opts: ClientOptions = {}): Client {
  const agent = new Agent({
    keepAlive: true,
    ...(opts.maxSockets ? { maxSockets: opts.maxSockets, maxFreeSockets: opts.maxSockets } : {}),
  });
  const tokenNow = (): string => (typeof opts.token === 'function' ? opts.token() : (opts.token ?? ''));
  return {
    port,
    async call(method, path, o = {}) {
      const address = opts.address ?? '127.0.0.1';
      const headers: Record<string, string | undefined> = { host: `${address}:${port}` };
      let payload: Buffer | undefined;
      if (o.raw !== undefined) payload = Buffer.from(o.raw);
      else if (o.body !== undefined) payload = Buffer.from(JSON.stringify(o.body));
      if (payload !== undefined) headers['content-type'] = 'application/json';
      const token = o.token === false ? '' : tokenNow();
      if (token) headers.authorization = `Bearer ${token}`;
      // The caller's headers replace the defaults whatever the case of their names.
      for (const [k, v] of Object.entries(o.headers ?? {})) {
        for (const d of Object.keys(headers)) if (d === k.toLowerCase()) delete headers[d];
        headers[k] = v;
      }
      for (const [k, v] of Object.entries(headers)) if (v === '' || v === undefined) delete headers[k];
      const answer = await rawRequest({
        address,
        port,
        method,
        target: path,
        host: null, // Host is in `headers`, unless the caller left it out
        headers,
        body: payload ?? null,
        agent,
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      });
      opts.onAnswer?.(answer);
      return answer;
    },
    stream(path, o = {}) {
      const address = opts.address ?? '127.0.0.1';
      return new Promise((resolve, reject) => {
        const headers: Record<string, string> = { host: `${address}:${port}` };
        const token = o.token === false ? '' : tokenNow();
        if (token) headers.authorization = `Bearer ${token}`;
        for (const [k, v] of Object.entries(o.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
        const req = request({ host: address, port, method: 'GET', path, headers, setHost: false }, (res) => {
          const lines: unknown[] = [];
          const waiting: Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
          let taken = 0;
          let text = '';
          let pending = '';
          let done = false;
          let endText: (t: string) => void = () => undefined;
          const ended = new Promise<string>((r) => (endText = r));
          const end = (): void => {
            if (done) return;
            done = true;
            opts.onAnswer?.({
              status: res.statusCode ?? 0,
              headers: res.headers,
              rawHeaders: res.rawHeaders,
              body: Buffer.from(text),
              text,
              json: undefined,
              ms: 0,
            });
            endText(text);
            for (const w of waiting.splice(0)) w.reject(new Error(`the answer ended after ${lines.length} lines`));
          };
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            pending += chunk;
            let nl: number;
            while ((nl = pending.indexOf('\n')) >= 0) {
              const line = pending.slice(0, nl);
              pending = pending.slice(nl + 1);
              if (line === '') continue;
              let value: unknown = line;
              try {
                value = JSON.parse(line);
              } catch {
                // kept as text
              }
              lines.push(value);
              waiting.shift()?.resolve(value);
            }
          });
          res.on('end', end);
          res.on('close', end);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            lines,
            next: () => {
              const index = taken++;
              if (index < lines.length) return Promise.resolve(lines[index]);
              if (done) return Promise.reject(new Error(`the answer ended after ${lines.length} lines`));
              return new Promise((ok, fail) => waiting.push({ resolve: ok, reject: fail }));
            },
            ended,
            abort: () => req.destroy(),
          });
        });
        req.on('error', (e) => {
          if (!req.destroyed || (e as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(e);
        });
        req.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}

export interface RawExchange {
  /** The status of the answer's first line; 0 when the server closed without answering. */
  status: number;
  /** The answer's head (status line and headers) as text. */
  head: string;
  /** The body after the head, as text. */
  text: string;
  /** Everything received, as text. */
  all: string;
}

/**
 * Writes `bytes` on a fresh connection to 127.0.0.1:PORT and reads one answer: it ends when the body
 * announced by Content-Length (or the last chunk) has arrived, at a 101 Switching Protocols, or when
 * the server closes. An exchange that does none of these within the timeout fails as a hang.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  opts: { timeoutMs?: number } = {},
): Promise<RawExchange> {
  const limit = opts.timeoutMs ?? HANG_MS;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const result = (): RawExchange => {
      const all = Buffer.concat(chunks).toString('utf8');
      const end = all.indexOf('\r\n\r\n');
      const head = end >= 0 ? all.slice(0, end) : all;
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(all);
      return { status: m ? Number(m[1]) : 0, head, text: end >= 0 ? all.slice(end + 4) : '', all };
    };
    socket.setTimeout(limit, () =>
      socket.destroy(new Error(`the raw exchange did not end within ${limit} ms (a hang)`)),
    );
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const all = Buffer.concat(chunks).toString('latin1');
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = all.slice(0, end);
      const body = all.slice(end + 4);
      const length = /^content-length:\s*(\d+)\s*$/im.exec(head);
      const done =
        /^HTTP\/1\.[01] 101/.test(head) ||
        (length !== null && body.length >= Number(length[1])) ||
        (/^transfer-encoding:\s*chunked\s*$/im.test(head) && body.endsWith('0\r\n\r\n'));
      if (done) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      if (!hadError) resolve(result());
    });
  });
}
