/** Test support: the /api router on a real http.Server at port 0, with real SQLite in a temp dir. */
import { mkdtempSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './cli.ts';
import { loadConfig, type PlaygroundConfig } from './config/config.ts';
import { createRouter } from './router.ts';
import { startMockServer, type MockServer } from './mock/server.ts';
import { createServices, type Services } from './services.ts';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestPlayground {
  port: number;
  mock: MockServer;
  origin: string;
  services: Services;
  logs: string[];
  /** Every /api answer's text, for leak scans. */
  answers: string[];
  call(
    method: string,
    path: string,
    opts?: { body?: unknown; raw?: Buffer | string; headers?: Record<string, string>; token?: boolean },
  ): Promise<Answer>;
  /** A GET whose answer is read as it streams, line by line (application/x-ndjson), until closed or aborted. */
  stream(path: string, opts?: { headers?: Record<string, string>; token?: boolean }): Promise<StreamedAnswer>;
  close(): Promise<void>;
}

export interface StreamedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every line received so far, parsed as JSON. */
  lines: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The next line not yet taken, waiting for it if need be; rejects if the answer ends first. */
  next(): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves with the whole text when the server ends the answer. */
  ended: Promise<string>;
  /** Stops reading and closes the connection, as an aborted fetch does. */
  abort(): void;
}

export function tempDir(prefix = 'playground-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestPlayground(
  opts: {
    env?: Record<string, string | undefined>;
    config?: (c: PlaygroundConfig) => PlaygroundConfig;
    dataDir?: string;
    clock?: () => number;
    /** The embedded mock's clock (its timestamp window and its transactions' timeline); default the real one. */
    mockNow?: () => number;
  } = {},
): Promise<TestPlayground> {
  const env = { ...opts.env, PLAYGROUND_DATA_DIR: opts.dataDir ?? tempDir() };
  const mock: MockServer = await startMockServer({ port: 0, ...(opts.mockNow ? { now: opts.mockNow } : {}) });
  let config = loadConfig(env);
  config = {
    ...config,
    baseUrls: { ...config.baseUrls, mock: mock.baseUrl },
    partnerBaseUrls: { ...config.partnerBaseUrls, mock: mock.baseUrl.replace(/\/qapi\/v1$/, '/api/v1/p') },
  };
  if (opts.config) config = opts.config(config);
  const logs: string[] = [];
  const answers: string[] = [];
  const services = createServices(config, {
    env,
    log: (l) => logs.push(l),
    startMock: false,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const router = createRouter(services);
  const server: Server = createServer((req, res) => {
    router(req, res, () => {
      res.statusCode = 404;
      res.end('not the api');
    });
  });
  // Longer than any pause between a test's calls: a pooled client socket is never closed under a request
  // by the server's idle timeout (the keep-alive race that shows as a random ECONNRESET under load).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closed = false;

  const call: TestPlayground['call'] = (method, path, o = {}) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...o.headers };
      let payload: Buffer | undefined;
      if (o.raw !== undefined) payload = Buffer.from(o.raw);
      else if (o.body !== undefined) payload = Buffer.from(JSON.stringify(o.body));
      if (payload) {
        headers['content-type'] ??= 'application/json';
        headers['content-length'] ??= String(payload.length);
      }
      if (o.token !== false) headers.authorization ??= `Bearer ${services.launchToken().current()}`;
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
      const setHost = headers.host !== undefined;
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, setHost }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          answers.push(text);
          let json: unknown = undefined;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });

  const stream: TestPlayground['stream'] = (path, o = {}) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...o.headers };
      if (o.token !== false) headers.authorization ??= `Bearer ${services.launchToken().current()}`;
      const req = httpRequest({ host: '127.0.0.1', port, method: 'GET', path, headers, setHost: false }, (res) => {
        const lines: unknown[] = [];
        const waiting: Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
        let taken = 0;
        let text = '';
        let pending = '';
        let done = false;
        let endText: (t: string) => void = () => undefined;
        const ended = new Promise<string>((r) => (endText = r));
        const end = () => {
          if (done) return;
          done = true;
          answers.push(text);
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

  return {
    port,
    mock,
    origin,
    services,
    logs,
    answers,
    call,
    stream,
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      await mock.close();
    },
  };
}

/** An in-memory CliIo for tests: captured output, files from a map, a fixed clock by default. */
export function memoryIo(
  env: Record<string, string> = {},
  files: Record<string, Buffer> = {},
  now: () => number = () => 1_700_000_000_123,
) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    env,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => {
      const f = files[p];
      if (!f) throw new Error(`ENOENT: ${p}`);
      return f;
    },
    now,
  };
  return { value, out, err };
}
