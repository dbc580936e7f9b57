/**
 * The real playground: the built page under `node_modules/.bin/vite preview` with the backend
 * plugin, in a child process, on free ports, with its own data folder, a pinned launch token and
 * an environment that holds no real key or upstream. Build first (`npm run build`, or `outDir`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './standalone.ts';

/** Never a developer's real keys or upstreams: every variable the server reads them from, emptied. */
export const NEUTRAL_ENV: Record<string, string> = {
  QREDO_SANDBOX_API_KEY: '',
  QREDO_SANDBOX_API_SECRET: '',
  QREDO_PRODUCTION_API_KEY: '',
  QREDO_PRODUCTION_API_SECRET: '',
  QREDO_PARTNER_SANDBOX_API_KEY: '',
  QREDO_PARTNER_SANDBOX_PRIVATE_KEY: '',
  QREDO_PARTNER_SANDBOX_PRIVATE_KEY_FILE: '',
  QREDO_PARTNER_PRODUCTION_API_KEY: '',
  QREDO_PARTNER_PRODUCTION_PRIVATE_KEY: '',
  QREDO_PARTNER_PRODUCTION_PRIVATE_KEY_FILE: '',
  PLAYGROUND_SANDBOX_BASE_URL: '',
  PLAYGROUND_PRODUCTION_BASE_URL: '',
};

/** Free loopback ports, held together while picking so that none is picked twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(servers.map((s) => new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok))));
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))));
  return ports;
}

export interface PreviewOptions {
  /** The project whose node_modules/.bin/vite runs (default this one). */
  root?: string;
  /** The built page to serve, relative to root (default vite.config.ts's dist/). */
  outDir?: string;
  /** A data folder prepared beforehand (kept on close); default a fresh one, removed on close. */
  dataDir?: string;
  /** The launch token to pin (PLAYGROUND_TOKEN); default a random one. */
  token?: string;
  /** Added to the neutral environment (a base URL, a key, a limit). */
  env?: Record<string, string>;
}

export interface Preview {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The page's address with its launch token, as the terminal prints it. */
  url: string;
  token: string;
  dataDir: string;
  /** The last 20,000 characters the server printed, for a failing test's message. */
  output(): string;
  close(): Promise<void>;
}

/** Starts `vite preview` and waits until /api/session answers with the token. */
export async function startPreview(opts: PreviewOptions = {}): Promise<Preview> {
  const root = opts.root ?? PROJECT_ROOT;
  const [port, mockPort] = (await freePorts(2)) as [number, number];
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'qredo-playground-preview-'));
  const token = opts.token ?? randomBytes(32).toString('base64url');
  // node_modules/.bin/vite directly (not npx), so the pid we stop is the server itself.
  const child = spawn(
    path.join(root, 'node_modules/.bin/vite'),
    ['preview', ...(opts.outDir ? ['--outDir', opts.outDir] : [])],
    {
      cwd: root,
      env: {
        ...process.env,
        ...NEUTRAL_ENV,
        HOST: '127.0.0.1',
        PORT: String(port),
        MOCK_PORT: String(mockPort),
        PLAYGROUND_DATA_DIR: dataDir,
        PLAYGROUND_TOKEN: token,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let printed = '';
  const keep = (chunk: Buffer): void => {
    printed = (printed + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  // A hang report with what the server printed, not a speed limit.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const problem =
      child.exitCode !== null
        ? `vite preview exited with code ${child.exitCode}`
        : Date.now() > deadline
          ? `no answer from ${origin}/api/session (a hang)`
          : null;
    if (problem) {
      await close();
      throw new Error(`The playground did not start: ${problem}\n${printed}`);
    }
    try {
      const res = await fetch(`${origin}/api/session`, { headers: { authorization: `Bearer ${token}` } });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, origin, url: `${origin}/#token=${token}`, token, dataDir, output: () => printed, close };
}
