/**
 * The playground backend without Vite: loadConfig + createServices + createRouter on a plain
 * http.Server. Started by standalone.ts as a child process that a test can kill -9 and measure.
 *
 *   PORT=0 PLAYGROUND_DATA_DIR=/tmp/x node --import tsx test-support/standalone-main.ts
 *
 * Prints one line `{"listening":{"port":N,"mockBaseUrl":...}}` once it accepts connections. With
 * PLAYGROUND_STANDALONE_MOCK=ephemeral the embedded mock listens on a free port (instead of
 * MOCK_PORT) and the mock environment points at it, so parallel runs never fight over a port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../server/config/config.ts';
import { startMockServer, type MockServer } from '../server/mock/server.ts';
import { createRouter } from '../server/router.ts';
import { createServices } from '../server/services.ts';

const config = loadConfig();
let mock: MockServer | null = null;
if (process.env.PLAYGROUND_STANDALONE_MOCK === 'ephemeral') {
  mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  config.baseUrls = { ...config.baseUrls, mock: mock.baseUrl };
  config.partnerBaseUrls = { ...config.partnerBaseUrls, mock: mock.baseUrl.replace(/\/qapi\/v1$/, '/api/v1/p') };
}
const services = createServices(config, { startMock: mock === null });
// As the plugin does: the launch token exists (in the data folder, unless pinned) before the first request.
services.launchToken();
const router = createRouter(services);
const server = createServer((req, res) => {
  router(req, res, () => {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('Not the playground API.\n');
  });
});

server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ listening: { port, mockBaseUrl: mock?.baseUrl ?? null } })}\n`);
});

const shutdown = (): void => {
  server.closeAllConnections();
  server.close(() => {
    void services
      .close()
      .then(() => mock?.close())
      .then(() => process.exit(0));
  });
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
