/**
 * collection-scale: a collection of 1,000 saved requests (50 to a folder, folders two deep), stored
 * through the collection store into the in-process router's database, opened and searched through
 * the real /api router over HTTP, as the page asks:
 *   open:   GET /api/collections/:id, the whole tree (every request with its headers and body);
 *   search: GET /api/saved-requests?q=needle (1 request in 100 matches).
 * Reference, in the same database and the same run: the history of 1,000 entries, listed whole
 * (GET /api/history?limit=1000) and searched for the same marker (GET /api/history?q=needle).
 * Interleaved A B B A after a warm-up, one keep-alive connection.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { SEARCH_MARKER, fillHistory } from '../lib/history-fill.ts';
import { hostPlayground, send, type RequestSpec } from '../lib/playground.ts';
import { median, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';
import { bigCollection } from '../lib/workbench-data.ts';

export const collectionScale: BenchRow = {
  id: 'collection-scale',
  browser: false,
  async run(ctx) {
    const size = ctx.quick ? 100 : 1000;
    const rounds = ctx.quick ? 5 : 50;
    const warmup = ctx.quick ? 2 : 10;
    const pg = await hostPlayground();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string): RequestSpec => ({
      port: pg.port,
      method: 'GET',
      path,
      headers: { authorization: `Bearer ${pg.token}` },
      body: null,
    });
    const timed = async (spec: RequestSpec, into: number[] | null, check: (json: unknown) => boolean) => {
      const t0 = performance.now();
      const reply = await send(agent, spec);
      const ms = performance.now() - t0;
      if (reply.status !== 200 || !check(JSON.parse(reply.body.toString('utf8'))))
        throw new Error(`${spec.path} answered ${reply.status}: ${reply.body.toString('utf8').slice(0, 200)}`);
      into?.push(ms);
      return reply.body.length;
    };
    try {
      const t0 = performance.now();
      const { summary } = pg.services.workbench().collections.importCollection(bigCollection('Big', size));
      const stored = performance.now() - t0;
      fillHistory(pg.dataDir, size);
      const matching = size / 100;

      type J = Record<string, unknown>;
      const pairs = {
        open: {
          ours: get(`/api/collections/${summary.id}`),
          oursOk: (j: unknown) => (j as J).requests === size,
          ref: get(`/api/history?limit=${size}`),
          refOk: (j: unknown) => ((j as J).entries as unknown[]).length === size,
        },
        search: {
          ours: get(`/api/saved-requests?q=${SEARCH_MARKER}&limit=200`),
          oursOk: (j: unknown) => (j as J).total === matching,
          ref: get(`/api/history?q=${SEARCH_MARKER}&limit=200`),
          refOk: (j: unknown) => (j as J).total === matching,
        },
      };
      const times = {
        open: { ours: [] as number[], ref: [] as number[] },
        search: { ours: [] as number[], ref: [] as number[] },
      };
      const bytes = { open: { ours: 0, ref: 0 }, search: { ours: 0, ref: 0 } };
      for (const key of ['open', 'search'] as const) {
        const p = pairs[key];
        for (let i = 0; i < warmup; i++) {
          await timed(p.ours, null, p.oursOk);
          await timed(p.ref, null, p.refOk);
        }
        for (let i = 0; i < rounds; i++) {
          // ABBA: neither side always goes first.
          if (i % 2 === 0) {
            bytes[key].ours = await timed(p.ours, times[key].ours, p.oursOk);
            bytes[key].ref = await timed(p.ref, times[key].ref, p.refOk);
          } else {
            bytes[key].ref = await timed(p.ref, times[key].ref, p.refOk);
            bytes[key].ours = await timed(p.ours, times[key].ours, p.oursOk);
          }
        }
      }
      const list: number[] = [];
      for (let i = 0; i < rounds; i++) await timed(get('/api/collections'), list, () => true);

      const tag = size >= 1000 ? `${size / 1000}k` : String(size);
      const open = median(times.open.ours);
      const search = median(times.search.ours);
      return {
        measurements: [
          measurement({
            id: `collection-scale.${tag}.open`,
            unit: 'ms',
            value: round(open),
            reference: round(median(times.open.ref)),
            goal: '≤ 50 ms',
            met: open <= 50,
          }),
          measurement({
            id: `collection-scale.${tag}.search`,
            unit: 'ms',
            value: round(search),
            reference: round(median(times.search.ref)),
            goal: '≤ 20 ms',
            met: search <= 20,
          }),
        ],
        notes: [
          `collection-scale: ${size} saved requests in ${size / 50} folders of 50 (each with a "Reads" folder inside), stored in ${round(stored)} ms; median of ${rounds} over HTTP after ${warmup} warm-up pairs, interleaved with the reference: the history with ${size} entries in the same database (open = GET /api/history?limit=${size}; search = GET /api/history?q=${SEARCH_MARKER}).`,
          `collection-scale.${tag}: open answers ${round(bytes.open.ours / 1024)} KiB (the history list ${round(bytes.open.ref / 1024)} KiB); search finds ${matching} of ${size}; GET /api/collections (the list of collections) takes ${round(median(list))} ms.`,
        ],
      };
    } finally {
      agent.destroy();
      await pg.close();
    }
  },
};
