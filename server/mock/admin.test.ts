import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../core/signing/index.ts';
import { type MockServer, startMockServer } from './server.ts';
import { type Answer, rawRequest } from '../../test-support/http-client.ts';
import { signedRequest } from '../../test-support/mock-client.ts';

const NOW = 1_700_000_000_000;
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => NOW, seed: 3 });
});
afterAll(() => server.close());

const reset = (opts: { method?: string; host?: string; headers?: Record<string, string>; target?: string } = {}) =>
  rawRequest({
    port: server.port,
    method: opts.method ?? 'POST',
    target: opts.target ?? '/__mock/reset',
    ...(opts.host ? { host: opts.host } : {}),
    headers: { 'content-length': '0', ...opts.headers },
  });

function expectRefused(res: Answer, status: number, reason: RegExp) {
  expect(res.status).toBe(status);
  expect(res.json).toMatchObject({ code: status, detail: { reason: expect.stringMatching(reason) } });
}

describe('POST /__mock/reset', () => {
  it('resets the state and names the seed', async () => {
    const tx = await signedRequest(server.port, 'full', 'POST', '/transaction', {
      timestamp: formatTimestamp(NOW),
      body: '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"1","gasLimit":"21000","chainID":"5"}',
    });
    expect(tx.status).toBe(200);
    const res = await reset();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ reset: true, seed: 3 });
    const status = await signedRequest(server.port, 'full', 'GET', `/transactions/${tx.json.txID}/status`, {
      timestamp: formatTimestamp(NOW),
    });
    expect(status.status).toBe(404);
    expect((await reset({ host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('needs no Qredo signature, and answers only POST at that one path', async () => {
    expectRefused(await reset({ method: 'GET' }), 405, /use POST \/__mock\/reset/);
    expectRefused(await reset({ target: '/__mock/other' }), 404, /no mock control endpoint/);
  });

  it('refuses a page: an Origin header, or a Host that is not loopback (DNS rebinding)', async () => {
    expectRefused(await reset({ headers: { origin: 'http://evil.example' } }), 403, /does not answer web pages/);
    expectRefused(await reset({ host: `evil.example:${server.port}` }), 403, /loopback host/);
  });
});
