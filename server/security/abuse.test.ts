/**
 * Nothing a request carries takes the server down, and bad input gets a clear 4xx: the doctor's
 * limits, deep JSON, a large send beside other requests, key ids that cannot be headers, damaged
 * history rows, control characters in a search, and signatures that would be capabilities.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeJson } from '../../core/doctor/index.ts';
import { CREDENTIALS_FILE } from '../config/credentials.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { startUpstream, type Upstream } from '../../test-support/upstream.ts';
import { createDoctorRunner } from '../doctor/run.ts';
import { HISTORY_FILE } from '../history/store.ts';

const SECRET = Buffer.from('$2a$10$AbuseTestSecretForThePlaygroundOnly.0123456789abcdefg').toString('base64');
let p: TestPlayground | undefined;
let upstream: Upstream | undefined;
afterEach(async () => {
  await p?.close();
  await upstream?.close();
  p = undefined;
  upstream = undefined;
});

async function withProduction(env: Record<string, string> = {}): Promise<TestPlayground> {
  upstream = await startUpstream();
  const base = upstream.baseUrl;
  p = await startTestPlayground({
    env: { QREDO_PRODUCTION_API_KEY: 'abuseTestKey01', QREDO_PRODUCTION_API_SECRET: SECRET, ...env },
    config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, production: base, sandbox: base } }),
  });
  return p;
}

const capture = (body: string | null, method = 'POST') => ({
  environment: 'mock',
  capture: {
    timestamp: String(Math.floor(Date.now() / 1000)),
    method,
    url: 'http://127.0.0.1:8002/qapi/v1/transaction',
    body,
    signature: 'x'.repeat(43),
  },
});

describe('the doctor within limits', () => {
  it('answers a 20 MB capture with 413 and stays up', async () => {
    p = await startTestPlayground();
    const r = await p.call('POST', '/api/doctor', { body: capture('{"a":"' + 'x'.repeat(20 * 1024 * 1024) + '"}') });
    expect(r.status).toBe(413);
    expect(r.json.error.message).toMatch(/limit|bytes/);
    expect((await p.call('GET', '/api/session')).status).toBe(200);
  });

  it('answers a capture body over 1 MiB (inside the request limit) with 413 capture-too-large', async () => {
    p = await startTestPlayground();
    const r = await p.call('POST', '/api/doctor', { body: capture('x'.repeat(1024 * 1024 + 1)) });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('capture-too-large');
  });

  it('diagnoses a 1 MiB JSON capture', async () => {
    p = await startTestPlayground();
    const r = await p.call('POST', '/api/doctor', {
      body: capture(JSON.stringify({ a: 'y'.repeat(1024 * 1024 - 16) })),
    });
    expect(r.status).toBe(200);
    expect(r.json.variantsTried).toBeGreaterThan(100);
  });

  it('refuses a body nested 10,000 deep with 422, and writes such JSON without recursion', async () => {
    p = await startTestPlayground();
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const r = await p.call('POST', '/api/doctor', { body: capture(deep) });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('capture-too-deep');
    const value = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    const style = { indent: null, itemSeparator: ',', keySeparator: ':', sortKeys: false, asciiOnly: false };
    expect(writeJson(value, style)).toHaveLength(200_000);
  });

  it('gives up past its time limit with 422, replaces its worker, and diagnoses the next capture', async () => {
    const runner = createDoctorRunner({ timeoutMs: 1 });
    const job = { timestamp: '1', method: 'GET', url: 'https://x/', body: null, signature: 'x' };
    await expect(runner.run(job, new Uint8Array(32), {})).rejects.toMatchObject({ status: 422, code: 'doctor-limit' });
    const patient = createDoctorRunner();
    await expect(patient.run(job, new Uint8Array(32), {})).resolves.toMatchObject({ valid: false });
    await runner.close();
    await patient.close();
  }, 30_000);

  it('refuses past its memory ceiling with 422 instead of dying', async () => {
    const runner = createDoctorRunner({ memoryMb: 16, timeoutMs: 60_000 });
    const body = JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ ['k' + i]: 'é'.repeat(20) })));
    const job = { timestamp: '1', method: 'POST', url: 'https://x/', body, signature: 'x' };
    await expect(runner.run(job, new Uint8Array(32), {})).rejects.toMatchObject({ status: 422 });
    await runner.close();
  }, 60_000);
});

describe('signatures for production mutations are capabilities', () => {
  const draft = { environment: 'production', method: 'POST', path: '/transaction', body: '{}' };
  const future = String(Math.floor(Date.now() / 1000) + 3600 * 24 * 365 * 74);

  it.each(['/api/sign', '/api/walkthrough'])(
    '%s needs the confirmation, and refuses a timestamp far ahead',
    async (route) => {
      await withProduction();
      const none = await p!.call('POST', route, { body: draft });
      expect(none.status).toBe(403);
      expect(none.json.error.code).toBe('confirmation-required');
      expect(none.json.error.message).not.toMatch(/confirm"|true/);
      const ahead = await p!.call('POST', route, { body: { ...draft, timestamp: future, confirm: true } });
      expect(ahead.status).toBe(403);
      expect(ahead.json.error.code).toBe('timestamp-too-far');
      const near = await p!.call('POST', route, {
        body: { ...draft, timestamp: String(Math.floor(Date.now() / 1000) + 60), confirm: true },
      });
      expect(near.status).toBe(200);
      expect(near.json.signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // A read is no capability: signed ahead freely.
      const read = await p!.call('POST', route, { body: { ...draft, method: 'GET', body: null, timestamp: future } });
      expect(read.status).toBe(200);
      expect(upstream!.received).toHaveLength(0);
    },
  );

  it('the doctor needs the confirmation, and withholds the expected signature for a timestamp far ahead', async () => {
    await withProduction();
    const c = { ...capture('{}').capture, url: `${upstream!.baseUrl}/transaction` };
    const none = await p!.call('POST', '/api/doctor', { body: { environment: 'production', capture: c } });
    expect(none.status).toBe(403);
    const ahead = await p!.call('POST', '/api/doctor', {
      body: { environment: 'production', capture: { ...c, timestamp: future }, confirm: true },
    });
    expect(ahead.status).toBe(200);
    expect(ahead.json.expected).toBe('');
    expect(ahead.json.components.find((x: { name: string }) => x.name === 'signature').expected).toBeUndefined();
    expect(ahead.json.notes.join(' ')).toMatch(/not shown.*minutes ahead/);
    const near = await p!.call('POST', '/api/doctor', {
      body: { environment: 'production', capture: c, confirm: true },
    });
    expect(near.json.expected).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('a large send does not hold up the others', () => {
  let slow: Upstream | undefined;
  afterEach(async () => {
    await slow?.close();
  });

  it('answers GET /api/session while a 24 MB send is still in flight', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    // An upstream that reads the whole body, then holds its answer until the test lets it go.
    slow = await startUpstream({
      answer: (r, res) => {
        events.push(`upstream read ${r.body.length} bytes`);
        void released.then(() => res.end('{}'));
      },
    });
    const base = slow.baseUrl;
    p = await startTestPlayground({
      env: { QREDO_SANDBOX_API_KEY: 'bigSendKey01', QREDO_SANDBOX_API_SECRET: SECRET },
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: base } }),
    });
    const body = '{"data":"' + 'z'.repeat(24 * 1024 * 1024) + '"}';
    const send = p
      .call('POST', '/api/send', { body: { environment: 'sandbox', method: 'POST', path: '/transaction', body } })
      .then((r) => events.push(`send answered ${r.status}`));
    await expect.poll(() => events.length, { timeout: 30_000 }).toBe(1);
    const session = await p.call('GET', '/api/session');
    events.push(`session answered ${session.status}`);
    release();
    await send;
    expect(events).toEqual([
      `upstream read ${Buffer.byteLength(body)} bytes`,
      'session answered 200',
      'send answered 200',
    ]);
  }, 60_000);
});

describe('bad input gets a clear 4xx', () => {
  it.each([
    ['a line break', 'key\r\nX-Injected: 1'],
    ['a space', 'key id'],
    ['a non-ASCII letter', 'clé'],
    ['129 characters', 'k'.repeat(129)],
  ])('refuses a key id with %s when it is saved', async (_what, keyId) => {
    p = await startTestPlayground();
    const r = await p.call('PUT', '/api/credentials/sandbox', { body: { keyId, secret: SECRET } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/visible ASCII/);
  });

  it('answers 400, not 500, for a key id from the environment that cannot be a header', async () => {
    p = await startTestPlayground({ env: { QREDO_SANDBOX_API_KEY: 'clé\u00e9', QREDO_SANDBOX_API_SECRET: SECRET } });
    const r = await p.call('POST', '/api/send', {
      body: { environment: 'sandbox', method: 'GET', path: '/balance', body: null },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('bad-key-id');
    expect(r.json.error.message).toMatch(/QREDO_SANDBOX_API_KEY/);
  });

  it('answers 409 entry-corrupt for a history row that no longer parses, on read, re-send and replay', async () => {
    p = await startTestPlayground();
    const sent = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/balance', body: null },
    });
    const id = sent.json.id as number;
    for (const damage of ['{"not":"an entry"', '{"kind":"send"}']) {
      const db = new Database(join(p.services.dataDir, HISTORY_FILE));
      db.prepare('UPDATE entry_data SET json = ? WHERE id = ?').run(damage, id);
      db.close();
      for (const [method, path, body] of [
        ['GET', `/api/history/${id}`],
        ['POST', `/api/history/${id}/resend`, {}],
        ['POST', `/api/history/${id}/replay`, { confirm: true }],
      ] as const) {
        const r = await p.call(method, path, { body });
        expect({ path, status: r.status, code: r.json.error?.code }).toEqual({
          path,
          status: 409,
          code: 'entry-corrupt',
        });
        expect(r.json.error.message).toMatch(/damaged/);
      }
    }
    expect((await p.call('DELETE', `/api/history/${id}`)).status).toBe(200);
  });

  it('refuses control characters in a history search with 400', async () => {
    p = await startTestPlayground();
    for (const q of ['a\u0000b', 'line\nbreak', 'tab\there', '\u007f']) {
      const r = await p.call('GET', `/api/history?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(400);
      expect(r.json.error.message).toMatch(/control characters/);
    }
    expect((await p.call('GET', `/api/history?q=${encodeURIComponent('café 100%')}`)).status).toBe(200);
  });

  it('warns in the session when credentials.json is not 0600', async () => {
    p = await startTestPlayground();
    const file = join(p.services.dataDir, CREDENTIALS_FILE);
    writeFileSync(file, JSON.stringify({ sandbox: { keyId: 'k', secret: SECRET } }));
    chmodSync(file, 0o644);
    const r = await p.call('GET', '/api/session');
    expect(r.json.warnings).toEqual([
      `${file} has mode 0644: other users of this machine may read it. Run: chmod 600 ${file}`,
    ]);
    chmodSync(file, 0o600);
    expect((await p.call('GET', '/api/session')).json.warnings).toEqual([]);
  });
});
