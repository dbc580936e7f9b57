/**
 * The backend without Vite, in the test's own process: the /api router (as the Vite plugin mounts it)
 * on a real http.Server at port 0, the embedded mock on its own free port as the mock environment,
 * real SQLite in a temp data folder, and a client (http-client.ts) that carries the launch token.
 * For a backend in a child process a test can kill, see standalone.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type PlaygroundConfig } from '../server/config/config.ts';
import { startMockServer, type MockServer } from '../server/mock/server.ts';
import { createRouter } from '../server/router.ts';
import { createServices, type Services } from '../server/services.ts';
import { tempDir } from './temp-dirs.ts';
import { createClient, type Answer, type CallOptions, type Client } from './http-client.ts';

export type { StreamedAnswer } from './http-client.ts';

export interface TestPlayground {
  port: number;
  mock: MockServer;
  origin: string;
  services: Services;
  logs: string[];
  /** Every /api answer's text, for leak scans. */
  answers: string[];
  /** One /api call with the launch token in force (see CallOptions). */
  call(method: string, path: string, opts?: CallOptions): Promise<Answer>;
  /** A GET read as it streams, line by line (see Client.stream). */
  stream: Client['stream'];
  close(): Promise<void>;
}

export async function startTestPlayground(
  opts: {
    env?: Record<string, string | undefined>;
    config?: (c: PlaygroundConfig) => PlaygroundConfig;
    dataDir?: string;
    clock?: () => number;
    /** The embedded mock's clock (its timestamp window and its transactions' timeline); default the real one. */
    mockNow?: () => number;
    /** The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
    listenOn?: string;
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
  const listenOn = opts.listenOn ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, listenOn, resolve));
  const port = (server.address() as AddressInfo).port;
  const address = listenOn === '0.0.0.0' ? '127.0.0.1' : listenOn;
  const origin = `http://${address}:${port}`;
  let closed = false;

  const client = createClient(port, {
    address,
    token: () => services.launchToken().current(),
    onAnswer: (a) => answers.push(a.text),
  });
  const call: TestPlayground['call'] = (method, path, o) => client.call(method, path, o);

  return {
    port,
    mock,
    origin,
    services,
    logs,
    answers,
    call,
    stream: (path, o) => client.stream(path, o),
    async close() {
      if (closed) return;
      closed = true;
      client.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      await mock.close();
    },
  };
}
