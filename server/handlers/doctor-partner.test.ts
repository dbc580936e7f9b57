/** POST /api/doctor with scheme "partner": dispatched to the Partner API doctor, checked with the public key. */
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoctorResponse, type SignResponse } from '../../core/contract.ts';
import vectorsFile from '../../core/fixtures/partner-vectors.json' with { type: 'json' };
import { buildPartnerPayload } from '../../core/partner/index.ts';
import { base64url } from '../../core/signing/index.ts';
import { findPartnerDemoKey } from '../mock/partner/keys.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';

const NOW_MS = 1_700_000_000_000;
const NOW = String(NOW_MS / 1000);
const SANDBOX_API_KEY = 'eyJrZXlfaWQiOiJEb2N0b3JTYW5kYm94MSIsImtleSI6ImRvY3Rvci10ZXN0LWFwaS1rZXkifQ';
const SANDBOX_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const TEST = findPartnerDemoKey('partner-test-key');

let pg: TestPlayground;
beforeAll(async () => {
  pg = await startTestPlayground({
    clock: () => NOW_MS,
    env: { QREDO_PARTNER_SANDBOX_API_KEY: SANDBOX_API_KEY, QREDO_PARTNER_SANDBOX_PRIVATE_KEY: SANDBOX_PEM },
  });
});
afterAll(() => pg.close());

async function signed(path: string, extra: Record<string, unknown> = {}): Promise<SignResponse> {
  const a = await pg.call('POST', '/api/sign', {
    body: { environment: 'mock', scheme: 'partner', method: 'GET', path, body: null, timestamp: NOW, ...extra },
  });
  expect(a.status, a.text).toBe(200);
  return a.json as SignResponse;
}

const doctor = (body: Record<string, unknown>) =>
  pg.call('POST', '/api/doctor', { body: { scheme: 'partner', ...body } });

/** The playground must never answer with a partner's X-API-KEY or private key. */
function expectNoSecrets(text: string): void {
  for (const secret of [TEST.apiKey, SANDBOX_API_KEY, findPartnerDemoKey('partner-northwind').apiKey])
    expect(text).not.toContain(secret);
  for (const pem of [TEST.privateKeyPem, SANDBOX_PEM]) {
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    expect(text.replace(/\\n/g, '')).not.toContain(body.slice(0, 64));
  }
}

describe('POST /api/doctor, Partner API', () => {
  it('finds a correct capture valid, checked against the demo partner whose key pair made it', async () => {
    const s = await signed('/assets', { partnerKey: 'partner-test-key' });
    const sig = s.headers.find((h) => h.name === 'x-sign')!.value;
    const a = await doctor({
      environment: 'mock',
      capture: { timestamp: NOW, method: 'GET', url: s.url, body: null, signature: sig },
    });
    expect(a.status, a.text).toBe(200);
    const d = DoctorResponse.parse(a.json);
    expect(d).toMatchObject({
      scheme: 'partner',
      keyId: 'partner-test-key',
      valid: true,
      signatureMatches: true,
      expected: sig,
      causes: [],
      keyIdMatches: null,
      keyPairMatches: true,
    });
    expect(d.notes.join(' ')).toMatch(/demo partner partner-test-key/);
    expectNoSecrets(a.text);
  });

  it('names the method signed into the payload, pasted as cURL, without reading the X-API-KEY', async () => {
    const url = `${pg.services.config.partnerBaseUrls.mock}/assets`;
    const payload = buildPartnerPayload({ kind: 'timestamp', value: `${NOW}GET`, url, body: null });
    const sig = base64url(sign('RSA-SHA256', payload.bytes, createPrivateKey(TEST.privateKeyPem)));
    const curl = `curl '${url}' -H 'X-API-KEY: ${TEST.apiKey}' -H 'x-timestamp: ${NOW}' -H 'x-sign: ${sig}'`;
    const a = await doctor({ environment: 'mock', partnerKey: 'partner-test-key', capture: { curl } });
    expect(a.status, a.text).toBe(200);
    const d = DoctorResponse.parse(a.json);
    expect(d.causes[0]).toMatchObject({ id: 'method-in-payload', certain: true });
    expect(d.components.find((c) => c.name === 'method')).toMatchObject({ signed: 'GET', same: false });
    expect(d.capture.keyId).toBeUndefined();
    expect(d.capture.headerNames).toContain('x-api-key');
    expectNoSecrets(a.text);
  });

  it('names a reject vector pasted as raw HTTP for its reason: both x-timestamp and x-nonce', async () => {
    const v = (
      vectorsFile as unknown as {
        vectors: Array<{ name: string; url: string; request: { headers: Record<string, string> } }>;
      }
    ).vectors.find((x) => x.name === 'reject-both-headers')!;
    const u = new URL(v.url);
    const raw = [
      `GET ${u.pathname} HTTP/1.1`,
      `Host: ${u.host}`,
      ...Object.entries(v.request.headers).map(([n, val]) => `${n}: ${val}`),
      '',
      '',
    ].join('\r\n');
    const a = await doctor({ environment: 'mock', partnerKey: 'partner-test-key', capture: { raw } });
    expect(a.status, a.text).toBe(200);
    const d = DoctorResponse.parse(a.json);
    expect(d.valid).toBe(false);
    expect(d.causes[0]).toMatchObject({ id: 'freshness-both', certain: true });
    expect(d.capture).toMatchObject({ freshness: 'timestamp', nonce: v.request.headers['x-nonce'] });
  });

  it('says with certainty when another key pair signed', async () => {
    const s = await signed('/assets', { partnerKey: 'partner-northwind' });
    const sig = s.headers.find((h) => h.name === 'x-sign')!.value;
    const a = await doctor({
      environment: 'mock',
      partnerKey: 'partner-fresh',
      capture: { timestamp: NOW, method: 'GET', url: s.url, body: null, signature: sig },
    });
    const d = DoctorResponse.parse(a.json);
    expect(d.causes[0]).toMatchObject({ id: 'key-mismatch', certain: true });
    expect(d.keyPairMatches).toBe(false);
    expect(d.keyId).toBe('partner-fresh');
  });

  it("checks a sandbox capture against the environment's partner key, and shows a key's fingerprint only", async () => {
    const url = `${pg.services.config.partnerBaseUrls.sandbox}/company/search?query=ACME+Corp`;
    const signedUrl = url.replace('+', '%20');
    const payload = buildPartnerPayload({ kind: 'nonce', value: 'n-7', url: signedUrl, body: null });
    const sig = base64url(sign('RSA-SHA256', payload.bytes, createPrivateKey(SANDBOX_PEM)));
    const a = await doctor({
      environment: 'sandbox',
      capture: { timestamp: 'n-7', freshness: 'nonce', method: 'GET', url, body: null, signature: sig },
    });
    expect(a.status, a.text).toBe(200);
    const d = DoctorResponse.parse(a.json);
    expect(d.keyId).toMatch(/^key [0-9a-f]{8}$/);
    expect(d.causes[0]).toMatchObject({ id: 'url-encoding', certain: true });
    expect(d.notes.join(' ')).toMatch(/x-nonce once/);
    expectNoSecrets(a.text);
  });

  it('asks for confirmation on a production mutation, and refuses what does not fit the scheme', async () => {
    const capture = {
      timestamp: NOW,
      method: 'POST',
      url: 'https://api.qredo.network/api/v1/p/company',
      body: '{}',
      signature: 'x',
    };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ environment: 'production', capture }, 403, 'confirmation-required'],
      [{ environment: 'production', capture, confirm: true }, 400, 'no-credentials'],
      [{ environment: 'mock', demoKey: 'full', capture }, 400, 'invalid-request'],
      [{ environment: 'mock', scheme: 'v1', partnerKey: 'partner-fresh', capture }, 400, 'invalid-request'],
      [{ environment: 'mock', capture: { ...capture, freshness: 'sometimes' } }, 400, 'invalid-request'],
    ];
    for (const [body, status, code] of cases) {
      const a = await doctor(body);
      expect([a.status, a.json?.error?.code]).toEqual([status, code]);
    }
  });
});
