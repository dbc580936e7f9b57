/**
 * The Partner API doctor on real captures made with the vectors' public test key: every cause it
 * knows is named first for a request that makes exactly that mistake, the 6 reject vectors are named
 * for the reason they state, and every accept vector (and a correct capture) is valid.
 */
import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  publicDecrypt,
  sign,
  verify,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vectorsFile from '../fixtures/partner-vectors.json' with { type: 'json' };
import { parseCurl } from '../import/index.ts';
import { buildPartnerPayload, type PartnerValueKind } from '../partner/index.ts';
import { base64standard, base64url } from '../signing/base64.ts';
import { DOCTOR_CAUSE_IDS } from '../constants.ts';
import type { CauseId } from './causes.ts';
import {
  PARTNER_CAUSE_IDS,
  diagnosePartner,
  type PartnerCapture,
  type PartnerDiagnoseOptions,
  type RsaDigestRecovery,
  type RsaSha256Verifier,
} from './partner.ts';
import { partnerCaptureFromRequest } from './partner-capture.ts';

interface Vector {
  name: string;
  expect: 'accept' | 'reject';
  header: 'x-timestamp' | 'x-nonce';
  timestampOrNonce: string;
  method: string;
  url: string;
  body: string | null;
  signature: string;
  request: { method: string; url: string; headers: Record<string, string> };
  serverAnswer?: { status: number; body: { detail?: { reason?: string } } };
}

const file = vectorsFile as unknown as {
  keys: Record<string, { privateKeyPkcs1Pem: string; privateKeyPkcs8Pem: string }>;
  vectors: Vector[];
};
const TEST_KEY = createPrivateKey(file.keys['partner-test-key']!.privateKeyPkcs1Pem);
const PUBLIC = createPublicKey(TEST_KEY);
const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const verifier: RsaSha256Verifier = (payload, signature) => verify('RSA-SHA256', payload, PUBLIC, signature);
const recover: RsaDigestRecovery = (signature) => {
  try {
    return new Uint8Array(publicDecrypt({ key: PUBLIC, padding: constants.RSA_PKCS1_PADDING }, signature));
  } catch {
    return null;
  }
};

const NOW = 1_700_000_000;
const BASE = 'https://api.qredo.network/api/v1/p';
const SANDBOX = 'https://sandbox-api.qredo.network/api/v1/p';
const COMPANY = '1va2cJ2pqdLSFAN5t1knBrnuMvw';
const BODY = { name: 'ACME Corp', city: 'Paris', country: 'FR', domain: 'acme.com', ref: 'café-☕' };
const COMPACT = JSON.stringify(BODY);

interface Signed {
  kind?: PartnerValueKind;
  value?: string;
  /** Put between the value and the URL: the v1 habit. */
  method?: string;
  url?: string;
  body?: string | null;
}

function rawSignature(s: Signed, key = TEST_KEY): Uint8Array {
  const payload = buildPartnerPayload({
    kind: s.kind ?? 'timestamp',
    value: (s.value ?? String(NOW)) + (s.method ?? ''),
    url: s.url ?? `${BASE}/assets`,
    body: s.body ?? null,
  });
  return new Uint8Array(sign('RSA-SHA256', payload.bytes, key));
}

/** What was signed (`signed`) and what went out (`sent`, default the same), as a capture. */
function capture(signed: Signed, sent: Partial<PartnerCapture> = {}, key = TEST_KEY): PartnerCapture {
  return {
    freshness: signed.kind ?? 'timestamp',
    value: signed.value ?? String(NOW),
    method: 'GET',
    url: signed.url ?? `${BASE}/assets`,
    body: signed.body ?? null,
    signature: base64url(rawSignature(signed, key)),
    ...sent,
  };
}

const options = (extra: PartnerDiagnoseOptions = {}): PartnerDiagnoseOptions => ({
  now: NOW,
  recover,
  knownBaseUrls: [BASE, SANDBOX],
  ...extra,
});

interface Case {
  name: string;
  id: CauseId;
  make: () => { capture: PartnerCapture; opts?: PartnerDiagnoseOptions };
}

const post = { url: `${BASE}/company`, body: COMPACT };

const cases: Case[] = [
  {
    name: 'the method signed into the payload',
    id: 'method-in-payload',
    make: () => ({ capture: capture({ method: 'GET' }, { signature: base64url(rawSignature({ method: 'GET' })) }) }),
  },
  {
    name: 'POST signed with the method, lower-case as a client wrote it',
    id: 'method-in-payload',
    make: () => ({ capture: { ...capture({ ...post, method: 'post' }), method: 'POST' } }),
  },
  {
    name: 'x-timestamp and x-nonce both sent',
    id: 'freshness-both',
    make: () => ({ capture: capture({}, { alsoNonce: 'n-1' }) }),
  },
  {
    name: 'the x-nonce signed while x-timestamp was sent too',
    id: 'freshness-both',
    make: () => ({
      capture: {
        ...capture({ kind: 'nonce', value: 'nonce-42' }),
        freshness: 'timestamp',
        value: String(NOW),
        alsoNonce: 'nonce-42',
      },
    }),
  },
  {
    name: 'padded base64url',
    id: 'signature-padded',
    make: () => ({ capture: capture({}, { signature: `${base64url(rawSignature({}))}==` }) }),
  },
  {
    name: 'standard base64 (Buffer toString base64)',
    id: 'signature-standard-base64',
    make: () => {
      // A payload whose signature has a + or / in standard base64, so the mistake shows.
      for (let t = NOW; ; t++) {
        const standard = base64standard(rawSignature({ value: String(t) }));
        if (/[+/]/.test(standard)) return { capture: capture({ value: String(t) }, { signature: standard }) };
      }
    },
  },
  {
    name: 'signed with another key pair',
    id: 'key-mismatch',
    make: () => ({ capture: capture({}, {}, OTHER_KEY) }),
  },
  {
    name: 'the docs typo /qapi/v1/p requested',
    id: 'base-path-typo',
    make: () => ({
      capture: capture({ url: `${SANDBOX}/assets` }, { url: 'https://sandbox-api.qredo.network/qapi/v1/p/assets' }),
    }),
  },
  {
    name: 'the sandbox host signed, production called',
    id: 'url-host',
    make: () => ({ capture: capture({ url: `${SANDBOX}/assets` }, { url: `${BASE}/assets` }) }),
  },
  {
    name: 'the production host signed, sandbox called',
    id: 'url-host',
    make: () => ({ capture: capture({ url: `${BASE}/assets` }, { url: `${SANDBOX}/assets` }) }),
  },
  {
    name: 'a feed signed with https:// instead of its wss:// URL',
    id: 'url-scheme',
    make: () => ({
      capture: capture(
        { url: `${BASE}/liquidityhub/feed` },
        { url: 'wss://api.qredo.network/api/v1/p/liquidityhub/feed' },
      ),
    }),
  },
  {
    name: 'only the path signed',
    id: 'url-path-only',
    make: () => ({ capture: capture({ url: '/api/v1/p/assets' }, { url: `${BASE}/assets` }) }),
  },
  {
    name: 'a trailing slash signed',
    id: 'url-trailing-slash',
    make: () => ({ capture: capture({ url: `${BASE}/assets/` }, { url: `${BASE}/assets` }) }),
  },
  {
    name: 'the query parameters signed in another order',
    id: 'url-query-missing',
    make: () => {
      const path = `${BASE}/company/${COMPANY}/fund/F1/ledger`;
      return { capture: capture({ url: `${path}?limit=10&offset=0` }, { url: `${path}?offset=0&limit=10` }) };
    },
  },
  {
    name: 'the query left out of the signed URL',
    id: 'url-query-missing',
    make: () => ({ capture: capture({ url: `${BASE}/company/search` }, { url: `${BASE}/company/search?query=ACME` }) }),
  },
  {
    name: '%20 signed, + sent (URLSearchParams)',
    id: 'url-encoding',
    make: () => ({
      capture: capture(
        { url: `${BASE}/company/search?query=ACME%20Corp` },
        { url: `${BASE}/company/search?query=ACME+Corp` },
      ),
    }),
  },
  {
    name: 'signed compact, sent pretty',
    id: 'body-reserialized',
    make: () => ({ capture: { ...capture(post), method: 'POST', body: JSON.stringify(BODY, null, 2) } }),
  },
  {
    name: 'signed with the keys sorted',
    id: 'body-reserialized',
    make: () => {
      const sorted = JSON.stringify(Object.fromEntries(Object.entries(BODY).sort(([a], [b]) => a.localeCompare(b))));
      return { capture: { ...capture({ ...post, body: sorted }), method: 'POST', body: COMPACT } };
    },
  },
  {
    name: 'signed with non-ASCII escaped as \\uXXXX, sent raw UTF-8',
    id: 'body-reserialized',
    make: () => {
      const escaped = COMPACT.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return { capture: { ...capture({ ...post, body: escaped }), method: 'POST', body: COMPACT } };
    },
  },
  {
    name: 'signed "{}" for a POST sent without a body',
    id: 'body-reserialized',
    make: () => ({ capture: { ...capture({ url: `${BASE}/coreclient`, body: '{}' }), method: 'POST', body: null } }),
  },
  {
    name: 'signed LF, sent CRLF',
    id: 'body-line-endings',
    make: () => {
      const pretty = JSON.stringify(BODY, null, 2);
      return {
        capture: { ...capture({ ...post, body: pretty }), method: 'POST', body: pretty.replace(/\n/g, '\r\n') },
      };
    },
  },
  {
    name: 'signed with a trailing newline, sent without (axios trims it)',
    id: 'body-trailing-newline',
    make: () => ({
      capture: {
        ...capture({ ...post, body: `${JSON.stringify(BODY, null, 2)}\n` }),
        method: 'POST',
        body: JSON.stringify(BODY, null, 2),
      },
    }),
  },
  {
    name: 'signed in seconds, sent in milliseconds',
    id: 'timestamp-unit',
    make: () => ({ capture: capture({}, { value: `${NOW}000` }) }),
  },
  {
    name: 'milliseconds, signed and sent alike',
    id: 'timestamp-unit',
    make: () => ({ capture: capture({ value: `${NOW}123` }) }),
  },
  {
    name: 'signed a few seconds before the header value',
    id: 'timestamp-mismatch',
    make: () => ({ capture: capture({ value: String(NOW - 3) }, { value: String(NOW) }) }),
  },
  {
    name: 'signed minutes before sending',
    id: 'timestamp-expired',
    make: () => ({ capture: capture({}), opts: options({ now: NOW + 900 }) }),
  },
  {
    name: 'a nonce sent again',
    id: 'nonce-reused',
    make: () => ({ capture: capture({ kind: 'nonce', value: 'once-only-1' }), opts: options({ nonceSeen: true }) }),
  },
];

describe('diagnosePartner: each cause, first, on a real capture', () => {
  it.each(cases)('$name → $id', async ({ id, make }) => {
    const { capture: c, opts } = make();
    const d = await diagnosePartner(c, verifier, opts ?? options());
    expect(d.valid).toBe(false);
    expect(d.causes[0]?.id, JSON.stringify(d.causes.slice(0, 3))).toBe(id);
    expect(d.causes[0]?.certain).toBe(true);
  });

  it('covers every Partner cause, each id in the one list', () => {
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(PARTNER_CAUSE_IDS));
    for (const id of PARTNER_CAUSE_IDS) expect(DOCTOR_CAUSE_IDS).toContain(id);
  });

  it('names a key mismatch without the recovery too, as the likeliest cause', async () => {
    const d = await diagnosePartner(capture({}, {}, OTHER_KEY), verifier, { now: NOW });
    expect(d.causes[0]).toMatchObject({ id: 'key-mismatch', certain: false });
    expect(d.keyPairMatches).toBeNull();
  });

  it('tells another payload signed with this key from another key: the signed SHA-256 is read out', async () => {
    const d = await diagnosePartner(capture({ body: 'something else entirely' }, { body: null }), verifier, options());
    expect(d.keyPairMatches).toBe(true);
    expect(d.signedSha256Hex).toMatch(/^[0-9a-f]{64}$/);
    expect(d.causes.some((c) => c.id === 'key-mismatch')).toBe(false);
  });

  it('notes the PKCS#8 form where the key was given so, and never fails a valid capture for it', async () => {
    const d = await diagnosePartner(capture({}), verifier, options({ keyFormat: 'pkcs8' }));
    expect(d.valid).toBe(true);
    expect(d.notes.join(' ')).toMatch(/PKCS#8.*-traditional/);
    const mismatch = await diagnosePartner(capture({}, {}, OTHER_KEY), verifier, options());
    expect(mismatch.notes.join(' ')).toMatch(/PKCS#8.*PKCS#1.*does not change/);
  });

  it('notes that a nonce is taken once, and shows the expected signature when given the signer', async () => {
    const d = await diagnosePartner(capture({ kind: 'nonce', value: 'n-0001' }), verifier, {
      ...options(),
      sign: (p) => new Uint8Array(sign('RSA-SHA256', p, TEST_KEY)),
    });
    expect(d.valid).toBe(true);
    expect(d.notes.join(' ')).toMatch(/accepts each x-nonce once/);
    expect(d.expected).toBe(d.components.find((c) => c.name === 'signature')?.captured);
  });

  it('shows what the sender signed instead, component by component', async () => {
    const d = await diagnosePartner(
      capture({ method: 'GET' }, { signature: base64url(rawSignature({ method: 'GET' })) }),
      verifier,
      options(),
    );
    expect(d.components.find((c) => c.name === 'method')).toMatchObject({ same: false, signed: 'GET' });
    const url = await diagnosePartner(
      capture({ url: `${SANDBOX}/assets` }, { url: `${BASE}/assets` }),
      verifier,
      options(),
    );
    expect(url.components.find((c) => c.name === 'url')).toMatchObject({ same: false, signed: `${SANDBOX}/assets` });
  });

  it('reads a v1 HMAC signature as one and says so', async () => {
    const d = await diagnosePartner(capture({}, { signature: 'A'.repeat(43) }), verifier, options());
    expect(d.valid).toBe(false);
    expect(d.causes[0]?.detail).toMatch(/HMAC-SHA256/);
  });
});

describe('diagnosePartner on the vectors', () => {
  const REASON: Record<string, CauseId> = {
    'reject-method-in-payload': 'method-in-payload',
    'reject-padded-base64': 'signature-padded',
    'reject-standard-alphabet': 'signature-standard-base64',
    'reject-both-headers': 'freshness-both',
    'reject-timestamp-milliseconds': 'timestamp-unit',
    'reject-qapi-typo-base': 'base-path-typo',
  };

  function fromVector(v: Vector) {
    const headers = Object.entries(v.request.headers).map(([name, value]) => ({ name, value }));
    const read = partnerCaptureFromRequest({
      method: v.request.method,
      url: v.request.url,
      headers,
      body: v.body,
      notes: [],
    });
    if (!read.ok) throw new Error(read.error);
    return read.capture;
  }

  const rejects = file.vectors.filter((v) => v.expect === 'reject');
  const accepts = file.vectors.filter((v) => v.expect === 'accept');

  it('has the 6 reject and 28 accept vectors', () => {
    expect(rejects.map((v) => v.name).sort()).toEqual(Object.keys(REASON).sort());
    expect(accepts).toHaveLength(28);
  });

  it.each(rejects.map((v) => [v.name, v] as const))('%s is named for its stated reason', async (name, v) => {
    const c = fromVector(v);
    const d = await diagnosePartner(c, verifier, options({ now: Number(v.timestampOrNonce.slice(0, 10)) }));
    expect(d.valid).toBe(false);
    expect(d.causes[0]?.id).toBe(REASON[name]);
    expect(d.causes[0]?.certain).toBe(true);
  });

  it.each(accepts.map((v) => [v.name, v] as const))('%s is valid', async (_name, v) => {
    const c = fromVector(v);
    const now = v.header === 'x-timestamp' ? Number(v.timestampOrNonce) : NOW;
    const d = await diagnosePartner(c, verifier, options({ now }));
    expect(d.causes).toEqual([]);
    expect(d.valid).toBe(true);
    expect(d.signatureMatches).toBe(true);
  });

  it('reads a pasted cURL: x-sign, one freshness header, never the X-API-KEY value', () => {
    const v = file.vectors.find((x) => x.name === 'post-company-compact')!;
    const h = v.request.headers;
    const curl = `curl -X POST '${v.url}' -H 'X-API-KEY: ${h['X-API-KEY']}' -H 'x-timestamp: ${h['x-timestamp']}' -H 'x-nonce: ' -H 'x-sign: ${h['x-sign']}' --data-raw '${v.body}'`;
    const read = partnerCaptureFromRequest(parseCurl(curl));
    if (!read.ok) throw new Error(read.error);
    expect(read.capture).toMatchObject({
      freshness: 'timestamp',
      value: h['x-timestamp'],
      signature: v.signature,
      body: v.body,
    });
    expect(read.capture.alsoNonce).toBeUndefined();
    expect(JSON.stringify(read.capture)).not.toContain(h['X-API-KEY']);
    expect(read.capture.headerNames).toContain('x-api-key');
    expect(read.notes.join(' ')).toMatch(/x-nonce.*empty/);
  });
});

describe('a sent Partner API request as a capture', () => {
  it('takes the payload’s first segment as the signed value, and says when it was a nonce', async () => {
    const { captureFromSent } = await import('./capture.ts');
    const sent = (first: 'timestamp' | 'nonce', value: string) => ({
      scheme: 'partner' as const,
      stringToSign: { segments: [{ name: first, text: value, offset: 0, length: value.length }], byteLength: 1 },
      timestamp: value,
      signature: 'S',
      keyId: 'partner-fresh',
      request: { method: 'GET', url: 'http://h/api/v1/p/assets', body: null, headers: { 'x-sign': 'S' } },
    });
    expect(captureFromSent(sent('nonce', 'n-1'))).toMatchObject({ timestamp: 'n-1', freshness: 'nonce' });
    const ts = captureFromSent(sent('timestamp', '1700000000'));
    expect(ts).toMatchObject({ timestamp: '1700000000', headerNames: ['x-sign'] });
    expect(ts).not.toHaveProperty('freshness');
    expect(ts).not.toHaveProperty('headerTimestamp');
  });
});
