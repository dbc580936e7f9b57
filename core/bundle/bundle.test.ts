import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import type { HistoryEntry } from '../contract.ts';
import { diagnose } from '../doctor/diagnose.ts';
import { buildStringToSign, decodeSecret, sign, type HmacSha256 } from '../signing/index.ts';
import {
  BUNDLE_SCHEMA,
  MAX_BUNDLE_CHARS,
  bundleFromFragment,
  bundleToFragment,
  captureFromBundleEntry,
  parseBundle,
  toBundle,
} from './bundle.ts';
import { toHar } from './har.ts';
import partnerFixture from '../fixtures/partner-vectors.json' with { type: 'json' };

const hmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
const SECRET = 'JDJhJDEwJFBsYXlncm91bmRUZXN0VmVjdG9yU2VjcmV0Tm90QVJlYWxRcmVkb0tleS4wMTIzNDU2Nzg5';
const DECODED_TEXT = '$2a$10$PlaygroundTestVectorSecretNotARealQredoKey.0123456789';
const PLANTED = 'my-own-very-secret-value-42';

async function entry(id: number, over: Partial<HistoryEntry> = {}): Promise<HistoryEntry> {
  const k = decodeSecret(SECRET);
  if (!k.ok) throw new Error(k.error);
  const url = 'https://sandbox-api.qredo.network/qapi/v1/funds?archived=true&x=a%20b';
  const body = '{"note":"café"}';
  const sts = buildStringToSign({ timestamp: '1700000000', method: 'POST', url, body });
  const sig = (await sign(hmac, k.key, sts)).value;
  return {
    id,
    kind: 'send',
    createdAt: 1_700_000_000_500,
    environment: 'sandbox',
    keyId: 'sandboxKeyId01',
    request: {
      method: 'POST',
      url,
      path: '/funds?archived=true&x=a%20b',
      headers: {
        'qredo-api-key': 'sandboxKeyId01',
        'qredo-api-ts': '1700000000',
        'qredo-api-sig': sig,
        'content-type': 'application/json',
      },
      body,
    },
    timestamp: '1700000000',
    signature: sig,
    stringToSign: { segments: sts.segments, byteLength: sts.bytes.length },
    hashes: { signedBodySha256: 'a', sentBodySha256: 'a' },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
      bodyEncoding: 'utf8',
      size: 11,
      truncated: false,
    },
    error: null,
    timings: { ttfbMs: 12, totalMs: 15 },
    ...over,
  };
}

describe('bundles', () => {
  it('round-trip through JSON text and through a URL fragment', async () => {
    const b = toBundle([await entry(1), await entry(2)], { appVersion: '0.1.0', exportedAt: 1_700_000_001_000 });
    expect(b.schema).toBe(BUNDLE_SCHEMA);
    expect(b.version).toBe(1);
    expect(b.entries).toHaveLength(2);
    expect(b.entries[0]).not.toHaveProperty('id');
    expect(b.entries[0]!.appVersion).toBe('0.1.0');
    const back = parseBundle(JSON.stringify(b));
    expect(back).toEqual({ ok: true, bundle: b });
    const fragment = bundleToFragment(b);
    expect(fragment).toMatch(/^bundle=[A-Za-z0-9_-]+$/);
    expect(bundleFromFragment(`https://localhost:5173/#${fragment}`)).toEqual({ ok: true, bundle: b });
    expect(bundleFromFragment(`#${fragment}`)).toEqual({ ok: true, bundle: b });
  });

  it('an imported entry verifies against its own secret with the doctor', async () => {
    const b = toBundle([await entry(1)], { appVersion: '0.1.0' });
    const parsed = parseBundle(JSON.stringify(b));
    if (!parsed.ok) throw new Error(parsed.error);
    const k = decodeSecret(SECRET);
    if (!k.ok) throw new Error(k.error);
    const d = await diagnose(captureFromBundleEntry(parsed.bundle.entries[0]!), k.key, hmac);
    expect(d.valid).toBe(true);
  });

  it('leaves no planted secret anywhere: bundle, HAR or fragment', async () => {
    const e = await entry(1, {});
    e.request.headers = {
      ...e.request.headers,
      authorization: `Bearer ${PLANTED}`,
      'x-qredo-api-secret': SECRET,
      cookie: `sid=${PLANTED}`,
      'x-playground-token': PLANTED,
      'x-note': `secret is ${SECRET}`,
      'x-decoded': DECODED_TEXT,
    };
    // An added header is kept apart as well, for Re-send and for a new request made from the bundle.
    e.request.extraHeaders = [
      { name: 'Authorization', value: `Bearer ${PLANTED}` },
      { name: 'X-Trace', value: 'kept' },
    ];
    e.response = {
      ...e.response!,
      headers: { ...e.response!.headers, 'set-cookie': `sid=${PLANTED}` },
      body: `{"echo":"${SECRET}"}`,
    };
    const b = toBundle([e], { appVersion: '0.1.0', scrub: (t) => t.split('sandboxOnlySecret').join('[redacted]') });
    const texts = [
      JSON.stringify(b),
      JSON.stringify(toHar(b)),
      JSON.stringify(toHar([e], { appVersion: '0.1.0' })),
      bundleToFragment(b),
    ];
    const decodedFragment = bundleFromFragment(bundleToFragment(b));
    if (!decodedFragment.ok) throw new Error(decodedFragment.error);
    texts.push(JSON.stringify(decodedFragment.bundle));
    for (const text of texts) {
      for (const needle of [PLANTED, SECRET, DECODED_TEXT, SECRET.slice(0, 40)]) expect(text).not.toContain(needle);
    }
    expect(b.redactions.join(' ')).toMatch(/authorization/);
    expect(b.entries[0]!.request.headers['qredo-api-sig']).toBe(e.signature);
    expect(b.entries[0]!.request.extraHeaders).toEqual([
      { name: 'Authorization', value: '[redacted]' },
      { name: 'X-Trace', value: 'kept' },
    ]);
  });

  it('applies the exporter scrubber', async () => {
    const e = await entry(1, {});
    e.request.body = '{"note":"sandboxOnlySecret"}';
    const b = toBundle([e], { appVersion: '0.1.0', scrub: (t) => t.split('sandboxOnlySecret').join('[redacted]') });
    expect(JSON.stringify(b)).not.toContain('sandboxOnlySecret');
  });

  it('HAR has the HAR 1.2 structure', async () => {
    const failed = await entry(2, {
      response: null,
      error: { code: 'timeout', message: 'no answer in 30 s' },
      timings: { ttfbMs: null, totalMs: 30000 },
    });
    const har = toHar(toBundle([await entry(1), failed], { appVersion: '0.1.0' }));
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'Qredo API Playground', version: '0.1.0' });
    expect(har.log.entries).toHaveLength(2);
    const [a, f] = har.log.entries;
    expect(a!.startedDateTime).toBe('2023-11-14T22:13:20.500Z');
    expect(a).toMatchObject({
      time: 15,
      request: {
        method: 'POST',
        httpVersion: 'HTTP/1.1',
        headersSize: -1,
        bodySize: 16,
        postData: { mimeType: 'application/json', text: '{"note":"café"}' },
      },
      response: {
        status: 200,
        statusText: 'OK',
        content: { size: 11, mimeType: 'application/json', text: '{"ok":true}' },
        redirectURL: '',
      },
      cache: {},
      timings: { send: 0, wait: 12, receive: 3 },
    });
    expect(a!.request.queryString).toEqual([
      { name: 'archived', value: 'true' },
      { name: 'x', value: 'a b' },
    ]);
    expect(a!.request.headers).toContainEqual({ name: 'qredo-api-ts', value: '1700000000' });
    for (const key of ['cookies', 'headers'])
      expect(Array.isArray((a!.request as Record<string, unknown>)[key])).toBe(true);
    expect(f!.response.status).toBe(0);
    expect(f!.response._error).toMatch(/timeout/);
  });

  it.each([
    ['x'.repeat(MAX_BUNDLE_CHARS + 1), /limit/],
    ['{not json', /not valid JSON/],
    ['[]', /not a JSON object/],
    ['{"log":{"version":"1.2"}}', /HAR file/],
    ['{"schema":"other"}', /not a playground bundle/],
    [`{"schema":"${BUNDLE_SCHEMA}","version":2}`, /version 2, newer/],
    [
      `{"schema":"${BUNDLE_SCHEMA}","version":1,"appVersion":"1","exportedAt":null,"redactions":[],"entries":[]}`,
      /at least one entry/,
    ],
    [
      `{"schema":"${BUNDLE_SCHEMA}","version":1,"appVersion":"1","exportedAt":null,"redactions":[],"entries":[{"kind":"send"}]}`,
      /entries\.0\./,
    ],
  ])('refuses bad input with a clear message (%#)', (text, message) => {
    const r = parseBundle(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('refuses a damaged fragment with a clear message', () => {
    expect(bundleFromFragment('#other=1')).toMatchObject({ ok: false, error: expect.stringMatching(/no "bundle="/) });
    expect(bundleFromFragment('#bundle=abc$')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not URL-safe/),
    });
    expect(bundleFromFragment('#bundle=abcde')).toMatchObject({ ok: false, error: expect.stringMatching(/cut short/) });
    expect(bundleFromFragment('#bundle=eyJh')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not valid JSON/),
    });
  });

  it('refuses a stray field in an entry (strict schema)', async () => {
    const b = toBundle([await entry(1)], { appVersion: '0.1.0' });
    const tampered = JSON.parse(JSON.stringify(b));
    tampered.entries[0].secret = 'x';
    expect(parseBundle(JSON.stringify(tampered)).ok).toBe(false);
  });

  it('a Partner API entry: no X-API-KEY and no private key in any form, the signature and public key kept', async () => {
    const keys = partnerFixture.keys['partner-test-key'];
    const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const leaks = [
      keys.privateKeyPkcs1Pem,
      JSON.stringify(keys.privateKeyPkcs8Pem).slice(1, -1),
      der(keys.privateKeyPkcs8Pem).toString('base64url'),
      der(keys.privateKeyPkcs1Pem).toString('hex'),
      Buffer.from(keys.privateKeyPkcs1Pem).toString('base64'),
    ];
    const e = await entry(1, { scheme: 'partner' });
    const sig = partnerFixture.vectors[0]!.signature;
    e.request.headers = { 'x-api-key': partnerFixture.testApiKey, 'x-timestamp': '1700000000', 'x-sign': sig };
    e.request.body = JSON.stringify({ leaked: leaks });
    e.response = { ...e.response!, body: JSON.stringify({ echo: leaks, publicKey: keys.publicKeySpkiPem }) };
    const b = toBundle([e], { appVersion: '0.1.0' });
    const texts = [JSON.stringify(b), JSON.stringify(toHar(b)), bundleToFragment(b)];
    const chunks = [partnerFixture.testApiKey, ...leaks.map((l) => l.slice(40, 104))];
    for (const text of texts) for (const needle of chunks) expect(text).not.toContain(needle);
    expect(b.entries[0]!.request.headers['x-sign']).toBe(sig);
    expect(JSON.parse(b.entries[0]!.response!.body).publicKey).toBe(keys.publicKeySpkiPem);
    expect(b.redactions.join()).toMatch(/x-api-key/);
  });
});
