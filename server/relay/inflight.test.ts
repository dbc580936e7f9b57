/**
 * A long send can be watched and cancelled: GET /api/sends/:id tells how far it has got while it is
 * in flight, POST /api/sends/:id/cancel stops it, and it is recorded in history as cancelled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SendProgress } from '../../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { startUpstream, type Upstream } from '../../test-support/upstream.ts';

const SECRET = Buffer.from('$2a$10$InflightTestSecretForThePlaygroundOnly.0123456789abcd').toString('base64');
const SIZE = 20 * 1024 * 1024;
let p: TestPlayground | undefined;
let upstream: Upstream | undefined;
afterEach(async () => {
  await p?.close();
  await upstream?.close();
});

/** 20 MB announced, the first 320 KiB sent, the rest never: the download lasts until the test ends it. */
async function dripping(): Promise<string> {
  upstream = await startUpstream({
    answer: (_r, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(SIZE) });
      for (let i = 0; i < 5; i++) res.write(Buffer.alloc(64 * 1024, 0x61));
    },
  });
  return upstream.baseUrl;
}

describe('a send in flight', () => {
  it('tells how far it has got, can be cancelled, and is recorded as cancelled', async () => {
    const base = await dripping();
    p = await startTestPlayground({
      env: { QREDO_SANDBOX_API_KEY: 'inflightKey01', QREDO_SANDBOX_API_SECRET: SECRET },
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: base } }),
    });
    const sendId = 'download-0001';
    const sending = p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: '/big', body: null, sendId },
    });
    let progress: SendProgress | undefined;
    await expect
      .poll(
        async () => {
          const r = await p!.call('GET', `/api/sends/${sendId}`);
          if (r.status === 200) progress = SendProgress.parse(r.json);
          return progress !== undefined && progress.received > 256 * 1024;
        },
        { timeout: 20_000, interval: 50 },
      )
      .toBe(true);
    expect(progress).toMatchObject({ stage: 'receiving', expected: SIZE, bodyBytes: 0 });
    expect(progress!.sent).toBeGreaterThan(0);
    expect(progress!.received).toBeLessThan(SIZE);

    const cancel = await p.call('POST', `/api/sends/${sendId}/cancel`);
    expect(cancel.status).toBe(200);
    const result = (await sending).json;
    expect(result.error.code).toBe('cancelled');
    expect(result.error.message).toMatch(/^Cancelled by you after \d+ of 20971520 response bytes had arrived\.$/);
    expect(result.response.truncated).toBe(true);
    const list = await p.call('GET', '/api/history?limit=1');
    expect(list.json.entries[0]).toMatchObject({ id: result.id, errorCode: 'cancelled' });
    // Ended: forgotten.
    expect((await p.call('GET', `/api/sends/${sendId}`)).status).toBe(404);
    expect((await p.call('POST', `/api/sends/${sendId}/cancel`)).status).toBe(404);
  }, 60_000);

  it('refuses a malformed id, and an id already in flight', async () => {
    p = await startTestPlayground();
    expect((await p.call('GET', '/api/sends/x')).status).toBe(400);
    const base = await dripping();
    await p.close();
    p = await startTestPlayground({
      env: { QREDO_SANDBOX_API_KEY: 'inflightKey01', QREDO_SANDBOX_API_SECRET: SECRET },
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: base } }),
    });
    const body = { environment: 'sandbox', method: 'GET', path: '/big', body: null, sendId: 'twice-0001' };
    const first = p.call('POST', '/api/send', { body });
    await expect
      .poll(async () => (await p!.call('GET', '/api/sends/twice-0001')).status, { timeout: 10_000 })
      .toBe(200);
    const second = await p.call('POST', '/api/send', { body });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('send-id-in-use');
    await p.call('POST', '/api/sends/twice-0001/cancel');
    expect((await first).json.error.code).toBe('cancelled');
  }, 60_000);
});
