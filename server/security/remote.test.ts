/**
 * Loopback for real: a client on another address of this machine (not loopback) that forges
 * `Host: 127.0.0.1:PORT` and even carries the launch token is refused, and nothing reaches an
 * upstream; with PLAYGROUND_ALLOW_REMOTE=1 the token becomes the only key.
 */
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/http-client.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { startUpstream, type Upstream } from '../../test-support/upstream.ts';

const outside = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
if (!outside) console.warn('[remote test] skipped: this machine has no non-loopback IPv4 address to connect from');

const TOKEN = 'remote-test-token-0123456789abcdef';
let p: TestPlayground | undefined;
let upstream: Upstream | undefined;
afterEach(async () => {
  await p?.close();
  await upstream?.close();
});

/** The router on all interfaces, as HOST=0.0.0.0 would put it. */
async function listenEverywhere(env: Record<string, string>): Promise<number> {
  upstream = await startUpstream();
  const base = upstream.baseUrl;
  p = await startTestPlayground({
    env: { PLAYGROUND_TOKEN: TOKEN, QREDO_SANDBOX_API_KEY: 'k1', QREDO_SANDBOX_API_SECRET: 'JDJhJDEwJA', ...env },
    config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: base } }),
    listenOn: '0.0.0.0',
  });
  return p.port;
}

/** A GET from `address` with exactly these headers (no Host unless given). */
const call = (address: string, port: number, path: string, headers: Record<string, string>) =>
  rawRequest({ address, port, method: 'GET', target: path, host: null, headers });

describe.skipIf(!outside)('a client that is not on loopback', () => {
  it('is refused even with a forged loopback Host and the right token', async () => {
    const port = await listenEverywhere({});
    const forged = { host: `127.0.0.1:${port}`, authorization: `Bearer ${TOKEN}` };
    for (const path of ['/api/session', '/api/history']) {
      const r = await call(outside!, port, path, forged);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text).error.code).toBe('not-loopback');
    }
    // The same request from loopback is the page's own.
    expect((await call('127.0.0.1', port, '/api/session', forged)).status).toBe(200);
    expect(upstream!.received).toHaveLength(0);
  });

  it('with PLAYGROUND_ALLOW_REMOTE=1, gets in with the token only', async () => {
    const port = await listenEverywhere({ PLAYGROUND_ALLOW_REMOTE: '1' });
    const host = `${outside}:${port}`;
    expect((await call(outside!, port, '/api/session', { host })).status).toBe(401);
    expect((await call(outside!, port, '/api/session', { host, authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});
