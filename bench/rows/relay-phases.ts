/**
 * relay-phases: what recording the phases of an exchange (socket, lookup, connect, TLS, sent, first
 * byte, complete, bytes) costs. The same relay call to the same local upstream, with the recording
 * on and off, interleaved ABBA in one run; keep-alive on both sides, as the playground runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createRelay } from '../../server/relay/relay.ts';
import { median, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';

const LIMITS = { connectTimeoutMs: 5000, totalTimeoutMs: 10_000, maxResponseBytes: 1 << 20 };

export const relayPhases: BenchRow = {
  id: 'relay-phases',
  browser: false,
  async run(ctx) {
    const count = ctx.quick ? 50 : 3000;
    const warmup = ctx.quick ? 20 : 300;
    const server = http.createServer((_req, res) => res.end('{"ok":true}'));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qapi/v1/balance`;
    const withPhases = createRelay();
    const without = createRelay({ recordPhases: false });
    const on: number[] = [];
    const off: number[] = [];
    let errors = 0;
    const once = async (which: 'on' | 'off', into: number[] | null) => {
      const relay = which === 'on' ? withPhases : without;
      const t0 = performance.now();
      const out = await relay.send(
        { url, method: 'GET', headers: [['accept', 'application/json']], body: null },
        LIMITS,
      );
      const ms = performance.now() - t0;
      if (out.response?.status !== 200) errors++;
      into?.push(ms);
    };
    try {
      for (let i = 0; i < warmup; i++) {
        await once('on', null);
        await once('off', null);
      }
      for (let i = 0; i < count; i++) {
        if (i % 2 === 0) {
          await once('on', on);
          await once('off', off);
        } else {
          await once('off', off);
          await once('on', on);
        }
      }
    } finally {
      withPhases.close();
      without.close();
      server.closeAllConnections();
      server.close();
    }
    const a = median(on);
    const b = median(off);
    return {
      measurements: [
        measurement({
          id: 'relay-phases.median',
          unit: 'ms',
          value: round(a),
          reference: round(b),
          ratio: round(a / b),
          goal: 'added ≤ 0.02 ms',
          met: errors === 0 && a - b <= 0.02,
        }),
      ],
      notes: [
        `relay-phases: ${count} relay calls with the phases recorded and ${count} without, interleaved; reference = without; added ${round((a - b) * 1000)} µs per exchange; ${errors} errors.`,
      ],
    };
  },
};
