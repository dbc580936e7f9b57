/**
 * The real page: built once per run into bench/results/dist (so a bench never overwrites the dist/ an
 * end-to-end run may be serving), then served by `vite preview` with the backend plugin, on free
 * ports, with history in a temp PLAYGROUND_DATA_DIR. Chromium is Debian's, launched as the e2e tests do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { sleep } from './stats.ts';
import { tempDir } from './playground.ts';

export const DIST = 'bench/results/dist';

let built: Promise<void> | null = null;

function run(root: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`)),
    );
  });
}

/** `vite build` of the current sources into bench/results/dist, once per process. */
export function ensureBuild(root: string, log: (line: string) => void): Promise<void> {
  built ??= (async () => {
    log('  building the page (vite build)…');
    await run(root, join(root, 'node_modules/.bin/vite'), [
      'build',
      '--outDir',
      DIST,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ]);
  })();
  return built;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Preview {
  origin: string;
  /** The page's address with its launch token, as the terminal prints it. */
  url: string;
  /** The launch token (PLAYGROUND_TOKEN), for direct /api calls. */
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts `vite preview` on the built page. `dataDir` may be prepared beforehand (history-scale fills
 * it); otherwise a fresh temp dir is used. `env` adds to a clean playground environment in which
 * sandbox and production are unconfigured.
 */
export async function startPreview(
  root: string,
  opts: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<Preview> {
  const port = await freePort();
  const mockPort = await freePort();
  const dataDir = opts.dataDir ?? tempDir('qredo-bench-preview-');
  const token = randomBytes(32).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    MOCK_PORT: String(mockPort),
    PLAYGROUND_DATA_DIR: dataDir,
    PLAYGROUND_TOKEN: token,
    QREDO_SANDBOX_API_KEY: '',
    QREDO_SANDBOX_API_SECRET: '',
    QREDO_PRODUCTION_API_KEY: '',
    QREDO_PRODUCTION_API_SECRET: '',
    PLAYGROUND_SANDBOX_BASE_URL: '',
    PLAYGROUND_PRODUCTION_BASE_URL: '',
    ...opts.env,
  };
  // node_modules/.bin/vite directly (not npx), so the pid we stop is the server itself.
  const child: ChildProcess = spawn(
    join(root, 'node_modules/.bin/vite'),
    ['preview', '--outDir', DIST, '--logLevel', 'error'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    try {
      const res = await fetch(`${origin}/api/session`, { headers: { authorization: `Bearer ${token}` } });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`vite preview did not answer on ${origin} within 30 s: ${stderr.slice(-2000)}`);
    }
    await sleep(100);
  }
  return { origin, url: `${origin}/#token=${token}`, token, dataDir, close };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Debian's chromium with the project's launch options (never a Playwright download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
  });
}

/** Removes a directory made for a run. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
