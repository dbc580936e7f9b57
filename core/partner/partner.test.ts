import { createHash, createPrivateKey, createPublicKey, sign, verify, webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/partner-vectors.json' with { type: 'json' };
import { base64url } from '../signing/base64.ts';
import {
  PARTNER_AUTH_ERROR,
  PARTNER_AUTH_REASONS,
  PARTNER_BASE_PATH,
  type PartnerValueKind,
  type RsaSha256Signer,
  buildPartnerPayload,
  checkPartnerTimestamp,
  choosePartnerValue,
  decodePartnerSignature,
  formatPartnerTimestamp,
  isPartnerNonce,
  partnerSignedHeaders,
  signPartner,
} from './index.ts';

type Vector = (typeof fixture.vectors)[number] & {
  correctPayload?: string;
  correctSignature?: string;
  sentSignature?: string;
  serverAnswer?: { status: number; body: { code: number; msg: string; detail: { reason: string } } };
  sameSignatureAs?: string;
  differsFrom?: string;
};
const vectors = fixture.vectors as Vector[];
const keys = fixture.keys['partner-test-key'];

const nodeSigner =
  (pem: string): RsaSha256Signer =>
  (payload) =>
    new Uint8Array(sign('RSA-SHA256', payload, createPrivateKey(pem)));

function pemBody(pem: string): Uint8Array {
  const b64 = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

async function webSigner(pkcs8Pem: string): Promise<RsaSha256Signer> {
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    pemBody(pkcs8Pem),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return async (payload) => new Uint8Array(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, payload));
}

const kindOf = (v: Vector): PartnerValueKind => (v.header === 'x-nonce' ? 'nonce' : 'timestamp');
const payloadOf = (v: Vector) =>
  buildPartnerPayload({ kind: kindOf(v), value: v.timestampOrNonce, url: v.url, body: v.body });
const signerFor = (v: Vector) =>
  nodeSigner(v.keyRef === 'partner-test-key-pkcs8' ? keys.privateKeyPkcs8Pem : keys.privateKeyPkcs1Pem);
const lowerHeaders = (v: Vector) =>
  Object.fromEntries(Object.entries(v.request.headers).map(([k, value]) => [k.toLowerCase(), value])) as Record<
    string,
    string | undefined
  >;

/** Each reject vector, checked as the form a server must refuse, with the reason the mock gives. */
const REJECTS: Record<string, { reason: string; refused: (v: Vector) => void }> = {
  'reject-method-in-payload': {
    reason: PARTNER_AUTH_REASONS.signature,
    refused: (v) => {
      const ours = payloadOf(v);
      expect(ours.text).toBe(v.correctPayload);
      expect(ours.text).not.toBe(v.payload);
      expect(ours.segments.map((s) => s.name)).toEqual(['timestamp', 'url', 'body']);
      const sent = Buffer.from(v.sentSignature!, 'base64url');
      expect(verify('RSA-SHA256', ours.bytes, createPublicKey(keys.publicKeySpkiPem), sent)).toBe(false);
    },
  },
  'reject-padded-base64': {
    reason: PARTNER_AUTH_REASONS.signature,
    refused: (v) => {
      expect(v.sentSignature).toBe(v.signaturePadded);
      expect(decodePartnerSignature(v.sentSignature!, 256)).toMatchObject({ ok: false, problem: 'padded' });
    },
  },
  'reject-standard-alphabet': {
    reason: PARTNER_AUTH_REASONS.signature,
    refused: (v) =>
      expect(decodePartnerSignature(v.sentSignature!, 256)).toMatchObject({ ok: false, problem: 'standard-alphabet' }),
  },
  'reject-both-headers': {
    reason: PARTNER_AUTH_REASONS.both,
    refused: (v) => {
      const h = lowerHeaders(v);
      expect(choosePartnerValue(h['x-timestamp'], h['x-nonce'])).toEqual({ ok: false, problem: 'both' });
    },
  },
  'reject-timestamp-milliseconds': {
    reason: PARTNER_AUTH_REASONS.timestamp,
    refused: (v) =>
      expect(checkPartnerTimestamp(v.timestampOrNonce, 1_700_000_000)).toMatchObject({
        ok: false,
        problem: 'outside-window',
      }),
  },
  'reject-qapi-typo-base': {
    reason: 'no such route',
    refused: (v) => {
      const path = new URL(v.url).pathname;
      expect(path.startsWith(`${PARTNER_BASE_PATH}/`)).toBe(false);
      expect(path.startsWith('/qapi/v1/p/')).toBe(true);
    },
  },
};

describe('the 34 Partner vectors', () => {
  it('has 28 accept and 6 reject vectors, every reject one covered below', () => {
    expect(vectors).toHaveLength(34);
    expect(vectors.filter((v) => v.expect === 'accept')).toHaveLength(28);
    expect(vectors.filter((v) => v.expect === 'reject').map((v) => v.name)).toEqual(Object.keys(REJECTS));
  });

  describe('payload, segments and headers', () => {
    for (const v of vectors) {
      it(v.name, () => {
        const p = payloadOf(v);
        const expectedText = v.payloadRecipe === 'value+url+body' ? v.payload : v.correctPayload!;
        expect(p.text).toBe(expectedText);
        expect(Buffer.from(p.bytes).equals(Buffer.from(expectedText, 'utf8'))).toBe(true);
        if (v.payloadRecipe === 'value+url+body') {
          expect(p.bytes.length).toBe(v.payloadByteLength);
          expect(createHash('sha256').update(p.bytes).digest('hex')).toBe(v.payloadSha256Hex);
        }
        const [value, url, body] = p.segments;
        expect(value).toMatchObject({ name: kindOf(v), offset: 0, length: Buffer.byteLength(v.timestampOrNonce) });
        expect(url).toMatchObject({ name: 'url', text: v.url, offset: value!.length });
        expect(body).toMatchObject({
          name: 'body',
          offset: value!.length + url!.length,
          length: v.bodyByteLength ?? 0,
        });
        expect(body!.offset + body!.length).toBe(p.bytes.length);

        const h = lowerHeaders(v);
        const chosen = choosePartnerValue(h['x-timestamp'], h['x-nonce']);
        if (v.name !== 'reject-both-headers')
          expect(chosen).toEqual({ ok: true, kind: kindOf(v), value: v.timestampOrNonce });
        expect(h['x-api-key']).toBe(fixture.testApiKey);
        if (v.expect === 'accept') {
          const ours = partnerSignedHeaders(fixture.testApiKey, kindOf(v), v.timestampOrNonce, v.signature);
          for (const [name, text] of Object.entries(ours)) expect(h[name]).toBe(text);
        }
      });
    }
  });

  for (const [label, makeSigner] of [
    ['node:crypto', async (v: Vector) => signerFor(v)],
    ['WebCrypto', async () => webSigner(keys.privateKeyPkcs8Pem)],
  ] as const) {
    describe(`signatures through ${label}`, () => {
      for (const v of vectors) {
        it(v.name, async () => {
          const sig = await signPartner(await makeSigner(v), payloadOf(v));
          const expected = v.payloadRecipe === 'value+url+body' ? v.signature : v.correctSignature!;
          expect(sig.value).toBe(expected);
          expect(sig.value).toHaveLength(342);
          expect(sig.bytes).toHaveLength(256);
          expect(decodePartnerSignature(sig.value, 256)).toEqual({ ok: true, bytes: sig.bytes });
          if (v.payloadRecipe === 'value+url+body') expect(v.signaturePadded).toBe(`${sig.value}==`);
        });
      }
    });
  }

  describe('reject vectors: the form a server must refuse, for the stated reason', () => {
    for (const v of vectors.filter((x) => x.expect === 'reject')) {
      it(v.name, () => {
        const check = REJECTS[v.name]!;
        check.refused(v);
        expect(v.serverAnswer!.body.detail.reason).toBe(check.reason);
        if (v.serverAnswer!.status === 401) expect(v.serverAnswer!.body.msg).toBe(PARTNER_AUTH_ERROR);
      });
    }
  });

  it('same and different signatures where the vectors say so', () => {
    const byName = new Map(vectors.map((v) => [v.name, v]));
    for (const v of vectors) {
      if (v.sameSignatureAs) expect(v.signature).toBe(byName.get(v.sameSignatureAs)!.signature);
      if (v.differsFrom) expect(v.signature).not.toBe(byName.get(v.differsFrom)!.signature);
    }
  });
});

describe('buildPartnerPayload', () => {
  it('gives byte offsets and lengths in UTF-8 and has no method segment', () => {
    const p = buildPartnerPayload({ kind: 'nonce', value: 'n-1', url: 'http://h/ü', body: 'é🚀' });
    expect(p.segments.map((s) => [s.name, s.offset, s.length])).toEqual([
      ['nonce', 0, 3],
      ['url', 3, 11],
      ['body', 14, 6],
    ]);
    expect(p.text).toBe('n-1http://h/üé🚀');
  });
  it('signs no body and an empty body alike', () => {
    const a = buildPartnerPayload({ kind: 'timestamp', value: '1', url: 'u', body: null });
    const b = buildPartnerPayload({ kind: 'timestamp', value: '1', url: 'u', body: '' });
    expect(Array.from(a.bytes)).toEqual(Array.from(b.bytes));
  });
  it('takes the body as raw bytes, unchanged, even when they are not UTF-8', () => {
    const raw = new Uint8Array([0xff, 0x00, 0x7b, 0xc3]);
    const p = buildPartnerPayload({ kind: 'timestamp', value: '1', url: 'u', body: raw });
    expect(Array.from(p.bytes.subarray(2))).toEqual(Array.from(raw));
    expect(p.segments[2]).toMatchObject({ name: 'body', offset: 2, length: 4 });
  });
});

describe('choosePartnerValue', () => {
  it.each([
    [['1700000000', undefined], { ok: true, kind: 'timestamp', value: '1700000000' }],
    [[undefined, 'abc'], { ok: true, kind: 'nonce', value: 'abc' }],
    [['1700000000', ''], { ok: true, kind: 'timestamp', value: '1700000000' }],
    [['', 'abc'], { ok: true, kind: 'nonce', value: 'abc' }],
    [['1', 'abc'], { ok: false, problem: 'both' }],
    [[undefined, undefined], { ok: false, problem: 'missing' }],
    [['', ''], { ok: false, problem: 'missing' }],
  ] as const)('%j → %j', ([ts, nonce], expected) => expect(choosePartnerValue(ts, nonce)).toEqual(expected));
});

describe('checkPartnerTimestamp and formatPartnerTimestamp', () => {
  it('accepts ±300 s and refuses 301 s either way', () => {
    expect(checkPartnerTimestamp('1699999700', 1_700_000_000)).toEqual({ ok: true, seconds: 1_699_999_700 });
    expect(checkPartnerTimestamp('1700000300', 1_700_000_000)).toEqual({ ok: true, seconds: 1_700_000_300 });
    expect(checkPartnerTimestamp('1699999699', 1_700_000_000)).toMatchObject({ ok: false, skewSeconds: -301 });
    expect(checkPartnerTimestamp('1700000301', 1_700_000_000)).toMatchObject({ ok: false, skewSeconds: 301 });
    expect(checkPartnerTimestamp('1700000100', 1_700_000_000, 60)).toMatchObject({ ok: false });
  });
  it.each(['', '12a', '-1', '1.5', ' 1700000000', '1e9'])('refuses %j as not decimal', (t) =>
    expect(checkPartnerTimestamp(t, 1_700_000_000)).toEqual({ ok: false, problem: 'not-decimal' }),
  );
  it('formats seconds from milliseconds', () => expect(formatPartnerTimestamp(1_700_000_000_999)).toBe('1700000000'));
});

describe('isPartnerNonce', () => {
  it.each(['1', '1000001', 'a'.repeat(64), '~!{}', 'ef1c-22'])('accepts %j', (n) =>
    expect(isPartnerNonce(n)).toBe(true),
  );
  it.each(['', 'a'.repeat(65), 'a b', 'é', 'a\tb'])('refuses %j', (n) => expect(isPartnerNonce(n)).toBe(false));
});

describe('decodePartnerSignature', () => {
  it.each([
    ['', 'empty'],
    ['ab+c', 'standard-alphabet'],
    ['ab/c', 'standard-alphabet'],
    ['QQ==', 'padded'],
    ['ab c', 'not-base64url'],
    ['abcde', 'not-base64url'],
    ['QR', 'not-base64url'],
  ] as const)('refuses %j as %s', (text, problem) =>
    expect(decodePartnerSignature(text)).toMatchObject({ ok: false, problem }),
  );
  it('checks the length against the modulus when asked', () => {
    expect(decodePartnerSignature('QQ')).toEqual({ ok: true, bytes: new Uint8Array([0x41]) });
    expect(decodePartnerSignature('QQ', 256)).toMatchObject({ ok: false, problem: 'length', detail: /342 characters/ });
  });
});

describe('headers', () => {
  it('names the three headers in the order Qredo sets them', () => {
    expect(Object.keys(partnerSignedHeaders('k', 'timestamp', '1', 's'))).toEqual([
      'x-api-key',
      'x-timestamp',
      'x-sign',
    ]);
    expect(Object.keys(partnerSignedHeaders('k', 'nonce', '1', 's'))).toEqual(['x-api-key', 'x-nonce', 'x-sign']);
  });
});

describe('properties against an independent signer', () => {
  const privateKey = createPrivateKey(keys.privateKeyPkcs1Pem);
  const publicKey = createPublicKey(keys.publicKeySpkiPem);
  const ours = nodeSigner(keys.privateKeyPkcs1Pem);
  const value = fc.oneof(
    fc.tuple(fc.constant('timestamp' as const), fc.integer({ min: 0, max: 4_102_444_800 }).map(String)),
    fc.tuple(
      fc.constant('nonce' as const),
      fc.string({
        minLength: 1,
        maxLength: 64,
        unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      }),
    ),
  );
  const url = fc.webUrl({ withQueryParameters: true, withFragments: false });

  it('text bodies: our segments sign what plain string concatenation signs', async () => {
    await fc.assert(
      fc.asyncProperty(
        value,
        url,
        fc.option(fc.string({ unit: 'binary', maxLength: 300 })),
        async ([kind, v], u, body) => {
          const payload = buildPartnerPayload({ kind, value: v, url: u, body });
          const plain = Buffer.from(v + u + (body ?? ''), 'utf8');
          expect(Buffer.from(payload.bytes).equals(plain)).toBe(true);
          for (const s of payload.segments) {
            const slice = Buffer.from(payload.bytes.subarray(s.offset, s.offset + s.length));
            expect(slice.equals(Buffer.from(s.text, 'utf8'))).toBe(true);
          }
          const sig = await signPartner(ours, payload);
          expect(sig.value).toBe(sign('RSA-SHA256', plain, privateKey).toString('base64url'));
          expect(verify('RSA-SHA256', plain, publicKey, Buffer.from(sig.value, 'base64url'))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('byte bodies: the raw bytes are signed as they are', async () => {
    await fc.assert(
      fc.asyncProperty(value, url, fc.uint8Array({ maxLength: 300 }), async ([kind, v], u, body) => {
        const payload = buildPartnerPayload({ kind, value: v, url: u, body });
        const plain = Buffer.concat([Buffer.from(v + u, 'utf8'), body]);
        expect(Buffer.from(payload.bytes).equals(plain)).toBe(true);
        const sig = await signPartner(ours, payload);
        expect(sig.value).toBe(sign('RSA-SHA256', plain, privateKey).toString('base64url'));
      }),
      { numRuns: 30 },
    );
  });

  it('any bytes round-trip through base64url, and the padded and standard forms are refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        const text = base64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodePartnerSignature(text)).toEqual({ ok: true, bytes });
        const standard = Buffer.from(bytes).toString('base64');
        if (standard !== text) expect(decodePartnerSignature(standard).ok).toBe(false);
      }),
    );
  });
});
