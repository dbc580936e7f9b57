/**
 * relay-throughput: sends per second through POST /api/send with 32 concurrent clients, each send
 * relayed to the embedded mock and recorded in history; reference: the same 32 clients sending signed
 * GET /balance straight to the mock. The clients run in a child process.
 */
import { runLoad } from '../lib/load.ts';
import { hostPlayground } from '../lib/playground.ts';
import { round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';

export const relayThroughput: BenchRow = {
  id: 'relay-throughput',
  browser: false,
  async run(ctx) {
    const concurrency = ctx.quick ? 4 : 32;
    const durationMs = ctx.quick ? 500 : 20_000;
    const warmupMs = ctx.quick ? 200 : 2_000;
    const pg = await hostPlayground();
    try {
      const ours = await runLoad(ctx.root, {
        mode: 'relay',
        port: pg.port,
        token: pg.token,
        concurrency,
        warmupMs,
        durationMs,
      });
      const historyCount = pg.services.history().count();
      const direct = await runLoad(ctx.root, {
        mode: 'direct',
        port: pg.mock.port,
        token: '',
        concurrency,
        warmupMs,
        durationMs,
      });
      const perSecond = (ours.inWindow * 1000) / ours.windowMs;
      const refPerSecond = (direct.inWindow * 1000) / direct.windowMs;
      const historyOk = historyCount === ours.answered;
      const notes = [
        `relay-throughput: ${concurrency} clients for ${durationMs / 1000} s after ${warmupMs / 1000} s of warm-up, in a child process; ${ours.answered} sends answered, history holds ${historyCount} entries (${historyOk ? 'equal' : 'NOT equal'}); ${ours.errors} errors${ours.firstError ? ` (first: ${ours.firstError})` : ''}; reference = the same clients straight to the mock (${direct.errors} errors).`,
      ];
      return {
        measurements: [
          measurement({
            id: 'relay-throughput',
            unit: 'sends/s',
            value: round(perSecond),
            reference: round(refPerSecond),
            goal: '≥ 1,500/s, 0 errors, history = sends',
            met: perSecond >= 1500 && ours.errors === 0 && historyOk,
          }),
        ],
        notes,
      };
    } finally {
      await pg.close();
    }
  },
};
