import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WalkthroughResponse, type SignResponse } from '../../core/contract.ts';
import { HEADER_SIGNATURE, decodeSecret, toHex } from '../../core/signing/index.ts';
import { findDemoKey } from '../mock/keys.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';

const NOW_MS = 1_700_000_000_000;
const SANDBOX_SECRET = 'JDJhJDEwJFBsYXlncm91bmRUZXN0VmVjdG9yU2VjcmV0Tm90QVJlYWxRcmVkb0tleS4wMTIzNDU2Nzg5';
let pg: TestPlayground;

beforeAll(async () => {
  pg = await startTestPlayground({
    clock: () => NOW_MS,
    env: { QREDO_SANDBOX_API_KEY: 'sandboxKeyId01', QREDO_SANDBOX_API_SECRET: SANDBOX_SECRET },
  });
});
afterAll(() => pg.close());

describe('POST /api/walkthrough', () => {
  it('gives every step for a mock draft, the same signature as /api/sign, and the demo key bytes', async () => {
    const draft = {
      environment: 'mock',
      method: 'POST',
      path: '/transaction',
      body: '{"a":1}',
      timestamp: '1700000000',
      demoKey: 'read-only',
    };
    const sign = await pg.call('POST', '/api/sign', { body: draft });
    const a = await pg.call('POST', '/api/walkthrough', { body: draft });
    expect(a.status).toBe(200);
    const w = WalkthroughResponse.parse(a.json);
    const s = sign.json as SignResponse;
    expect(w.signature).toBe(s.signature);
    expect(w.headers[HEADER_SIGNATURE]).toBe(s.signature);
    expect(w.stringToSign).toEqual(s.stringToSign);
    expect(w.url).toBe(s.url);
    const key = decodeSecret(findDemoKey('read-only').secret);
    expect(key.ok && toHex(Uint8Array.from(w.key.bytes!))).toBe(key.ok && toHex(key.key));
    expect(w.key.length).toBe(60);
    expect(w.demoKey).toBe('read-only');
    expect(Buffer.from(w.hmacHex, 'hex').toString('base64url')).toBe(w.signature);
    expect(w.contrasts.padded).toBe(`${w.signature}=`);
    expect(w.contrasts.standardBase64).toBe(w.signature.replace(/-/g, '+').replace(/_/g, '/'));
    expect(w.contrasts.secretNotDecoded).not.toBe(w.signature);
    // The secret itself never appears in any form.
    expect(a.text).not.toContain(findDemoKey('read-only').secret);
  });

  it('never gives the key bytes of a sandbox key, only their length and a reason', async () => {
    const a = await pg.call('POST', '/api/walkthrough', {
      body: { environment: 'sandbox', method: 'GET', path: '/balance', body: null },
    });
    expect(a.status).toBe(200);
    const w = WalkthroughResponse.parse(a.json);
    expect(w.key.bytes).toBeNull();
    expect(w.key.reason).toMatch(/never shown/);
    expect(w.key.length).toBe(60);
    expect(w.timestamp).toBe(String(NOW_MS / 1000));
    const decoded = decodeSecret(SANDBOX_SECRET);
    expect(a.text).not.toContain(SANDBOX_SECRET);
    expect(decoded.ok && a.text.includes(toHex(decoded.key))).toBe(false);
    expect(a.text).not.toContain('PlaygroundTestVectorSecret');
  });

  it('answers 400 with the reason for a bad path, like /api/sign', async () => {
    const a = await pg.call('POST', '/api/walkthrough', {
      body: { environment: 'mock', method: 'GET', path: 'balance', body: null },
    });
    expect(a.status).toBe(400);
    expect(a.json.error.message).toMatch(/must start with "\/"/);
  });
});
