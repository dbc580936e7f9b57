import { createHmac, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/vectors.json' with { type: 'json' };
import {
  base64url,
  buildStringToSign,
  decodeSecret,
  formatTimestamp,
  sign,
  signedHeaders,
  timestampToSeconds,
  toHex,
  type HmacSha256,
} from './index.ts';

const nodeHmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
const webHmac: HmacSha256 = async (key, message) => {
  const k = await webcrypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await webcrypto.subtle.sign('HMAC', k, message));
};

describe('the 17 shared vectors', () => {
  it('has all of them', () => expect(vectors).toHaveLength(17));
  for (const [label, hmac] of [
    ['node:crypto', nodeHmac],
    ['WebCrypto', webHmac],
  ] as const) {
    describe(label, () => {
      for (const v of vectors) {
        it(v.name, async () => {
          const decoded = decodeSecret(v.secret);
          if (!decoded.ok) throw new Error(decoded.error);
          expect(toHex(decoded.key)).toBe(v.secretDecodedHex);
          expect(decoded.key.length).toBe(v.secretDecodedLength);
          const sts = buildStringToSign({ timestamp: v.timestamp, method: v.method, url: v.url, body: v.body });
          expect(sts.text).toBe(v.stringToSign);
          const body = sts.segments[3]!;
          expect(body.length).toBe(v.bodyByteLength);
          expect(body.offset + body.length).toBe(sts.bytes.length);
          const sig = await sign(hmac, decoded.key, sts);
          expect(sig.value).toBe(v.signature);
          expect(sig.value).toHaveLength(43);
        });
      }
    });
  }
});

describe('decodeSecret', () => {
  const key32 = 'KfKvYI5j5LocACdBGbFostDLjAZXXgXF+SR/+S1hYPY=';
  it('trims whitespace and says so', () => {
    const r = decodeSecret(`  ${key32}\n`);
    expect(r.ok && r.notes).toContain('trimmed-whitespace');
  });
  it('accepts the URL-safe alphabet without padding and reports both', () => {
    const r = decodeSecret('KfKvYI5j5LocACdBGbFostDLjAZXXgXF-SR_-S1hYPY');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.notes).toEqual(expect.arrayContaining(['url-safe-alphabet', 'padding-added', 'unusual-length']));
      expect(r.warnings.length).toBeGreaterThan(0);
    }
  });
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['abc$def', /position 4/],
    ['ab+c-d==', /mixes/],
    ['ab=cd', /middle/],
    ['abcde', /4n\+1/],
    ['QQ=R', /middle/],
    ['QR==', /stray bits/],
  ])('rejects %j with a clear message', (input, message) => {
    const r = decodeSecret(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('never falls back to the raw text', () => {
    const r = decodeSecret('not a secret!');
    expect(r.ok).toBe(false);
  });
});

describe('buildStringToSign', () => {
  it('gives byte offsets and lengths in UTF-8, not UTF-16', () => {
    const sts = buildStringToSign({ timestamp: '1', method: 'POST', url: 'http://h/x', body: 'é🚀' });
    expect(sts.segments.map((s) => [s.name, s.offset, s.length])).toEqual([
      ['timestamp', 0, 1],
      ['method', 1, 4],
      ['url', 5, 10],
      ['body', 15, 6],
    ]);
    expect(sts.bytes.length).toBe(21);
  });
  it('keeps the method as given', () => {
    expect(buildStringToSign({ timestamp: '1', method: 'get', url: 'u', body: null }).text).toBe('1getu');
  });
});

describe('timestamps', () => {
  it('formats seconds and nanoseconds', () => {
    expect(formatTimestamp(1647356399123)).toBe('1647356399');
    expect(formatTimestamp(1647356399123, 'nanoseconds')).toBe('1647356399123000000');
  });
  it('reads either unit back as seconds', () => {
    expect(timestampToSeconds('1647356399')).toBe(1647356399);
    expect(timestampToSeconds('1647356399000000000')).toBe(1647356399);
    expect(timestampToSeconds('12a')).toBeNull();
    expect(timestampToSeconds('')).toBeNull();
  });
});

describe('base64url and headers', () => {
  it('never pads and uses - and _', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([]))).toBe('');
  });
  it('names the three headers', () => {
    expect(Object.keys(signedHeaders('k', 't', 's'))).toEqual(['qredo-api-key', 'qredo-api-ts', 'qredo-api-sig']);
  });
});

describe('buildStringToSign buffer growth', () => {
  it('encodes bodies of every width exactly as TextEncoder does', () => {
    const bodies = [
      '',
      'ascii only',
      'é'.repeat(1000),
      '☕'.repeat(777),
      '🚀'.repeat(500) + 'x',
      'a'.repeat(5000) + '日本'.repeat(3000),
    ];
    for (const body of bodies) {
      const sts = buildStringToSign({ timestamp: '1', method: 'POST', url: 'http://h/ü', body });
      const expected = new TextEncoder().encode(`1POSThttp://h/ü${body}`);
      expect(Array.from(sts.bytes)).toEqual(Array.from(expected));
      expect(sts.segments[3]!.length).toBe(new TextEncoder().encode(body).length);
      expect(sts.text).toBe(`1POSThttp://h/ü${body}`);
    }
  });
});
