import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoKey } from '../../core/contract.ts';
import { HEADER_SIGNATURE, formatTimestamp } from '../../core/signing/index.ts';
import { type MockServer, startMockServer } from './server.ts';
import { rawRequest } from '../../test-support/http-client.ts';
import { signHeaders, signedRequest } from '../../test-support/mock-client.ts';

const NOW = 1_700_000_000_000;
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => NOW });
});
afterAll(() => server.close());

const call = (key: DemoKey, path = '/balance') =>
  signedRequest(server.port, key, 'GET', path, { timestamp: formatTimestamp(NOW) });

async function spoilt(key: DemoKey) {
  const headers = await signHeaders(key, {
    timestamp: formatTimestamp(NOW),
    method: 'GET',
    url: `http://127.0.0.1:${server.port}/qapi/v1/balance`,
    body: null,
  });
  headers[HEADER_SIGNATURE] = 'x'.repeat(43);
  return rawRequest({ port: server.port, method: 'GET', target: '/qapi/v1/balance', headers });
}

describe('fault keys', () => {
  it('rate-limited: every 3rd correctly signed request answers 429 with Retry-After', async () => {
    server.reset();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call('rate-limited', i % 2 ? '/funds' : '/balance')).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200]);

    server.reset();
    await call('rate-limited');
    await call('rate-limited');
    const limited = await call('rate-limited');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.json).toEqual({
      code: 429,
      msg: 'Too Many Requests',
      detail: {
        reason:
          'too many requests: the "rate-limited" demo key answers 429 to every 3rd request (this is request 3); retry after 2 s',
      },
    });
  });

  it('rate-limited: a badly signed request gets its 401 and is not counted', async () => {
    server.reset();
    expect((await call('rate-limited')).status).toBe(200);
    expect((await spoilt('rate-limited')).status).toBe(401);
    expect((await call('rate-limited')).status).toBe(200);
    expect((await call('rate-limited')).status).toBe(429);
  });

  it('rate-limited: other keys are not counted, and reset() starts the count again', async () => {
    server.reset();
    await call('rate-limited');
    await call('full');
    await call('full');
    expect((await call('full')).status).toBe(200);
    server.reset();
    expect((await call('rate-limited')).status).toBe(200);
    expect((await call('rate-limited')).status).toBe(200);
  });

  it('unavailable: every correctly signed request answers 503 with Retry-After; a bad one still 401', async () => {
    for (const path of ['/balance', '/account', '/transactions/nope/status']) {
      const res = await call('unavailable', path);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json).toMatchObject({ code: 503, msg: 'Service Unavailable' });
    }
    expect((await spoilt('unavailable')).status).toBe(401);
  });
});
