import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// This file is evaluated by the runner and again by every worker. The runner picks three free ports and
// a fresh data directory once and stores them in process.env; workers inherit that environment, so
// every process agrees on the same server.
if (!process.env.E2E_PORT || !process.env.E2E_MOCK_PORT || !process.env.E2E_UPSTREAM_PORT) {
  const script = `
    const net = require('node:net');
    const servers = [net.createServer(), net.createServer(), net.createServer()];
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, '127.0.0.1', ok)))).then(() => {
      process.stdout.write(servers.map((s) => s.address().port).join(' '));
      for (const s of servers) s.close();
    });`;
  const [port, mockPort, upstreamPort] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })
    .trim()
    .split(' ');
  process.env.E2E_PORT = port;
  process.env.E2E_MOCK_PORT = mockPort;
  process.env.E2E_UPSTREAM_PORT = upstreamPort;
}
// The launch token the server is pinned to (PLAYGROUND_TOKEN); pages find it in localStorage, as after
// opening the printed address once (e2e/launch.spec.ts opens it through the fragment, as a person does).
process.env.E2E_TOKEN ??= randomBytes(32).toString('base64url');
if (!process.env.E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(tmpdir(), 'qredo-playground-e2e-'));
  process.env.E2E_DATA_DIR = dir;
  // Only the process that made it removes it, after the web server has been stopped.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  // Starts the test upstream behind "Sandbox" (e2e/fixtures/test-upstream.ts) and seeds 10,000 history
  // entries into the throw-away data directory.
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  // Two cores: one worker. Every test still sets up its own state and may run alone or in any order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    storageState: {
      cookies: [],
      origins: [
        { origin: baseURL, localStorage: [{ name: 'qredo-playground.launch-token', value: process.env.E2E_TOKEN }] },
      ],
    },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // The built page (npm test runs `npm run build` first) under vite preview, with the backend plugin,
    // the embedded mock on its own free port and history in a throw-away directory.
    command: 'node_modules/.bin/vite preview',
    // Any answer means it listens (an /api call without the token is a 401).
    url: `${baseURL}/api/session`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      MOCK_PORT: String(process.env.E2E_MOCK_PORT),
      PLAYGROUND_DATA_DIR: String(process.env.E2E_DATA_DIR),
      PLAYGROUND_TOKEN: process.env.E2E_TOKEN,
      // Never a developer's real keys or upstreams. Sandbox points at the local test upstream started by
      // the global setup, without a key (tests that need one save a test key through the API or the
      // form); production keeps its real base URL and has no key, so nothing can reach it.
      QREDO_SANDBOX_API_KEY: '',
      QREDO_SANDBOX_API_SECRET: '',
      QREDO_PRODUCTION_API_KEY: '',
      QREDO_PRODUCTION_API_SECRET: '',
      PLAYGROUND_SANDBOX_BASE_URL: `http://127.0.0.1:${process.env.E2E_UPSTREAM_PORT}/qapi/v1`,
      PLAYGROUND_PRODUCTION_BASE_URL: '',
    },
  },
});
