/**
 * Crash safety: 32 clients send without pause to the standalone server (a child process), which is
 * killed with SIGKILL mid-flight and restarted on the same data folder. Every send a client saw
 * acknowledged (200 with an id) must be in history afterwards, whole, and the database must pass
 * PRAGMA integrity_check with its three tables in step. Five rounds on one data folder.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../mock/keys.ts';
import { printTable } from '../../test-support/figures.ts';
import { checkDatabase } from '../../test-support/history-db.ts';
import { createClient } from '../../test-support/http-client.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { startStandalone, type StandaloneServer } from '../../test-support/standalone.ts';

const ROUNDS = 5;
const CLIENTS = 32;
/** Acknowledged sends to wait for before the kill, then a different extra delay per round. */
const MIN_ACKS = 150;
const EXTRA_DELAY_MS = [0, 150, 400, 75, 250];

const send = { environment: 'mock', method: 'GET', path: '/balance', body: null };
const figures: Array<Record<string, number | string>> = [];
const servers: StandaloneServer[] = [];
const dataDir = tempDir('playground-crash-');

afterAll(async () => {
  for (const s of servers) await s.kill9();
  rmSync(dataDir, { recursive: true, force: true });
  printTable('crash safety: kill -9 under 32 clients, restart, look for every acknowledged send', figures);
});

async function start(): Promise<StandaloneServer> {
  const s = await startStandalone({
    PLAYGROUND_DATA_DIR: dataDir,
    PLAYGROUND_STANDALONE_MOCK: 'ephemeral',
    // No real keys in a child the test kills.
    QREDO_SANDBOX_API_KEY: undefined,
    QREDO_SANDBOX_API_SECRET: undefined,
    QREDO_PRODUCTION_API_KEY: undefined,
    QREDO_PRODUCTION_API_SECRET: undefined,
  });
  servers.push(s);
  return s;
}

interface Ack {
  id: number;
  signature: string;
  timestamp: string;
}

/** 32 clients sending back to back until the server dies under them. */
async function loadUntilKilled(server: StandaloneServer, extraDelayMs: number) {
  const client = createClient(server.port, { maxSockets: CLIENTS, token: server.token });
  const acks: Ack[] = [];
  let refused = 0;
  let broken = 0;
  let stop = false;
  const worker = async (): Promise<void> => {
    while (!stop) {
      try {
        const r = await client.call('POST', '/api/send', { body: send, timeoutMs: 30_000 });
        if (r.status === 200 && typeof r.json?.id === 'number') {
          // Acknowledged: the server says it recorded it (and the mock should have accepted the signature).
          acks.push({ id: r.json.id, signature: r.json.signature, timestamp: r.json.timestamp });
          if (r.json.response?.status !== 200) refused += 1;
        } else refused += 1;
      } catch {
        broken += 1; // the connection died with the server: not acknowledged
        return;
      }
    }
  };
  const t0 = performance.now();
  let clientsGone = false as boolean; // set in the callback below, which narrowing does not follow
  const workers = Promise.all(Array.from({ length: CLIENTS }, worker)).then(() => {
    clientsGone = true;
  });
  // No stopwatch: a server that stops answering is reported by the clients' hang timeout or the test's.
  while (acks.length < MIN_ACKS) {
    if (clientsGone) throw new Error(`every client stopped after ${acks.length} acknowledged sends`);
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, extraDelayMs));
  const ackedAtKill = acks.length;
  await server.kill9();
  stop = true;
  await workers;
  client.close();
  return { acks, refused, broken, ackedAtKill, loadMs: performance.now() - t0 };
}

describe('crash safety', () => {
  it(`loses no acknowledged send across ${ROUNDS} kill -9 rounds`, async () => {
    let server = await start();
    const everAcked: Ack[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const { acks, refused, broken, loadMs } = await loadUntilKilled(server, EXTRA_DELAY_MS[round - 1]!);
      expect(refused).toBe(0);
      everAcked.push(...acks);

      // Restart on the same data folder and look for every acknowledged send.
      const restartStarted = performance.now();
      server = await start();
      const restartMs = performance.now() - restartStarted;
      const client = createClient(server.port, { maxSockets: CLIENTS, token: server.token });
      let found = 0;
      const missing: number[] = [];
      for (let i = 0; i < acks.length; i += CLIENTS) {
        await Promise.all(
          acks.slice(i, i + CLIENTS).map(async (a) => {
            const r = await client.call('GET', `/api/history/${a.id}`);
            if (
              r.status === 200 &&
              r.json.signature === a.signature &&
              r.json.timestamp === a.timestamp &&
              r.json.response?.status === 200
            ) {
              found += 1;
            } else missing.push(a.id);
          }),
        );
      }
      expect((await client.call('GET', '/api/session')).status).toBe(200);
      client.close();
      const db = checkDatabase(dataDir);
      figures.push({
        round,
        acknowledged: acks.length,
        found,
        lost: missing.length,
        inFlightAtKill: broken,
        rowsInHistory: db.entries,
        integrity: db.integrity,
        loadMs: Math.round(loadMs),
        restartMs: Math.round(restartMs),
      });
      expect(missing).toEqual([]);
      expect(db.integrity).toBe('ok');
      expect(db.data).toBe(db.entries);
      expect(db.search).toBe(db.entries);
      // Every acknowledged send of every round so far is there: at least that many rows.
      expect(db.entries).toBeGreaterThanOrEqual(everAcked.length);
    }

    // One last look over all rounds, then a clean stop.
    const client = createClient(server.port, { maxSockets: CLIENTS, token: server.token });
    const list = await client.call('GET', '/api/history?limit=1');
    expect(list.status).toBe(200);
    expect(list.json.total).toBeGreaterThanOrEqual(everAcked.length);
    client.close();
    const output = servers.map((s) => s.output()).join('\n');
    await server.stop();
    expect(checkDatabase(dataDir).integrity).toBe('ok');
    // Server output never carries a secret (the demo secrets are the only ones this child knows).
    for (const k of DEMO_KEYS) expect(output).not.toContain(k.secret);
    figures.push({
      round: 'all',
      acknowledged: everAcked.length,
      found: everAcked.length,
      lost: 0,
      inFlightAtKill: '',
      rowsInHistory: checkDatabase(dataDir).entries,
      integrity: 'ok',
      loadMs: '',
      restartMs: '',
    });
  }, 180_000);
});
