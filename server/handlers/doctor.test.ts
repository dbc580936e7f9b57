import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoctorResponse, type SignResponse } from '../../core/contract.ts';
import { decodeSecret, toHex } from '../../core/signing/index.ts';
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

async function signed(path: string, body: string | null = null, method = 'GET'): Promise<SignResponse> {
  const a = await pg.call('POST', '/api/sign', {
    body: { environment: 'mock', method, path, body, timestamp: String(NOW_MS / 1000) },
  });
  expect(a.status).toBe(200);
  return a.json as SignResponse;
}

describe('POST /api/doctor', () => {
  it('finds a correct capture entered as fields valid', async () => {
    const s = await signed('/balance');
    const a = await pg.call('POST', '/api/doctor', {
      body: {
        environment: 'mock',
        capture: {
          timestamp: s.timestamp,
          method: 'GET',
          url: s.url,
          body: null,
          signature: s.signature,
          keyId: s.keyId,
        },
      },
    });
    expect(a.status).toBe(200);
    const d = DoctorResponse.parse(a.json);
    expect(d).toMatchObject({
      valid: true,
      signatureMatches: true,
      expected: s.signature,
      causes: [],
      keyIdMatches: true,
      keyId: s.keyId,
    });
  });

  it('names a qredo-api-sign header pasted as cURL, with certainty', async () => {
    const s = await signed('/balance');
    const curl = `curl '${s.url}' -H 'qredo-api-key: ${s.keyId}' -H 'qredo-api-ts: ${s.timestamp}' -H 'qredo-api-sign: ${s.signature}'`;
    const a = await pg.call('POST', '/api/doctor', { body: { environment: 'mock', capture: { curl } } });
    expect(a.status).toBe(200);
    const d = DoctorResponse.parse(a.json);
    expect(d.valid).toBe(false);
    expect(d.causes[0]).toMatchObject({ id: 'header-misspelt', certain: true });
    expect(d.notes.join(' ')).toMatch(/Read "qredo-api-sign"/);
  });

  it('names a re-serialized body pasted as raw HTTP', async () => {
    const compact = '{"from":"0x84CE","value":"100"}';
    const s = await signed('/transaction', compact, 'POST');
    const pretty = JSON.stringify(JSON.parse(compact), null, 2);
    const host = new URL(s.url).host;
    const raw = `POST /qapi/v1/transaction HTTP/1.1\r\nHost: ${host}\r\nqredo-api-key: ${s.keyId}\r\nqredo-api-ts: ${s.timestamp}\r\nqredo-api-sig: ${s.signature}\r\n\r\n${pretty}`;
    const a = await pg.call('POST', '/api/doctor', { body: { environment: 'mock', capture: { raw } } });
    expect(a.status).toBe(200);
    const d = DoctorResponse.parse(a.json);
    expect(d.causes[0]).toMatchObject({ id: 'body-reserialized', certain: true });
    expect(d.components.find((c) => c.name === 'body')).toMatchObject({ same: false, signed: compact });
  });

  it('uses the demo key whose key id the capture carries', async () => {
    const key = findDemoKey('read-only');
    const a1 = await pg.call('POST', '/api/sign', {
      body: {
        environment: 'mock',
        method: 'GET',
        path: '/balance',
        body: null,
        timestamp: '1700000000',
        demoKey: 'read-only',
      },
    });
    const s = a1.json as SignResponse;
    const a = await pg.call('POST', '/api/doctor', {
      body: {
        environment: 'mock',
        capture: {
          timestamp: s.timestamp,
          method: 'GET',
          url: s.url,
          body: null,
          signature: s.signature,
          keyId: key.keyId,
        },
      },
    });
    expect(DoctorResponse.parse(a.json)).toMatchObject({ valid: true, keyId: key.keyId });
  });

  it('checks a sandbox capture against the configured sandbox secret, and names a raw-text key', async () => {
    const a1 = await pg.call('POST', '/api/sign', {
      body: { environment: 'sandbox', method: 'GET', path: '/balance', body: null, timestamp: '1700000000' },
    });
    expect(a1.status).toBe(200);
    const s = a1.json as SignResponse;
    const ok = await pg.call('POST', '/api/doctor', {
      body: {
        environment: 'sandbox',
        capture: { timestamp: s.timestamp, method: 'GET', url: s.url, body: null, signature: s.signature },
      },
    });
    expect(DoctorResponse.parse(ok.json)).toMatchObject({ valid: true, keyIdMatches: null, keyId: 'sandboxKeyId01' });

    const { createHmac } = await import('node:crypto');
    const wrong = createHmac('sha256', SANDBOX_SECRET).update(`${s.timestamp}GET${s.url}`).digest('base64url');
    const bad = await pg.call('POST', '/api/doctor', {
      body: {
        environment: 'sandbox',
        capture: { timestamp: s.timestamp, method: 'GET', url: s.url, body: null, signature: wrong },
      },
    });
    expect(DoctorResponse.parse(bad.json).causes[0]).toMatchObject({ id: 'secret-not-decoded', certain: true });
  });

  it.each([
    [{ environment: 'mock' }, 400, /capture/],
    [{ environment: 'moon', capture: { curl: 'curl https://x' } }, 400, /environment/],
    [{ environment: 'mock', capture: { curl: 'wget https://x' } }, 400, /not a cURL command/],
    [{ environment: 'mock', capture: { curl: "curl 'https://x" } }, 400, /not closed/],
    [
      { environment: 'mock', capture: { curl: 'curl https://x -H "qredo-api-ts: 1"' } },
      400,
      /no "qredo-api-sig" header/,
    ],
    [{ environment: 'mock', capture: { raw: 'GET /x HTTP/1.1\n\n' } }, 400, /no Host header/],
    [{ environment: 'mock', capture: { timestamp: '1', method: 'GET', url: 'u', body: null } }, 400, /signature/],
    [
      { environment: 'production', capture: { timestamp: '1', method: 'GET', url: 'u', body: null, signature: 's' } },
      400,
      /No API key is configured for production/,
    ],
  ])('refuses %j with %i and a clear message', async (body, status, message) => {
    const a = await pg.call('POST', '/api/doctor', { body });
    expect(a.status).toBe(status);
    expect(a.json.error.message).toMatch(message);
  });

  it('needs the launch token', async () => {
    const a = await pg.call('POST', '/api/doctor', {
      body: { environment: 'mock', capture: { curl: 'curl x' } },
      token: false,
    });
    expect(a.status).toBe(401);
  });

  it('never returns a secret or key bytes', () => {
    const secrets = [SANDBOX_SECRET, ...['full', 'read-only'].map((id) => findDemoKey(id as 'full').secret)];
    const all = pg.answers.join('\n');
    for (const secret of secrets) {
      const d = decodeSecret(secret);
      if (!d.ok) throw new Error(d.error);
      expect(all).not.toContain(secret);
      expect(all).not.toContain(toHex(d.key));
      expect(all).not.toContain(new TextDecoder().decode(d.key));
    }
    expect(all).not.toContain('[redacted]');
  });
});
