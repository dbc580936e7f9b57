/**
 * relay-latency: POST /api/send (GET /balance to the embedded mock) against the same signed request
 * sent straight to the mock from this process. Warm, one request at a time, interleaved A/B/B/A so
 * drift on a busy machine hits both sides alike; a keep-alive agent on each side.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { directSpec, hostPlayground, relayOk, relaySpec, send } from '../lib/playground.ts';
import { median, percentile, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';

export const relayLatency: BenchRow = {
  id: 'relay-latency',
  browser: false,
  async run(ctx) {
    const count = ctx.quick ? 50 : 2000;
    const warmup = ctx.quick ? 20 : 300;
    const pg = await hostPlayground();
    const relayAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const directAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const relay = relaySpec(pg.port, pg.token);
    const ours: number[] = [];
    const direct: number[] = [];
    let errors = 0;
    try {
      const once = async (which: 'relay' | 'direct', into: number[] | null) => {
        if (which === 'relay') {
          const t0 = performance.now();
          const reply = await send(relayAgent, relay);
          const ms = performance.now() - t0;
          if (!relayOk(reply)) errors++;
          into?.push(ms);
        } else {
          const spec = await directSpec(pg.mock.port);
          const t0 = performance.now();
          const reply = await send(directAgent, spec);
          const ms = performance.now() - t0;
          if (reply.status !== 200) errors++;
          into?.push(ms);
        }
      };
      for (let i = 0; i < warmup; i++) {
        await once('relay', null);
        await once('direct', null);
      }
      errors = 0;
      for (let i = 0; i < count; i++) {
        // ABBA: neither side always goes first.
        if (i % 2 === 0) {
          await once('relay', ours);
          await once('direct', direct);
        } else {
          await once('direct', direct);
          await once('relay', ours);
        }
      }
    } finally {
      relayAgent.destroy();
      directAgent.destroy();
      await pg.close();
    }

    const oursMedian = median(ours);
    const directMedian = median(direct);
    const added = oursMedian - directMedian;
    const ratio = oursMedian / directMedian;
    return {
      measurements: [
        measurement({
          id: 'relay-latency.median-added',
          unit: 'ms',
          value: round(added),
          reference: null,
          goal: '≤ 0.5 ms',
          met: errors === 0 && added <= 0.5,
        }),
        measurement({
          id: 'relay-latency.median',
          unit: 'ms',
          value: round(oursMedian),
          reference: round(directMedian),
          ratio: round(ratio),
          // Two loopback hops (page → playground → upstream) are the floor, a ratio of about 2.
          goal: 'ratio ≤ 2.5',
          met: errors === 0 && ratio <= 2.5,
        }),
        measurement({
          id: 'relay-latency.p99',
          unit: 'ms',
          value: round(percentile(ours, 99)),
          reference: round(percentile(direct, 99)),
          ratio: round(percentile(ours, 99) / percentile(direct, 99)),
          goal: '—',
          met: null,
        }),
      ],
      notes: [
        `relay-latency: ${count} sends through POST /api/send and ${count} signed GET /balance straight to the mock, interleaved, after ${warmup} warm-up pairs; reference = straight to the mock; ${errors} errors.`,
      ],
    };
  },
};
