/**
 * Where a relayed exchange's time went, phase by phase, from the socket's own events: present and
 * in order for plain HTTP (by name, so with a lookup), for HTTPS against a local upstream with a
 * self-signed certificate the test trusts, and for a reused keep-alive connection; and the HAR
 * `timings` object follows them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayPhases } from '../../core/contract.ts';
import { harTimings, phaseDurations } from '../../core/timings.ts';
import { closedPort } from '../../test-support/faults.ts';
import { TEST_TLS, startUpstream, type Answer } from '../../test-support/upstream.ts';
import { createRelay, type Relay } from './relay.ts';

const limits = { connectTimeoutMs: 5000, totalTimeoutMs: 10_000, maxResponseBytes: 1 << 24 };
const closers: Array<() => unknown> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const THINK_MS = 300;
/** When the upstream received each request and when it began its answer (same clock as the relay's). */
const thinking: Array<{ from: number; until: number }> = [];
const answer: Answer = (_r, res) => {
  // The server "thinks" a little before answering, and sends a body worth receiving.
  const from = performance.now();
  setTimeout(() => {
    thinking.push({ from, until: performance.now() });
    res.end('x'.repeat(200_000));
  }, THINK_MS);
};

/** A recording upstream (test-support/upstream.ts) that thinks before answering; HTTPS with the test certificate. */
async function thinkingUpstream(opts: { tls?: boolean } = {}): Promise<number> {
  const upstream = await startUpstream({ answer, ...opts });
  closers.push(() => upstream.close());
  return upstream.port;
}

function relayed(relay: Relay, url: string) {
  closers.push(() => relay.close());
  return relay.send(
    { url, method: 'POST', headers: [['accept', '*/*']], body: new TextEncoder().encode('{"a":1}') },
    limits,
  );
}

/** Every recorded point, in the order a fresh connection passes them. */
function expectOrdered(p: RelayPhases, points: Array<keyof RelayPhases>): void {
  const values = points.map((name) => ({ name, at: p[name] }));
  for (const v of values) expect(v.at, `${v.name} recorded`).toEqual(expect.any(Number));
  for (let i = 1; i < values.length; i++)
    expect(
      (values[i]!.at as number) >= (values[i - 1]!.at as number),
      `${values[i - 1]!.name} ≤ ${values[i]!.name}`,
    ).toBe(true);
}

describe('relay phases', () => {
  it('plain HTTP by host name: socket, lookup, connect, request sent, first byte, complete', async () => {
    const port = await thinkingUpstream();
    const out = await relayed(createRelay(), `http://localhost:${port}/qapi/v1/x`);
    expect(out.error).toBeNull();
    const p = out.timings.phases;
    expect(p.reused).toBe(false);
    expect(p.tls).toBeNull();
    expectOrdered(p, ['socket', 'dns', 'connect', 'requestSent', 'firstByte', 'complete']);
    expect(p.complete).toBe(out.timings.totalMs);
    expect(p.firstByte).toBe(out.timings.ttfbMs);
    expect(p.bytesRead).toBeGreaterThan(200_000);
    expect(p.bytesWritten).toBeGreaterThan(7);
    const d = phaseDurations(out.timings);
    // The server's thinking is in the wait: the request was sent before the server had it, and the
    // first byte came after the server answered (an order of events, not a comparison of speeds).
    const think = thinking.at(-1)!;
    expect(d.wait).toBeGreaterThanOrEqual(think.until - think.from);
  });

  it('HTTPS to a self-signed upstream the test trusts: the TLS handshake between connect and request', async () => {
    const port = await thinkingUpstream({ tls: true });
    const out = await relayed(
      createRelay({ agentOptions: { ca: TEST_TLS.cert } }),
      `https://127.0.0.1:${port}/qapi/v1/x`,
    );
    expect(out.error).toBeNull();
    const p = out.timings.phases;
    // An IP address needs no lookup.
    expect(p.dns).toBeNull();
    expectOrdered(p, ['socket', 'connect', 'tls', 'requestSent', 'firstByte', 'complete']);
    const har = harTimings(out.timings);
    expect(har.ssl).toBeGreaterThanOrEqual(0);
    expect(har.connect).toBeGreaterThanOrEqual(har.ssl);
    expect(har.dns).toBe(-1);
  });

  it('a reused keep-alive connection has no lookup, connect or TLS, and says so', async () => {
    const port = await thinkingUpstream();
    const relay = createRelay();
    const url = `http://localhost:${port}/qapi/v1/x`;
    const first = await relayed(relay, url);
    const second = await relayed(relay, url);
    expect(first.timings.phases.reused).toBe(false);
    const p = second.timings.phases;
    expect(p.reused).toBe(true);
    expect([p.dns, p.connect, p.tls]).toEqual([null, null, null]);
    expectOrdered(p, ['socket', 'requestSent', 'firstByte', 'complete']);
    expect(phaseDurations(second.timings)).toMatchObject({ dns: -1, connect: -1, ssl: -1 });
  });

  it('HAR timings are the recorded phases, and add up to the total', async () => {
    const port = await thinkingUpstream();
    const out = await relayed(createRelay(), `http://localhost:${port}/qapi/v1/x`);
    const p = out.timings.phases;
    const har = harTimings(out.timings);
    expect(har.blocked).toBeCloseTo(p.socket!, 6);
    expect(har.dns).toBeCloseTo(p.dns! - p.socket!, 6);
    expect(har.connect).toBeCloseTo(p.connect! - p.dns!, 6);
    expect(har.send).toBeCloseTo(p.requestSent! - p.connect!, 6);
    expect(har.wait).toBeCloseTo(p.firstByte! - p.requestSent!, 6);
    expect(har.receive).toBeCloseTo(p.complete! - p.firstByte!, 6);
    const sum = har.blocked + har.dns + har.connect + har.send + har.wait + har.receive;
    expect(sum).toBeCloseTo(out.timings.totalMs, 6);
  });

  it('an upstream that is not there records the socket but no connect', async () => {
    const port = await closedPort();
    const out = await relayed(createRelay(), `http://127.0.0.1:${port}/qapi/v1/x`);
    expect(out.error?.code).toBe('upstream-unreachable');
    expect(out.timings.phases.connect).toBeNull();
    expect(out.timings.phases.complete).toBeNull();
  });
});
