/**
 * Load: 32 concurrent clients send without pause to the standalone server (a child process, with
 * the embedded mock as the upstream, so every send is signed, verified by the mock and recorded)
 * for 60 s. Zero errors; the server's resident memory is read from /proc at the start and the end
 * and must stay within a generous bound. RELIABILITY_LOAD_SECONDS shortens or lengthens the run.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../mock/keys.ts';
import { MB, printTable } from '../../test-support/figures.ts';
import { checkDatabase } from '../../test-support/history-db.ts';
import { createClient } from '../../test-support/http-client.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { startStandalone, type StandaloneServer } from '../../test-support/standalone.ts';

const SECONDS = Number(process.env.RELIABILITY_LOAD_SECONDS ?? 60);
const CLIENTS = 32;
/** End RSS must be below start RSS plus this. */
const RSS_BOUND = 300 * MB;

const dataDir = tempDir('playground-load-');
let server: StandaloneServer | null = null;
afterAll(async () => {
  await server?.kill9();
  rmSync(dataDir, { recursive: true, force: true });
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

describe('load', () => {
  it(
    `${CLIENTS} clients for ${SECONDS} s: no errors, memory bounded`,
    async () => {
      server = await startStandalone({
        PLAYGROUND_DATA_DIR: dataDir,
        PLAYGROUND_STANDALONE_MOCK: 'ephemeral',
        QREDO_SANDBOX_API_KEY: undefined,
        QREDO_SANDBOX_API_SECRET: undefined,
        QREDO_PRODUCTION_API_KEY: undefined,
        QREDO_PRODUCTION_API_SECRET: undefined,
      });
      const s = server;
      const client = createClient(s.port, { maxSockets: CLIENTS, token: s.token });
      const send = { environment: 'mock', method: 'GET', path: '/balance', body: null };
      // One send first, so the database and the mock are open before "start" is measured.
      const warm = await client.call('POST', '/api/send', { body: send });
      expect(warm.json.response?.status).toBe(200);
      const rssStart = s.rss();
      let rssPeak = rssStart;
      const rssSamples: number[] = [];
      const sampler = setInterval(() => {
        const now = s.rss();
        rssSamples.push(now);
        rssPeak = Math.max(rssPeak, now);
      }, 500);

      let ok = 0;
      const errors: string[] = [];
      const latencies: number[] = [];
      const deadline = performance.now() + SECONDS * 1000;
      const worker = async (): Promise<void> => {
        while (performance.now() < deadline) {
          try {
            const r = await client.call('POST', '/api/send', { body: send, timeoutMs: 30_000 });
            latencies.push(r.ms);
            if (
              r.status === 200 &&
              typeof r.json?.id === 'number' &&
              r.json.error === null &&
              r.json.response?.status === 200
            )
              ok += 1;
            else
              errors.push(
                `${r.status} ${r.json?.error?.code ?? r.json?.error ?? ''} ${r.json?.response?.status ?? ''}`,
              );
          } catch (e) {
            errors.push(String(e));
          }
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, worker));
      const elapsed = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const rssEnd = s.rss();

      const session = await client.call('GET', '/api/session');
      const list = await client.call('GET', '/api/history?limit=1');
      // How the history answers once it is this big (figures only).
      const firstPage = await client.call('GET', '/api/history');
      const search = await client.call('GET', '/api/history?q=no-such-text-anywhere');
      const filtered = await client.call('GET', '/api/history?status=5xx&environment=mock');
      expect([firstPage.status, search.status, filtered.status]).toEqual([200, 200, 200]);
      client.close();
      await s.stop();
      server = null;
      const db = checkDatabase(dataDir);
      latencies.sort((a, b) => a - b);

      printTable(`load: ${CLIENTS} clients, POST /api/send to the embedded mock, ${SECONDS} s`, [
        {
          seconds: Number(elapsed.toFixed(1)),
          sends: ok + errors.length,
          ok,
          errors: errors.length,
          perSecond: Math.round((ok + errors.length) / elapsed),
          p50ms: Math.round(percentile(latencies, 50)),
          p99ms: Math.round(percentile(latencies, 99)),
          maxMs: Math.round(latencies.at(-1) ?? 0),
          rssStartMB: Math.round(rssStart / MB),
          rssPeakMB: Math.round(rssPeak / MB),
          rssEndMB: Math.round(rssEnd / MB),
          // Resident memory at each quarter of the run: a leak climbs, a warm heap levels off.
          rssQuartersMB: [1, 2, 3]
            .map((q) => Math.round((rssSamples[Math.floor((q * rssSamples.length) / 4)] ?? 0) / MB))
            .join('/'),
          historyRows: db.entries,
          listMs: Math.round(firstPage.ms),
          searchMs: Math.round(search.ms),
          filterMs: Math.round(filtered.ms),
        },
      ]);

      expect(errors.slice(0, 5)).toEqual([]);
      expect(errors).toHaveLength(0);
      expect(ok).toBeGreaterThan(0);
      expect(session.status).toBe(200);
      expect(list.json.total).toBe(ok + 1);
      expect(db).toEqual({ integrity: 'ok', entries: ok + 1, data: ok + 1, search: ok + 1 });
      expect(rssEnd).toBeLessThan(rssStart + RSS_BOUND);
      // The server printed nothing secret (the demo secrets are the only ones this child knows).
      for (const k of DEMO_KEYS) expect(s.output()).not.toContain(k.secret);
    },
    (SECONDS + 90) * 1000,
  );
});
