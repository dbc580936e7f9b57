/**
 * http-import: a .http file of 1,000 requests (file variables, headers, JSON bodies) imported through
 * POST /api/import into a new collection, over HTTP through the in-process router: parse, checks
 * for secrets, storing in SQLite, the answer. Reference, in the same run: core/workbench's
 * importHttpFile alone on the same text, in this process (the bare parse). Interleaved, median.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { importHttpFile } from '../../core/workbench/http-file.ts';
import { hostPlayground, send, type RequestSpec } from '../lib/playground.ts';
import { median, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';
import { bigHttpFile } from '../lib/workbench-data.ts';

export const httpImport: BenchRow = {
  id: 'http-import',
  browser: false,
  async run(ctx) {
    const size = ctx.quick ? 100 : 1000;
    const rounds = ctx.quick ? 3 : 15;
    const pg = await hostPlayground();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const bases = pg.services.config.baseUrls;
    const text = bigHttpFile(size, bases.mock);
    const body = Buffer.from(JSON.stringify({ text, format: 'http', fileName: 'big.http' }));
    const spec: RequestSpec = {
      port: pg.port,
      method: 'POST',
      path: '/api/import',
      headers: { authorization: `Bearer ${pg.token}`, 'content-type': 'application/json' },
      body,
    };
    const ours: number[] = [];
    const parse: number[] = [];
    const importOnce = async (into: number[] | null) => {
      const t0 = performance.now();
      const reply = await send(agent, spec);
      const ms = performance.now() - t0;
      const json = JSON.parse(reply.body.toString('utf8')) as { collection?: { id: number; requests: number } };
      if (reply.status !== 201 || json.collection?.requests !== size)
        throw new Error(`POST /api/import answered ${reply.status}: ${reply.body.toString('utf8').slice(0, 200)}`);
      into?.push(ms);
      // Not timed: the next import makes a collection of its own.
      pg.services.workbench().collections.delete(json.collection.id);
    };
    const parseOnce = (into: number[] | null) => {
      const t0 = performance.now();
      const r = importHttpFile(text, { bases, name: 'big' });
      const ms = performance.now() - t0;
      if (r.collection.items.length !== size) throw new Error(`The parse found ${r.collection.items.length} requests.`);
      into?.push(ms);
    };
    try {
      await importOnce(null);
      parseOnce(null);
      for (let i = 0; i < rounds; i++) {
        if (i % 2 === 0) {
          await importOnce(ours);
          parseOnce(parse);
        } else {
          parseOnce(parse);
          await importOnce(ours);
        }
      }
    } finally {
      agent.destroy();
      await pg.close();
    }
    const tag = size >= 1000 ? `${size / 1000}k` : String(size);
    const value = median(ours);
    return {
      measurements: [
        measurement({
          id: `http-import.${tag}`,
          unit: 'ms',
          value: round(value),
          reference: round(median(parse)),
          goal: '≤ 500 ms',
          met: value <= 500,
        }),
      ],
      notes: [
        `http-import: a .http file of ${size} requests (${round(text.length / 1024)} KiB: file variables, two headers each, a JSON body on 1 in 7) through POST /api/import into a new collection, median of ${rounds} after one warm-up; reference = importHttpFile on the same text in this process (the parse alone), interleaved. The difference is the secret checks, SQLite and the HTTP exchange.`,
      ],
    };
  },
};
