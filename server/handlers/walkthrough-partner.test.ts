/** POST /api/walkthrough with scheme "partner": every step of the RSA pipeline, on the vectors' test key. */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerWalkthroughResponse, type SignResponse } from '../../core/contract.ts';
import vectorsFile from '../../core/fixtures/partner-vectors.json' with { type: 'json' };
import { findPartnerDemoKey } from '../mock/partner/keys.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';
import { API_KEY_PLACEHOLDER } from './walkthrough-partner.ts';

const NOW_MS = 1_700_000_000_000;
const file = vectorsFile as unknown as {
  keys: Record<string, { privateKeyPkcs1Pem: string; publicKeySpkiPem: string }>;
  vectors: Array<{
    name: string;
    payload: string;
    payloadSha256Hex: string;
    signature: string;
    signaturePadded: string;
    sentSignature?: string;
  }>;
};
const vector = (name: string) => file.vectors.find((v) => v.name === name)!;
const SANDBOX_API_KEY = 'eyJrZXlfaWQiOiJXYWxrU2FuZGJveDEiLCJrZXkiOiJ3YWxrdGhyb3VnaC10ZXN0In0';
const SANDBOX_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

let pg: TestPlayground;
beforeAll(async () => {
  pg = await startTestPlayground({
    clock: () => NOW_MS,
    env: { QREDO_PARTNER_SANDBOX_API_KEY: SANDBOX_API_KEY, QREDO_PARTNER_SANDBOX_PRIVATE_KEY: SANDBOX_PEM },
    // The mock's Partner base set to the production one: nothing is sent, so the vectors' URLs apply.
    config: (c) => ({ ...c, partnerBaseUrls: { ...c.partnerBaseUrls, mock: 'https://api.qredo.network/api/v1/p' } }),
  });
});
afterAll(() => pg.close());

const walk = (body: Record<string, unknown>) =>
  pg.call('POST', '/api/walkthrough', { body: { environment: 'mock', scheme: 'partner', body: null, ...body } });

/** No partner's X-API-KEY, and no private key but the test key's (as bytes), in an answer. */
function expectNoSecrets(text: string): void {
  for (const k of ['partner-test-key', 'partner-northwind', 'partner-fresh'])
    expect(text).not.toContain(findPartnerDemoKey(k).apiKey);
  expect(text).not.toContain(SANDBOX_API_KEY);
  for (const pem of [SANDBOX_PEM, findPartnerDemoKey('partner-northwind').privateKeyPem]) {
    const line = pem.split('\n')[2]!;
    expect(text).not.toContain(line);
  }
}

describe('POST /api/walkthrough, Partner API', () => {
  it('gives every step on the test key, equal to the vectors, with its private key as bytes', async () => {
    const a = await walk({ method: 'GET', path: '/assets', timestamp: '1700000000' });
    expect(a.status, a.text).toBe(200);
    const w = PartnerWalkthroughResponse.parse(a.json);
    const v = vector('get-assets-production');
    expect(w).toMatchObject({ scheme: 'partner', partnerKey: 'partner-test-key', keyId: 'partner-test-key' });
    expect(w.payload.segments.map((s) => [s.name, s.text])).toEqual([
      ['timestamp', '1700000000'],
      ['url', 'https://api.qredo.network/api/v1/p/assets'],
      ['body', ''],
    ]);
    expect(Buffer.from(w.payload.hex, 'hex').toString('utf8')).toBe(v.payload);
    expect(w.payload.hexTruncated).toBe(false);
    expect(w.sha256Hex).toBe(v.payloadSha256Hex);
    expect(w.digestInfoHex.endsWith(v.payloadSha256Hex)).toBe(true);
    expect(w.encodedMessageHex).toMatch(/^0001(ff)+00/);
    expect(w.encodedMessageHex.endsWith(w.digestInfoHex)).toBe(true);
    expect(w.encodedMessageHex).toHaveLength(512);
    expect(w.signature).toBe(v.signature);
    expect(Buffer.from(w.signatureHex, 'hex').toString('base64url')).toBe(v.signature);
    expect(w.contrasts).toEqual({
      methodInPayload: vector('reject-method-in-payload').sentSignature,
      padded: v.signaturePadded,
      standardBase64: Buffer.from(v.signature, 'base64url').toString('base64'),
    });
    expect(w.key.bits).toBe(2048);
    expect(w.key.publicExponentHex).toBe('010001');
    expect(w.key.publicKeyPem.trim()).toBe(file.keys['partner-test-key']!.publicKeySpkiPem.trim());
    expect(Buffer.from(w.key.privateKeyPemBytes!).toString('utf8').trim()).toBe(
      file.keys['partner-test-key']!.privateKeyPkcs1Pem.trim(),
    );
    expect(w.headers.slice(0, 3)).toEqual([
      { name: 'x-api-key', value: API_KEY_PLACEHOLDER },
      { name: 'x-timestamp', value: '1700000000' },
      { name: 'x-sign', value: v.signature },
    ]);
    expect(w.steps.map((s) => s.id)).toEqual(['key', 'payload', 'sha256', 'pkcs1', 'base64url', 'headers']);
    for (const s of w.steps) expect(s.pitfalls.length).toBeGreaterThan(0);
    expect(w.steps[1]!.pitfalls.join(' ')).toMatch(/method/);
    expectNoSecrets(a.text);
  });

  it('gives the same signature as /api/sign, with a nonce, and a POST body', async () => {
    const draft = { method: 'POST', path: '/company', body: '{"name":"ACME Corp"}', nonce: 'walk-1' };
    const sign = (
      await pg.call('POST', '/api/sign', {
        body: { environment: 'mock', scheme: 'partner', partnerKey: 'partner-test-key', ...draft },
      })
    ).json as SignResponse;
    const w = PartnerWalkthroughResponse.parse((await walk(draft)).json);
    expect(w.signature).toBe(sign.signature);
    expect(w.freshness).toEqual({ header: 'x-nonce', value: 'walk-1' });
    expect(w.payload.segments.map((s) => s.name)).toEqual(['nonce', 'url', 'body']);
  });

  it('never shows the private key of another demo partner or of a configured key', async () => {
    const other = await walk({ method: 'GET', path: '/assets', partnerKey: 'partner-northwind' });
    const w = PartnerWalkthroughResponse.parse(other.json);
    expect(w.key.privateKeyPemBytes).toBeNull();
    expect(w.key.reason).toMatch(/Only the vectors' public test key/);
    expectNoSecrets(other.text);

    const sandbox = await pg.call('POST', '/api/walkthrough', {
      body: { environment: 'sandbox', scheme: 'partner', method: 'GET', path: '/assets', body: null },
    });
    expect(sandbox.status, sandbox.text).toBe(200);
    const s = PartnerWalkthroughResponse.parse(sandbox.json);
    expect(s).toMatchObject({ partnerKey: null, keyId: expect.stringMatching(/^key [0-9a-f]{8}$/) });
    expect(s.key.privateKeyPemBytes).toBeNull();
    expect(s.url).toBe('https://sandbox-api.qredo.network/api/v1/p/assets');
    expectNoSecrets(sandbox.text);
  });

  it('cuts the payload hex of a large body, and asks for confirmation on a production mutation', async () => {
    const big = await walk({ method: 'POST', path: '/company', body: `{"name":"${'x'.repeat(10_000)}"}` });
    const w = PartnerWalkthroughResponse.parse(big.json);
    expect(w.payload.hexTruncated).toBe(true);
    expect(w.payload.hex).toHaveLength(2 * 4096);
    const prod = await pg.call('POST', '/api/walkthrough', {
      body: { environment: 'production', scheme: 'partner', method: 'POST', path: '/company', body: '{}' },
    });
    expect([prod.status, prod.json.error.code]).toEqual([403, 'confirmation-required']);
  });
});
