import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test-support/chromium.ts';

// This file is evaluated by the runner and again by every worker. The launch token every spec's
// playground is pinned to (PLAYGROUND_TOKEN) is made once and kept in process.env, which workers
// inherit. Each spec file starts its own playground (e2e/fixtures/playground.ts): no shared server.
process.env.E2E_TOKEN ??= randomBytes(32).toString('base64url');

export default defineConfig({
  testDir: 'e2e',
  // Builds the page that the specs' playgrounds serve, so a run never serves a stale dist/.
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  // Two cores: one worker. Every spec file has its own playground, and every test sets up its own
  // state, so specs may run alone, in any order, sharded or repeated.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium' }],
});
