/**
 * A real 200 MB body through POST /api/send with the default 20 MiB cap: 20 MiB kept and marked,
 * history cut at its own cap, and the relay stops reading at the cap instead of draining the rest:
 * the upstream never finishes its answer, and most of the 200 MB never leaves it. Asserted on the
 * bytes and the order of events, never on a duration (server/relay/upstream-faults.test.ts has the
 * other faults, with a 1 MiB cap).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RelayResult } from '../../core/contract.ts';
import { FAULT_PATHS, startFaultUpstream, type FaultUpstream } from '../../test-support/faults.ts';
import { MB, printTable } from '../../test-support/figures.ts';
import { checkDatabase } from '../../test-support/history-db.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';

const SECRET = Buffer.from('$2a$10$FaultInjectionTestSecretForThePlayground.0123456789ab').toString('base64');
const ENV = { QREDO_SANDBOX_API_KEY: 'faultTestKey01', QREDO_SANDBOX_API_SECRET: SECRET };
const SIZE = 200 * MB;

let fault: FaultUpstream | undefined;
let p: TestPlayground | undefined;
afterAll(async () => {
  await p?.close();
  await fault?.close();
});

describe('a 200 MB upstream body', () => {
  it('keeps 20 MiB, marked truncated; history cuts at its own cap; the rest is never read', async () => {
    fault = await startFaultUpstream();
    const dataDir = tempDir('playground-faults-200mb-');
    const base = fault.baseUrl;
    p = await startTestPlayground({
      dataDir,
      env: ENV,
      // The default cap (20 MiB) from loadConfig; only the timeouts are set here.
      config: (c) => ({
        ...c,
        baseUrls: { ...c.baseUrls, sandbox: base, production: base },
        relay: { ...c.relay, connectTimeoutMs: 2000, totalTimeoutMs: 10_000 },
      }),
    });
    expect(p.services.config.relay.maxResponseBytes).toBe(20 * MB);
    const sent = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: FAULT_PATHS.huge(SIZE), body: null },
    });
    expect(sent.status).toBe(200);
    const result = RelayResult.parse(sent.json);
    // Not the timeout: the cap ended the exchange.
    expect(result.error).toBeNull();
    expect(result.response).toMatchObject({ status: 200, size: 20 * MB, truncated: true });
    expect(result.response!.body.length).toBe(20 * MB);

    // The upstream's answer was cut under it, never written to its end, and most of it never left:
    // the relay stopped reading at the cap (socket buffers hold a few MB more, never 100).
    const upstream = fault.received.at(-1)!;
    await upstream.settled;
    expect(upstream.finished).toBe(false);
    expect(upstream.bytesOut).toBeGreaterThanOrEqual(20 * MB);
    expect(upstream.bytesOut).toBeLessThan(SIZE / 2);

    const stored = await p.call('GET', `/api/history/${result.id}`);
    expect(stored.status).toBe(200);
    const cap = p.services.config.historyBodyCapBytes;
    expect(stored.json.response).toMatchObject({ status: 200, size: 20 * MB, truncated: true });
    expect(stored.json.response.body).toBe('x'.repeat(cap));
    expect({ ...stored.json, response: null }).toEqual({ ...sent.json, response: null });
    expect((await p.call('GET', '/api/session')).status).toBe(200);
    expect(checkDatabase(dataDir)).toEqual({ integrity: 'ok', entries: 1, data: 1, search: 1 });

    // The secret is in no answer, log line or history file.
    const keyText = Buffer.from(SECRET, 'base64').toString('utf8');
    const needles = [SECRET, keyText, Buffer.from(keyText).toString('hex')];
    for (const text of [...p.answers, ...p.logs]) for (const n of needles) expect(text.includes(n)).toBe(false);
    for (const file of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, file));
      for (const n of needles) expect(bytes.includes(Buffer.from(n))).toBe(false);
    }

    printTable('a 200 MB body, default 20 MiB cap', [
      {
        kept: result.response!.size,
        truncated: true,
        upstreamBytesOut: upstream.bytesOut,
        ttfbMs: Math.round(result.timings.ttfbMs ?? 0),
        totalMs: Math.round(result.timings.totalMs),
      },
    ]);
  }, 60_000);
});
