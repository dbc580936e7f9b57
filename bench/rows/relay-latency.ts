/**
 * relay-latency: POST /api/send (GET /balance to the embedded mock) against the same signed request
 * sent straight to the mock from this process. Warm, one request at a time, interleaved in an order
 * that turns every round so drift on a busy machine hits every side alike; a keep-alive agent on
 * each side. The floor: the signed request through a bare Node proxy (no contract, signing, history
 * or redaction), i.e. the two loopback hops alone; and the same proxy committing a history entry to
 * the playground's own SQLite store before it answers, the one piece of the relay's work that the
 * issue requires on the answer's path (history is recorded before the answer).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { HistoryEntry } from '../../core/contract.ts';
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
    const proxy = await startBareProxy(pg.mock.port);
    const proxyAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // An entry as the relay records it for this request, taken from one real send; the recording
    // proxy stores it again with the answer it passes on, so each commit writes what the relay's does.
    const sampleReply = await send(relayAgent, relay);
    if (!relayOk(sampleReply)) throw new Error(`POST /api/send failed: ${sampleReply.body.toString('utf8')}`);
    const { id: _id, ...sample } = JSON.parse(sampleReply.body.toString('utf8')) as HistoryEntry;
    const store = pg.services.history();
    const recording = await startBareProxy(pg.mock.port, (status, body) => {
      if (!sample.response) throw new Error('The sample exchange has no response.');
      store.record({ ...sample, createdAt: Date.now(), response: { ...sample.response, status, body } });
    });
    const recordingAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ours: number[] = [];
    const direct: number[] = [];
    const bare: number[] = [];
    const recorded: number[] = [];
    let errors = 0;
    try {
      const once = async (which: Side, into: number[] | null) => {
        if (which === 'relay') {
          const t0 = performance.now();
          const reply = await send(relayAgent, relay);
          const ms = performance.now() - t0;
          if (!relayOk(reply)) errors++;
          into?.push(ms);
        } else {
          const spec = await directSpec(pg.mock.port);
          if (which === 'bare') spec.port = proxy.port;
          if (which === 'recorded') spec.port = recording.port;
          const agent = which === 'bare' ? proxyAgent : which === 'recorded' ? recordingAgent : directAgent;
          const t0 = performance.now();
          const reply = await send(agent, spec);
          const ms = performance.now() - t0;
          if (reply.status !== 200) errors++;
          into?.push(ms);
        }
      };
      for (let i = 0; i < warmup; i++) {
        await once('relay', null);
        await once('direct', null);
        await once('bare', null);
        await once('recorded', null);
      }
      errors = 0;
      const into = { relay: ours, direct, bare, recorded };
      for (let i = 0; i < count; i++) {
        // Every order of the four in turn: no side always goes first or follows the same one.
        for (const which of ORDERS[i % ORDERS.length]!) await once(which, into[which]);
      }
    } finally {
      relayAgent.destroy();
      directAgent.destroy();
      proxyAgent.destroy();
      recordingAgent.destroy();
      await proxy.close();
      await recording.close();
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
          // Two loopback hops (page → playground → upstream); the floor row below is those hops alone.
          goal: 'ratio ≤ 2.5',
          met: errors === 0 && ratio <= 2.5,
        }),
        measurement({
          id: 'relay-latency.floor.median',
          unit: 'ms',
          value: round(median(bare)),
          reference: round(directMedian),
          ratio: round(median(bare) / directMedian),
          goal: '—',
          met: null,
        }),
        measurement({
          id: 'relay-latency.floor-with-history.median',
          unit: 'ms',
          value: round(median(recorded)),
          reference: round(directMedian),
          ratio: round(median(recorded) / directMedian),
          goal: '—',
          met: null,
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
        `relay-latency: ${count} sends through POST /api/send, ${count} signed GET /balance straight to the mock and ${count} through a bare Node proxy, interleaved, after ${warmup} warm-up rounds; reference = straight to the mock; floor = the same signed request through a bare proxy in this process (keep-alive to the mock, answer buffered and passed on; no contract, signing, history or redaction), the two hops alone; floor-with-history = that proxy committing the relay's history entry for the request (taken from a real send, with the answer passed on) to the playground's SQLite store before it answers; ${errors} errors. The goal leaves ${round(Math.max(0, 2.5 * directMedian - median(recorded)) * 1000)} µs beyond the floor with history for the rest of the relay's work (perimeter, contract, signing, redaction, the answer); it takes ${round((oursMedian - median(recorded)) * 1000)} µs.`,
      ],
    };
  },
};

type Side = 'relay' | 'direct' | 'bare' | 'recorded';

/** Every order of the items, each once. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]),
  );
}

const ORDERS: Side[][] = permutations<Side>(['relay', 'direct', 'bare', 'recorded']);

/**
 * The least a relay can be: an HTTP server that sends each request on to the mock over a keep-alive
 * agent (with the mock's host, as signed) and passes the whole answer back; with `record`, called
 * with the answer before it is passed back.
 */
async function startBareProxy(
  upstreamPort: number,
  record?: (status: number, body: string) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = http.request(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` },
          agent,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            const bytes = Buffer.concat(body);
            try {
              record?.(answer.statusCode ?? 0, bytes.toString('utf8'));
            } catch (e) {
              // Counted as an error by the caller, and said.
              res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
              return;
            }
            res.writeHead(answer.statusCode ?? 502, {
              'content-type': answer.headers['content-type'] ?? 'application/octet-stream',
              'content-length': bytes.length,
            });
            res.end(bytes);
          });
        },
      );
      up.on('error', () => res.writeHead(502).end());
      up.end(chunks.length ? Buffer.concat(chunks) : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
