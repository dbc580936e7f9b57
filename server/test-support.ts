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
  close(): Promise<void>;
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
  } = {},
): Promise<TestPlayground> {
  const env = { ...opts.env, PLAYGROUND_DATA_DIR: opts.dataDir ?? tempDir() };
  const mock: MockServer = await startMockServer({ port: 0 });
  let config = loadConfig(env);
  config = { ...config, baseUrls: { ...config.baseUrls, mock: mock.baseUrl } };
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

  return {
    port,
    mock,
    origin,
    services,
    logs,
    answers,
    call,
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
