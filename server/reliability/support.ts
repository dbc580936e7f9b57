/**
 * Test support for the reliability suite: a keep-alive client for a playground on 127.0.0.1, the
 * standalone server as a child process, the history database checks, and figure tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { HISTORY_FILE } from '../history/store.ts';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  ms: number;
}

export interface CallOptions {
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: Buffer | string;
  headers?: Record<string, string | undefined>;
  /** Adds the launch token to every call (default true). */
  token?: boolean;
  timeoutMs?: number;
}

export interface Client {
  port: number;
  token: string;
  agent: Agent;
  call(method: string, path: string, opts?: CallOptions): Promise<Reply>;
  close(): void;
}

/** A client with its own keep-alive agent; fails a call that takes longer than its timeout (a hang). */
export function createClient(port: number, opts: { maxSockets?: number; token?: string } = {}): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 8, maxFreeSockets: opts.maxSockets ?? 8 });
  const client: Client = {
    port,
    token: opts.token ?? '',
    agent,
    call(method, path, o = {}) {
      return new Promise<Reply>((resolve, reject) => {
        const started = performance.now();
        const headers: Record<string, string> = { host: `127.0.0.1:${port}` };
        for (const [k, v] of Object.entries(o.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
        let payload: Buffer | undefined;
        if (o.raw !== undefined) payload = Buffer.from(o.raw);
        else if (o.body !== undefined) payload = Buffer.from(JSON.stringify(o.body));
        if (payload !== undefined) {
          headers['content-type'] ??= 'application/json';
          headers['content-length'] = String(payload.length);
        }
        if (o.token !== false && client.token) headers.authorization ??= `Bearer ${client.token}`;
        for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
        const req = request({ host: '127.0.0.1', port, method, path, headers, agent, setHost: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = undefined;
            try {
              json = JSON.parse(text);
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started });
          });
        });
        const limit = o.timeoutMs ?? 15_000;
        const timer = setTimeout(() => {
          req.destroy(new Error(`${method} ${path} did not answer within ${limit} ms (a hang)`));
        }, limit);
        req.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
  return client;
}

// ---- the history database, checked from outside the server --------------------------------------

export interface DbCheck {
  integrity: string;
  entries: number;
  data: number;
  search: number;
}

/** PRAGMA integrity_check and the row counts of the three tables (equal when nothing is half-written). */
export function checkDatabase(dataDir: string): DbCheck {
  const db = new Database(join(dataDir, HISTORY_FILE), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { integrity, entries: count('entries'), data: count('entry_data'), search: count('entry_search') };
  } finally {
    db.close();
  }
}

// ---- the standalone server as a child process ----------------------------------------------------

export const STANDALONE = fileURLToPath(new URL('./standalone.ts', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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

/** Starts `node --import tsx server/reliability/standalone.ts` and waits for the line with its port. */
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
    const timer = setTimeout(
      () => reject(new Error(`the standalone server did not start within 30 s:\n${out}`)),
      30_000,
    );
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

// ---- figures ----------------------------------------------------------------------------------------

export const MB = 1024 * 1024;

/** Prints a small table to the test output (the figures for the issue note). */
export function printTable(title: string, rows: Array<Record<string, string | number | boolean | null>>): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown): string => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  const text = [
    `\n== ${title} ==`,
    line(cols),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
  ];
  console.log(text.join('\n'));
}
