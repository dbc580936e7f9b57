/**
 * The playground backend without Vite, as a child process (standalone-main.ts) that a test can
 * kill -9, restart on the same data folder, and measure from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const STANDALONE = fileURLToPath(new URL('./standalone-main.ts', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface StandaloneServer {
  child: ChildProcess;
  pid: number;
  /** Its launch token (PLAYGROUND_TOKEN). */
  token: string;
  port: number;
  mockBaseUrl: string | null;
  /** Everything the server printed (stdout and stderr), for leak scans. */
  output(): string;
  /** Resident memory of the server process, in bytes (VmRSS from /proc). */
  rss(): number;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `node --import tsx test-support/standalone-main.ts` and waits for the line with its port. */
export async function startStandalone(env: Record<string, string | undefined>): Promise<StandaloneServer> {
  const token = randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, ['--import', 'tsx', STANDALONE], {
    cwd: PROJECT_ROOT, // where `--import tsx` resolves
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      // A child under test never talks to the real Qredo: loopback port 9, where nothing listens.
      PLAYGROUND_SANDBOX_BASE_URL: 'http://127.0.0.1:9/qapi/v1',
      PLAYGROUND_PRODUCTION_BASE_URL: 'http://127.0.0.1:9/qapi/v1',
      PLAYGROUND_TOKEN: token,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ port: number; mockBaseUrl: string | null }>((resolve, reject) => {
    // A hang report with what the server printed, not a speed limit.
    const timer = setTimeout(() => reject(new Error(`the standalone server did not start (a hang):\n${out}`)), 30_000);
    const onData = (): void => {
      const line = out.split('\n').find((l) => l.startsWith('{"listening"'));
      if (!line) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(JSON.parse(line).listening);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the standalone server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  const pid = child.pid!;
  return {
    child,
    pid,
    token,
    port: ready.port,
    mockBaseUrl: ready.mockBaseUrl,
    output: () => out,
    rss: () => residentBytes(pid),
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmRSS of a process, in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}
