import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64standard,
  base64url,
  buildStringToSign,
  decodeSecret,
  type HmacSha256,
  type SigningInput,
} from '../signing/index.ts';
import { CAUSE_IDS, type CauseId } from './causes.ts';
import { diagnose, type Capture, type DiagnoseOptions } from './diagnose.ts';
import { writeJson } from './json-forms.ts';
import { PARTNER_CAUSE_IDS } from './partner.ts';

const hmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
const SECRET = 'JDJhJDEwJFBsYXlncm91bmRUZXN0VmVjdG9yU2VjcmV0Tm90QVJlYWxRcmVkb0tleS4wMTIzNDU2Nzg5';
const decoded = decodeSecret(SECRET);
if (!decoded.ok) throw new Error('bad test secret');
const KEY = decoded.key;
const NOW = 1_700_000_000;
const URL = 'https://api.qredo.network/qapi/v1/balance';
const TX_URL = 'https://api.qredo.network/qapi/v1/transaction';
const BODY_VALUE = { from: '0x84CE', to: '0xdEaD', value: '100', note: 'Zahlung für Café ☕ 🚀', amounts: [1, 2.5] };
const COMPACT = JSON.stringify(BODY_VALUE);

async function macOf(input: SigningInput, key: Uint8Array = KEY): Promise<Uint8Array> {
  return hmac(key, buildStringToSign(input).bytes);
}
async function sigOf(input: SigningInput, key: Uint8Array = KEY): Promise<string> {
  return base64url(await macOf(input, key));
}

/** A correct signing of `signed`, captured as the request went out (`sent`). */
async function captureOf(
  signed: SigningInput,
  sent: SigningInput = signed,
  extra: Partial<Capture> = {},
): Promise<Capture> {
  return { ...sent, signature: await sigOf(signed), ...extra };
}

const get = (over: Partial<SigningInput> = {}): SigningInput => ({
  timestamp: String(NOW),
  method: 'GET',
  url: URL,
  body: null,
  ...over,
});
const post = (over: Partial<SigningInput> = {}): SigningInput => ({
  timestamp: String(NOW),
  method: 'POST',
  url: TX_URL,
  body: COMPACT,
  ...over,
});

interface Case {
  name: string;
  id: CauseId;
  certain: boolean;
  make: () => Promise<{ capture: Capture; opts?: DiagnoseOptions }>;
}

const cases: Case[] = [
  {
    name: 'the secret text used as the key',
    id: 'secret-not-decoded',
    certain: true,
    make: async () => ({
      capture: { ...get(), signature: base64url(await macOf(get(), new TextEncoder().encode(SECRET))) },
      opts: { rawSecret: SECRET },
    }),
  },
  {
    name: 'standard base64 with padding',
    id: 'signature-standard-base64',
    certain: true,
    make: async () => {
      // Find a request whose MAC has a + or / in standard base64, so the mistake is visible.
      for (let t = NOW; ; t++) {
        const mac = await macOf(get({ timestamp: String(t) }));
        const standard = base64standard(mac);
        if (/[+/]/.test(standard)) return { capture: { ...get({ timestamp: String(t) }), signature: standard } };
      }
    },
  },
  {
    name: 'standard base64 without padding',
    id: 'signature-standard-base64',
    certain: true,
    make: async () => {
      for (let t = NOW; ; t++) {
        const standard = base64standard(await macOf(get({ timestamp: String(t) }))).replace(/=+$/, '');
        if (/[+/]/.test(standard)) return { capture: { ...get({ timestamp: String(t) }), signature: standard } };
      }
    },
  },
  {
    name: 'URL-safe with padding',
    id: 'signature-padded',
    certain: true,
    make: async () => ({ capture: { ...get(), signature: `${await sigOf(get())}=` } }),
  },
  {
    name: 'signed compact, sent pretty',
    id: 'body-reserialized',
    certain: true,
    make: async () => ({ capture: await captureOf(post(), post({ body: JSON.stringify(BODY_VALUE, null, 2) })) }),
  },
  {
    name: 'signed pretty, sent compact',
    id: 'body-reserialized',
    certain: true,
    make: async () => ({ capture: await captureOf(post({ body: JSON.stringify(BODY_VALUE, null, 2) }), post()) }),
  },
  {
    name: "signed with Python's default separators, sent compact",
    id: 'body-reserialized',
    certain: true,
    make: async () => {
      const python = writeJson(BODY_VALUE, {
        indent: null,
        itemSeparator: ', ',
        keySeparator: ': ',
        sortKeys: false,
        asciiOnly: true,
      });
      expect(python).toContain('"note": "Zahlung f\\u00fcr Caf\\u00e9 \\u2615 \\ud83d\\ude80"');
      return { capture: await captureOf(post({ body: python }), post()) };
    },
  },
  {
    name: 'signed with sorted keys, sent in the original order',
    id: 'body-reserialized',
    certain: true,
    make: async () => {
      const sorted = writeJson(BODY_VALUE, {
        indent: null,
        itemSeparator: ',',
        keySeparator: ':',
        sortKeys: true,
        asciiOnly: false,
      });
      return { capture: await captureOf(post({ body: sorted }), post()) };
    },
  },
  {
    name: 'signed with escaped unicode, sent raw UTF-8',
    id: 'body-reserialized',
    certain: true,
    make: async () => {
      const escaped = writeJson(BODY_VALUE, {
        indent: null,
        itemSeparator: ',',
        keySeparator: ':',
        sortKeys: false,
        asciiOnly: true,
      });
      return { capture: await captureOf(post({ body: escaped }), post()) };
    },
  },
  {
    name: 'signed LF, sent CRLF',
    id: 'body-line-endings',
    certain: true,
    make: async () => {
      const lf = JSON.stringify(BODY_VALUE, null, 2);
      return { capture: await captureOf(post({ body: lf }), post({ body: lf.replace(/\n/g, '\r\n') })) };
    },
  },
  {
    name: 'signed with a final newline, sent without',
    id: 'body-trailing-newline',
    certain: true,
    make: async () => ({ capture: await captureOf(post({ body: `${COMPACT}\n` }), post()) }),
  },
  {
    name: 'signed without the final newline that was sent',
    id: 'body-trailing-newline',
    certain: true,
    make: async () => ({ capture: await captureOf(post(), post({ body: `${COMPACT}\n` })) }),
  },
  {
    name: 'signed seconds, header in nanoseconds',
    id: 'timestamp-unit',
    certain: true,
    make: async () => ({ capture: await captureOf(get(), get({ timestamp: `${NOW}000000000` })) }),
  },
  {
    name: 'milliseconds, self-consistent',
    id: 'timestamp-unit',
    certain: true,
    make: async () => ({ capture: await captureOf(get({ timestamp: `${NOW}123` })), opts: { now: NOW } }),
  },
  {
    name: 'header and signed value differ (given separately)',
    id: 'timestamp-mismatch',
    certain: true,
    make: async () => ({ capture: await captureOf(get(), get(), { headerTimestamp: String(NOW + 7) }) }),
  },
  {
    name: 'header one second after the signed value (found by search)',
    id: 'timestamp-mismatch',
    certain: true,
    make: async () => ({ capture: await captureOf(get(), get({ timestamp: String(NOW + 1) })), opts: { now: NOW } }),
  },
  {
    name: 'a stale but correct signature',
    id: 'timestamp-expired',
    certain: true,
    make: async () => ({ capture: await captureOf(get()), opts: { now: NOW + 3600, windowSeconds: 300 } }),
  },
  {
    name: 'signed https, sent http',
    id: 'url-scheme',
    certain: true,
    make: async () => ({ capture: await captureOf(get(), get({ url: URL.replace('https:', 'http:') })) }),
  },
  {
    name: 'signed for sandbox, sent to production',
    id: 'url-host',
    certain: true,
    make: async () => ({ capture: await captureOf(get({ url: URL.replace('api.', 'sandbox-api.') }), get()) }),
  },
  {
    name: 'signed for localhost, sent to 127.0.0.1',
    id: 'url-host',
    certain: true,
    make: async () => ({
      capture: await captureOf(
        get({ url: 'http://localhost:8002/qapi/v1/balance' }),
        get({ url: 'http://127.0.0.1:8002/qapi/v1/balance' }),
      ),
    }),
  },
  {
    name: 'signed with a trailing slash',
    id: 'url-trailing-slash',
    certain: true,
    make: async () => ({ capture: await captureOf(get({ url: `${URL}/` }), get()) }),
  },
  {
    name: 'signed with a doubled slash from the base URL',
    id: 'url-trailing-slash',
    certain: true,
    make: async () => ({ capture: await captureOf(get({ url: 'https://api.qredo.network/qapi/v1//balance' }), get()) }),
  },
  {
    name: 'signed without the query',
    id: 'url-query-missing',
    certain: true,
    make: async () => {
      const url = 'https://api.qredo.network/qapi/v1/funds';
      return { capture: await captureOf(get({ url }), get({ url: `${url}?archived=true` })) };
    },
  },
  {
    name: 'signed the path only',
    id: 'url-path-only',
    certain: true,
    make: async () => ({ capture: await captureOf(get({ url: '/qapi/v1/balance' }), get()) }),
  },
  {
    name: 'signed the path relative to the base',
    id: 'url-path-only',
    certain: true,
    make: async () => ({ capture: await captureOf(get({ url: '/balance' }), get()) }),
  },
  {
    name: 'signed lower-case, sent upper-case',
    id: 'method-case',
    certain: true,
    make: async () => ({ capture: await captureOf(get({ method: 'get' }), get()) }),
  },
  {
    name: 'the signature sent as qredo-api-sign',
    id: 'header-misspelt',
    certain: true,
    make: async () => ({
      capture: await captureOf(get(), get(), { headerNames: ['qredo-api-key', 'qredo-api-ts', 'qredo-api-sign'] }),
    }),
  },
];

describe('diagnose: each known mistake is named first', () => {
  it('covers every cause id but the Partner API’s own (partner.test.ts covers those)', () => {
    const v1 = new Set(cases.map((c) => c.id));
    const partnerOnly = CAUSE_IDS.filter((id) => !v1.has(id));
    expect(partnerOnly.filter((id) => !(PARTNER_CAUSE_IDS as readonly string[]).includes(id))).toEqual([]);
    expect(partnerOnly.sort()).toEqual([
      'base-path-typo',
      'freshness-both',
      'key-mismatch',
      'method-in-payload',
      'nonce-reused',
      'url-encoding',
    ]);
  });

  it.each(cases.map((c) => [c.id, c.name, c] as const))('%s: %s', async (id, _name, c) => {
    const { capture, opts } = await c.make();
    const d = await diagnose(capture, KEY, hmac, opts ?? {});
    expect(d.valid).toBe(false);
    expect(d.causes[0]?.id).toBe(id);
    expect(d.causes[0]?.certain).toBe(c.certain);
    expect(d.causes[0]?.title.length).toBeGreaterThan(0);
  });
});

describe('diagnose: correct captures', () => {
  it.each([
    ['GET', get()],
    ['POST with a JSON body', post()],
    ['POST with a pretty body signed as sent', post({ body: JSON.stringify(BODY_VALUE, null, 2) })],
    ['query string', get({ url: 'https://api.qredo.network/qapi/v1/funds?archived=true' })],
  ])('%s is valid with no causes', async (_n, input) => {
    const d = await diagnose(await captureOf(input), KEY, hmac, { now: NOW, rawSecret: SECRET });
    expect(d.valid).toBe(true);
    expect(d.signatureMatches).toBe(true);
    expect(d.causes).toEqual([]);
    expect(d.expected).toBe(await sigOf(input));
    expect(d.components.every((c) => c.same)).toBe(true);
  });

  it('a nanosecond timestamp that verifies is valid, with a note', async () => {
    const d = await diagnose(await captureOf(get({ timestamp: `${NOW}000000000` })), KEY, hmac, { now: NOW });
    expect(d.valid).toBe(true);
    expect(d.causes).toEqual([]);
    expect(d.notes.join(' ')).toMatch(/nanoseconds/);
  });

  it('shows which component the sender signed differently', async () => {
    const d = await diagnose(await captureOf(get({ url: `${URL}/` }), get()), KEY, hmac);
    const url = d.components.find((c) => c.name === 'url')!;
    expect(url).toMatchObject({ same: false, captured: URL, signed: `${URL}/` });
    expect(d.components.find((c) => c.name === 'signature')!.same).toBe(false);
    expect(d.reproduced).toBe(true);
    expect(d.summary).toMatch(/reproduces/);
  });

  it('the published apitool README example verifies', async () => {
    const secret = 'JDJhJDA0JGV0aGt1LnE1a0NyZUFhaHFYVnlzZnVpU0Ryd2xOVThIZTY0TkhpRzRaLjF6YS9ZSi95SExL';
    const k = decodeSecret(secret);
    if (!k.ok) throw new Error(k.error);
    const d = await diagnose(
      {
        timestamp: '1644848012',
        method: 'GET',
        url: 'http://127.0.0.1:8002/qapi/v1/balance',
        body: null,
        signature: 'ZPjvuaQHtHVKg26nd5FMNJKRyA45d5VzwonbZkRxt9w',
      },
      k.key,
      hmac,
    );
    expect(d.valid).toBe(true);
  });
});

describe('diagnose: when nothing reproduces', () => {
  const bogus = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  it('says so and marks nothing certain', async () => {
    const d = await diagnose({ ...get(), signature: bogus }, KEY, hmac, { rawSecret: SECRET });
    expect(d.valid).toBe(false);
    expect(d.reproduced).toBe(false);
    expect(d.summary).toMatch(/None of the \d+ replayed mistakes/);
    expect(d.variantsTried).toBeGreaterThan(100);
    expect(d.causes.length).toBeGreaterThan(0);
    expect(d.causes.every((c) => !c.certain)).toBe(true);
    // The raw secret was tried and did not reproduce, so it is not listed.
    expect(d.causes.map((c) => c.id)).not.toContain('secret-not-decoded');
  });

  it.each<[string, Partial<Capture>, CauseId, DiagnoseOptions?]>([
    ['a 19-digit timestamp', { timestamp: `${NOW}123456789` }, 'timestamp-unit'],
    ['a body with CRLF', { method: 'POST', body: '{\r\n  "a": 1\r\n}' }, 'body-line-endings'],
    ['+ and / in the signature', { signature: 'ab+cd/ef' + bogus.slice(8) }, 'signature-standard-base64'],
    [
      'a qredo-api-sign header',
      { headerNames: ['qredo-api-key', 'qredo-api-ts', 'qredo-api-sign'] },
      'header-misspelt',
    ],
    ['a timestamp outside the window', {}, 'timestamp-expired', { now: NOW + 10_000 }],
    ['a padded signature', { signature: `${bogus}=` }, 'signature-padded'],
    ['a path-only URL', { url: '/qapi/v1/balance' }, 'url-path-only'],
    ['a lower-case method', { method: 'get' }, 'method-case'],
    ['header and signed timestamps that differ', { headerTimestamp: String(NOW + 1000) }, 'timestamp-mismatch'],
  ])('ranks %s first', async (_n, over, id, opts) => {
    const d = await diagnose({ ...get(), signature: bogus, ...over }, KEY, hmac, opts ?? {});
    expect(d.causes[0]?.id).toBe(id);
    expect(d.causes.every((c) => !c.certain)).toBe(true);
  });
});

describe('the wire contract', () => {
  it('lists the same cause ids as the doctor', async () => {
    const { DOCTOR_CAUSE_IDS } = await import('../contract.ts');
    expect([...DOCTOR_CAUSE_IDS]).toEqual([...CAUSE_IDS]);
  });
});
