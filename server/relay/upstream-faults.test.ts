/**
 * Upstream faults through POST /api/send: for each, a structured result (an error code and a
 * sentence, or the upstream's status), the same entry in history, a server that still answers
 * /api/session, and a database that passes PRAGMA integrity_check with nothing half-written. Where
 * the upstream would outlast the relay's timeouts, its answer is held until the test releases it,
 * so the playground answering at all, with the timeout's error, shows the timeout path (never a
 * stopwatch). The relay's own unit tests (relay.test.ts) cover the mechanics; this file covers the
 * whole path, page API to history. The 200 MB body is in server/reliability/large-body.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayResult } from '../../core/contract.ts';
import type { PlaygroundConfig } from '../config/config.ts';
import {
  FAULT_PATHS,
  INVALID_JSON_BODY,
  INVALID_UTF8_BODY,
  closedPort,
  startFaultUpstream,
  startStuckListener,
  type FaultUpstream,
  type StuckListener,
} from '../../test-support/faults.ts';
import { MB, printTable } from '../../test-support/figures.ts';
import { checkDatabase } from '../../test-support/history-db.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { startUpstream, type Upstream } from '../../test-support/upstream.ts';

const SECRET = Buffer.from('$2a$10$FaultInjectionTestSecretForThePlayground.0123456789ab').toString('base64');
const ENV = { QREDO_SANDBOX_API_KEY: 'faultTestKey01', QREDO_SANDBOX_API_SECRET: SECRET };
const CONNECT_MS = 500;
const TOTAL_MS = 1500;
const SMALL_CAP = 1 * MB;

type Result = RelayResult;
interface Case {
  name: string;
  /** Which upstream the sandbox base points at. */
  upstream: 'fault' | 'refused' | 'dns' | 'stuck';
  path: string;
  method?: string;
  body?: string | null;
  /** The upstream's answer cannot end before the test releases it: the playground must answer first. */
  held?: true;
  check(r: Result, ctx: { fault: FaultUpstream; attacker: Upstream }): void;
}

const figures: Array<Record<string, string | number | boolean | null>> = [];
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
  printTable('upstream faults through POST /api/send', figures);
});

let fault: FaultUpstream;
let attacker: Upstream;
let stuck: StuckListener;
const playgrounds = new Map<Case['upstream'], { p: TestPlayground; dataDir: string }>();
const everyPlayground: Array<{ p: TestPlayground; dataDir: string }> = [];

async function playgroundFor(kind: Case['upstream'], limits: Partial<PlaygroundConfig['relay']> = {}) {
  const existing = playgrounds.get(kind);
  if (existing) return existing;
  let base: string;
  if (kind === 'fault') base = fault.baseUrl;
  else if (kind === 'refused') base = `http://127.0.0.1:${await closedPort()}/qapi/v1`;
  else if (kind === 'dns') base = 'http://qredo-playground-test.invalid/qapi/v1';
  else base = `http://127.0.0.1:${stuck.port}/qapi/v1`;
  const dataDir = tempDir('playground-faults-');
  const p = await startTestPlayground({
    dataDir,
    env: ENV,
    config: (c) => ({
      ...c,
      baseUrls: { ...c.baseUrls, sandbox: base, production: base },
      relay: { connectTimeoutMs: CONNECT_MS, totalTimeoutMs: TOTAL_MS, maxResponseBytes: SMALL_CAP, ...limits },
    }),
  });
  cleanups.push(() => p.close());
  everyPlayground.push({ p, dataDir });
  const made = { p, dataDir };
  playgrounds.set(kind, made);
  return made;
}

const bodyOf = (r: Result): Buffer =>
  Buffer.from(r.response!.body, r.response!.bodyEncoding === 'base64' ? 'base64' : 'utf8');

const CASES: Case[] = [
  {
    name: 'connection refused',
    upstream: 'refused',
    path: '/balance',
    check: (r) => {
      expect(r.response).toBeNull();
      expect(r.error?.code).toBe('upstream-unreachable');
      expect(r.error?.message).toMatch(/connection refused/);
    },
  },
  {
    name: 'unresolvable host (.invalid)',
    upstream: 'dns',
    path: '/balance',
    check: (r) => {
      expect(r.response).toBeNull();
      // dns-failure (ENOTFOUND, EAI_AGAIN); a resolver that does not answer at all within the
      // connect timeout shows as connect-timeout instead, naming the same host.
      expect(['dns-failure', 'connect-timeout']).toContain(r.error?.code);
      expect(r.error?.message).toContain('qredo-playground-test.invalid');
    },
  },
  {
    name: 'connect timeout (accept queue full)',
    upstream: 'stuck',
    path: '/balance',
    check: (r) => {
      expect(r.response).toBeNull();
      expect(r.error).toEqual({ code: 'connect-timeout', message: expect.stringContaining(`within ${CONNECT_MS} ms`) });
    },
  },
  {
    name: 'no first byte before the timeout',
    upstream: 'fault',
    path: FAULT_PATHS.held('first-byte'),
    held: true,
    check: (r) => {
      expect(r.response).toBeNull();
      expect(r.error?.code).toBe('timeout');
      expect(r.error?.message).toContain('no response headers arrived');
      expect(r.timings.ttfbMs).toBeNull();
    },
  },
  {
    name: 'connection reset mid-body',
    upstream: 'fault',
    path: FAULT_PATHS.resetMidBody,
    check: (r) => {
      expect(r.error?.code).toBe('connection-reset');
      expect(r.response).toMatchObject({ status: 200, size: 1000, truncated: true });
    },
  },
  {
    name: '200 MB body, 1 MiB cap',
    upstream: 'fault',
    path: FAULT_PATHS.huge(200 * MB),
    check: (r) => {
      expect(r.error).toBeNull();
      expect(r.response).toMatchObject({ status: 200, size: SMALL_CAP, truncated: true, bodyEncoding: 'utf8' });
      expect(r.response!.body).toBe('x'.repeat(SMALL_CAP));
    },
  },
  {
    name: 'drip, a byte every 10 ms (done in time)',
    upstream: 'fault',
    path: FAULT_PATHS.drip(40, 10),
    check: (r) => {
      expect(r.error).toBeNull();
      expect(r.response).toMatchObject({ status: 200, size: 40, truncated: false });
      expect(JSON.parse(r.response!.body)).toBe('d'.repeat(38));
    },
  },
  {
    name: 'drip, a byte every 5 ms, the last one held (past the timeout)',
    upstream: 'fault',
    path: FAULT_PATHS.heldDrip(10_000, 5, 'drip-end'),
    held: true,
    check: (r) => {
      expect(r.error?.code).toBe('timeout');
      expect(r.error?.message).toContain('the body did not finish');
      expect(r.response).toMatchObject({ status: 200, truncated: true });
      expect(r.response!.size).toBeGreaterThan(0);
      expect(r.response!.size).toBeLessThan(10_000);
    },
  },
  {
    name: 'invalid JSON',
    upstream: 'fault',
    path: FAULT_PATHS.invalidJson,
    check: (r) => {
      expect(r.error).toBeNull();
      expect(r.response).toMatchObject({
        status: 200,
        body: INVALID_JSON_BODY,
        bodyEncoding: 'utf8',
        truncated: false,
      });
    },
  },
  {
    name: 'invalid UTF-8',
    upstream: 'fault',
    path: FAULT_PATHS.invalidUtf8,
    check: (r) => {
      expect(r.error).toBeNull();
      expect(r.response).toMatchObject({ status: 200, bodyEncoding: 'base64', size: INVALID_UTF8_BODY.length });
      expect(bodyOf(r).equals(INVALID_UTF8_BODY)).toBe(true);
    },
  },
  {
    name: 'redirect to another host',
    upstream: 'fault',
    path: 'REDIRECT',
    check: (r, ctx) => {
      expect(r.error?.code).toBe('redirect-refused');
      expect(r.response?.status).toBe(302);
      expect(r.response?.headers.location).toContain(`localhost:${ctx.attacker.port}`);
      expect(ctx.attacker.received).toHaveLength(0);
    },
  },
  {
    name: 'POST answered by a redirect to another host',
    upstream: 'fault',
    method: 'POST',
    body: '{"amount":"1"}',
    path: 'REDIRECT',
    check: (r, ctx) => {
      expect(r.error?.code).toBe('redirect-refused');
      expect(ctx.attacker.received).toHaveLength(0);
    },
  },
  {
    name: '500',
    upstream: 'fault',
    path: FAULT_PATHS.status(500),
    check: (r) => {
      expect(r.error).toBeNull();
      expect(r.response).toMatchObject({ status: 500, statusText: 'Internal Server Error', truncated: false });
      expect(JSON.parse(r.response!.body)).toEqual({ code: 500, message: 'upstream is unwell' });
    },
  },
  {
    name: '503',
    upstream: 'fault',
    path: FAULT_PATHS.status(503),
    check: (r) => {
      expect(r.error).toBeNull();
      expect(r.response).toMatchObject({ status: 503, truncated: false });
      expect(r.response?.headers['retry-after']).toBe('1');
    },
  },
  {
    name: '101 upgrade nobody asked for',
    upstream: 'fault',
    path: FAULT_PATHS.upgrade,
    check: (r) => {
      expect(r.response).toBeNull();
      expect(r.error?.code).toBe('connection-reset');
    },
  },
  {
    name: 'bytes that are not HTTP',
    upstream: 'fault',
    path: FAULT_PATHS.notHttp,
    check: (r) => {
      expect(r.response).toBeNull();
      expect(r.error?.code).toBe('connection-reset');
      expect(r.error?.message).toMatch(/not valid HTTP|closed the connection/);
    },
  },
  {
    name: 'a 64 KiB response header',
    upstream: 'fault',
    path: FAULT_PATHS.hugeHeader,
    check: (r) => {
      expect(r.response).toBeNull();
      expect(r.error?.code).toBe('connection-reset');
    },
  },
  {
    name: '103 and 100 before the answer',
    upstream: 'fault',
    path: FAULT_PATHS.earlyHints,
    check: (r) => {
      expect(r.error).toBeNull();
      expect(r.response).toMatchObject({ status: 200, body: '{"after":"hints"}', truncated: false });
    },
  },
  {
    name: 'broken chunked encoding',
    upstream: 'fault',
    path: FAULT_PATHS.badChunked,
    check: (r) => {
      expect(r.error?.code).toBe('connection-reset');
    },
  },
];

/** Sends one fault case and checks everything the issue asks of it. Returns the result. */
async function runCase(c: Case): Promise<Result> {
  const { p, dataDir } = await playgroundFor(c.upstream);
  const path = c.path === 'REDIRECT' ? FAULT_PATHS.redirect(`http://localhost:${attacker.port}/qapi/v1/steal`) : c.path;
  const before = fault.received.length;
  const sent = await p.call('POST', '/api/send', {
    body: { environment: 'sandbox', method: c.method ?? 'GET', path, body: c.body ?? null },
  });

  // A structured answer, valid against the contract, with either a response or an error code and sentence.
  expect(sent.status).toBe(200);
  const result = RelayResult.parse(sent.json);
  expect(result.response !== null || result.error !== null).toBe(true);
  if (result.error) expect(result.error.message.length).toBeGreaterThan(20);
  c.check(result, { fault, attacker });
  // Never retried: exactly one request reached the fault upstream for a case aimed at it.
  if (c.upstream === 'fault') expect(fault.received.length - before).toBe(1);
  // Answered before the upstream's held answer could end: the relay's timeout ended the exchange.
  if (c.held) expect(fault.received.at(-1)!.finished).toBe(false);

  // The same entry in history.
  const stored = await p.call('GET', `/api/history/${result.id}`);
  expect(stored.status).toBe(200);
  expect(stored.json).toEqual(sent.json);
  // The server is still up, and the database is whole.
  expect((await p.call('GET', '/api/session')).status).toBe(200);
  const db = checkDatabase(dataDir);
  expect(db.integrity).toBe('ok');
  expect(db.data).toBe(db.entries);
  expect(db.search).toBe(db.entries);

  figures.push({
    fault: c.name,
    status: result.response?.status ?? null,
    error: result.error?.code ?? null,
    size: result.response?.size ?? null,
    truncated: result.response?.truncated ?? null,
    ttfbMs: result.timings.ttfbMs === null ? null : Math.round(result.timings.ttfbMs),
    totalMs: Math.round(result.timings.totalMs),
  });
  return result;
}

describe('upstream faults through POST /api/send', () => {
  beforeAll(async () => {
    fault = await startFaultUpstream();
    attacker = await startUpstream();
    stuck = await startStuckListener();
    cleanups.push(
      () => fault.close(),
      () => attacker.close(),
      () => stuck.close(),
    );
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      await runCase(c);
    },
    20_000,
  );

  it('survives every fault at once, each answered before any held upstream answer, and records them all', async () => {
    const { p, dataDir } = await playgroundFor('fault');
    const before = checkDatabase(dataDir).entries;
    const receivedBefore = fault.received.length;
    const faultCases = CASES.filter((c) => c.upstream === 'fault');
    const answers = await Promise.all(
      faultCases.map(async (c) => {
        const path = c.path === 'REDIRECT' ? FAULT_PATHS.redirect(`http://localhost:${attacker.port}/x`) : c.path;
        return p.call('POST', '/api/send', {
          body: { environment: 'sandbox', method: c.method ?? 'GET', path, body: c.body ?? null },
        });
      }),
    );
    // Every answer is in, and the held upstream answers are still held: no exchange waited for one.
    const arrived = fault.received.slice(receivedBefore);
    expect(arrived).toHaveLength(faultCases.length);
    const held = arrived.filter((r) => /[?&](name|hold)=/.test(r.url));
    expect(held).toHaveLength(faultCases.filter((c) => c.held).length);
    for (const r of held) expect(r.finished).toBe(false);
    for (const r of answers) {
      expect(r.status).toBe(200);
      expect((await p.call('GET', `/api/history/${r.json.id}`)).json).toEqual(r.json);
    }
    expect((await p.call('GET', '/api/session')).status).toBe(200);
    const db = checkDatabase(dataDir);
    expect(db).toEqual({
      integrity: 'ok',
      entries: before + faultCases.length,
      data: before + faultCases.length,
      search: before + faultCases.length,
    });
    expect(attacker.received).toHaveLength(0);
    figures.push({
      fault: `all ${faultCases.length} fault-upstream faults at once`,
      status: null,
      error: null,
      size: null,
      truncated: null,
      ttfbMs: null,
      totalMs: Math.round(Math.max(...answers.map((a) => a.json.timings.totalMs as number))),
    });
  }, 20_000);

  it('reports headers named like Object.prototype members faithfully, in the answer and in history', async () => {
    const { p } = await playgroundFor('fault');
    const sent = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: FAULT_PATHS.prototypeHeaders, body: null },
    });
    expect(sent.status).toBe(200);
    const stored = await p.call('GET', `/api/history/${sent.json.id}`);
    for (const answer of [sent.json, stored.json]) {
      const headers = answer.response.headers as Record<string, string>;
      expect(Object.hasOwn(headers, '__proto__')).toBe(true);
      expect({ ...headers }).toMatchObject({ constructor: 'b, e', hasownproperty: 'd', 'content-length': '2' });
      expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toBe('c');
    }
  });

  it('left the secret in no answer, log line or history file, through every fault', () => {
    const keyText = Buffer.from(SECRET, 'base64').toString('utf8');
    const needles = [SECRET, keyText, Buffer.from(keyText).toString('hex')];
    let scanned = 0;
    for (const { p, dataDir } of everyPlayground) {
      for (const text of [...p.answers, ...p.logs]) {
        scanned += 1;
        for (const n of needles) expect(text.includes(n)).toBe(false);
      }
      for (const file of readdirSync(dataDir)) {
        const bytes = readFileSync(join(dataDir, file));
        for (const n of needles) expect(bytes.includes(Buffer.from(n))).toBe(false);
      }
    }
    expect(scanned).toBeGreaterThan(CASES.length);
  });
});
