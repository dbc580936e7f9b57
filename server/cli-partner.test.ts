/**
 * The command line's Partner API commands: every vector through `sign --scheme partner` (the 28 accept
 * ones exact, from a PKCS#1 and a PKCS#8 key file), the 6 reject ones through `verify`, each named for
 * its cause, and `send` against the embedded Partner API.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vectorsFile from '../core/fixtures/partner-vectors.json' with { type: 'json' };
import { base64url } from '../core/signing/index.ts';
import { runCli } from './cli.ts';
import { findPartnerDemoKey } from './mock/partner/keys.ts';
import { startMockServer } from './mock/server.ts';
import { memoryIo } from '../test-support/cli-io.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

interface Vector {
  name: string;
  expect: 'accept' | 'reject';
  header: 'x-timestamp' | 'x-nonce';
  timestampOrNonce: string;
  method: string;
  url: string;
  body: string | null;
  payload: string;
  signature: string;
  request: { method: string; url: string; headers: Record<string, string> };
}
const file = vectorsFile as unknown as {
  testApiKey: string;
  keys: Record<string, { privateKeyPkcs1Pem: string; privateKeyPkcs8Pem: string; publicKeySpkiPem: string }>;
  vectors: Vector[];
};
const KEYS = file.keys['partner-test-key']!;
const FILES = {
  '/k1.pem': Buffer.from(`# a comment before BEGIN, as the test key files have\n${KEYS.privateKeyPkcs1Pem}`),
  '/k8.pem': Buffer.from(KEYS.privateKeyPkcs8Pem),
  '/pub.pem': Buffer.from(KEYS.publicKeySpkiPem),
};
const accepts = file.vectors.filter((v) => v.expect === 'accept');
const rejects = file.vectors.filter((v) => v.expect === 'reject');

function files(v: Vector): Record<string, Buffer> {
  return v.body === null ? FILES : { ...FILES, '/body': Buffer.from(v.body, 'utf8') };
}

const freshnessArgs = (v: Vector) =>
  v.header === 'x-nonce' ? ['--nonce', v.timestampOrNonce] : ['--timestamp', v.timestampOrNonce];

describe('cli sign --scheme partner', () => {
  it('has the 28 accept vectors', () => expect(accepts).toHaveLength(28));

  it.each(
    accepts
      .flatMap((v) => [['PKCS#1', '/k1.pem', v] as const, ['PKCS#8', '/k8.pem', v] as const])
      .map(([format, key, v]) => [v.name, format, key, v] as const),
  )('reproduces %s exactly from the %s key file', async (_name, format, key, v) => {
    const { value, out, err } = memoryIo({ QREDO_PARTNER_API_KEY: file.testApiKey }, files(v));
    const args = ['sign', '--scheme', 'partner', '--key-file', key, '--url', v.url, ...freshnessArgs(v), '--json'];
    if (v.body !== null) args.push('--body-file', '/body');
    expect(await runCli(args, value)).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(json).toEqual({
      payload: v.payload,
      signature: v.signature,
      headers: { 'x-api-key': file.testApiKey, [v.header]: v.timestampOrNonce, 'x-sign': v.signature },
    });
    expect(Object.keys(json.headers)).toEqual(['x-api-key', v.header, 'x-sign']);
    if (format === 'PKCS#8') expect(err.join('\n')).toMatch(/PKCS#8.*-traditional/);
    else expect(err).toEqual([]);
  });

  it('prints the payload, the signature and the headers as text, signing the current second when not pinned', async () => {
    const { value, out } = memoryIo({ QREDO_PARTNER_PRIVATE_KEY: KEYS.privateKeyPkcs1Pem }, FILES);
    const url = 'https://api.qredo.network/api/v1/p/assets';
    expect(await runCli(['sign', '--scheme=partner', '--url', url], value)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`payload (51 bytes; value + URL + body, no method):\n1700000000${url}\n`);
    expect(text).toContain(`signature: ${accepts[0]!.signature}`);
    expect(text).toContain('x-api-key: <your X-API-KEY>');
    expect(text).toContain('x-timestamp: 1700000000');
  });

  it.each([
    [['--url', 'u', '--api-key', 'k'], /never taken from an argument/],
    [['--url', 'u', '--private-key', 'k'], /never taken from an argument/],
    [['--key-file', '/k1.pem'], /--url is required/],
    [['--key-file', '/k1.pem', '--url', 'u', '--timestamp', '1', '--nonce', 'n'], /not both/],
    [['--key-file', '/k1.pem', '--url', 'u', '--nonce', 'has space'], /printable ASCII/],
    [['--key-file', '/k1.pem', '--url', 'u', '--timestamp', '17e8'], /decimal digits/],
    [['--url', 'u'], /No private key/],
  ])('refuses %j with the usage (exit 2)', async (args, message) => {
    const { value, err } = memoryIo({}, FILES);
    expect(await runCli(['sign', '--scheme', 'partner', ...args], value)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('refuses a public key or an unknown scheme with a clear message', async () => {
    const { value, err } = memoryIo({}, FILES);
    expect(await runCli(['sign', '--scheme', 'partner', '--key-file', '/pub.pem', '--url', 'u'], value)).toBe(1);
    expect(err.join('\n')).toMatch(/This is a public key/);
    const other = memoryIo({}, FILES);
    expect(await runCli(['sign', '--scheme', 'v2', '--url', 'u'], other.value)).toBe(2);
    expect(other.err.join('\n')).toMatch(/--scheme must be v1 or partner/);
  });
});

describe('cli verify --scheme partner', () => {
  const CAUSE: Record<string, string> = {
    'reject-method-in-payload': 'method-in-payload',
    'reject-padded-base64': 'signature-padded',
    'reject-standard-alphabet': 'signature-standard-base64',
    'reject-both-headers': 'freshness-both',
    'reject-timestamp-milliseconds': 'timestamp-unit',
    'reject-qapi-typo-base': 'base-path-typo',
  };

  it.each(rejects.map((v) => [v.name, v] as const))('names the cause of %s (exit 1)', async (name, v) => {
    const h = v.request.headers;
    const args = ['verify', '--scheme', 'partner', '--key-file', '/k1.pem', '--url', v.url, '--method', v.method];
    args.push('--signature', h['x-sign']!, '--json');
    if (h['x-timestamp']) args.push('--timestamp', h['x-timestamp']);
    if (h['x-nonce']) args.push('--nonce', h['x-nonce']);
    if (v.body !== null) args.push('--body-file', '/body');
    const { value, out } = memoryIo({}, files(v));
    expect(await runCli(args, value)).toBe(1);
    const json = JSON.parse(out.join('\n'));
    expect(json.valid).toBe(false);
    expect(json.causes[0]).toMatchObject({ id: CAUSE[name], certain: true });
  });

  it('finds an accept vector valid with the public key alone (exit 0), and a capture file too', async () => {
    const v = accepts.find((x) => x.name === 'post-company-crlf')!;
    const { value, out } = memoryIo({}, files(v));
    const args = ['verify', '--scheme', 'partner', '--key-file', '/pub.pem', '--url', v.url, '--method', v.method];
    args.push('--timestamp', v.timestampOrNonce, '--signature', v.signature, '--body-file', '/body');
    expect(await runCli(args, value)).toBe(0);
    expect(out[0]).toBe('The signature is valid for this request and key pair.');

    const g = accepts.find((x) => x.name === 'get-ledger-query-order')!;
    const curl = `curl '${g.url}' ${Object.entries(g.request.headers)
      .map(([n, val]) => `-H '${n}: ${val}'`)
      .join(' ')}`;
    const c = memoryIo({}, { ...FILES, '/capture': Buffer.from(curl) });
    expect(
      await runCli(['verify', '--scheme', 'partner', '--key-file', '/k8.pem', '--capture-file', '/capture'], c.value),
    ).toBe(0);
    expect(c.out.join('\n')).toContain(`expected signature: ${g.signature}`);
  });

  it('names a signature made with another key pair with certainty, and reads out what this key signed otherwise', async () => {
    const v = accepts[0]!;
    const args = [
      'verify',
      '--scheme',
      'partner',
      '--key-file',
      '/k1.pem',
      '--url',
      v.url,
      '--timestamp',
      v.timestampOrNonce,
    ];
    const other = findPartnerDemoKey('partner-northwind');
    const foreign = base64url(sign('RSA-SHA256', Buffer.from(v.payload), createPrivateKey(other.privateKeyPem)));
    const a = memoryIo({}, FILES);
    expect(await runCli([...args, '--signature', foreign, '--json'], a.value)).toBe(1);
    expect(JSON.parse(a.out.join('\n'))).toMatchObject({
      keyPairMatches: false,
      causes: [{ id: 'key-mismatch', certain: true }],
    });
    // The same key over another request altogether: not a key mismatch, and the signed SHA-256 is read out.
    const elsewhere = accepts.find((x) => x.name === 'post-company-compact')!.signature;
    const b = memoryIo({}, FILES);
    expect(await runCli([...args, '--signature', elsewhere], b.value)).toBe(1);
    expect(b.out.join('\n')).toMatch(/made with this key pair over a payload whose SHA-256 is [0-9a-f]{64}/);
  });
});

describe('cli send --scheme partner', () => {
  it('signs with a demo partner and the embedded Partner API answers 200, with a nonce too', async () => {
    const mock = await startMockServer({ port: 0 });
    try {
      for (const extra of [[], ['--nonce', ''], ['--nonce', 'cli-send-nonce-1']]) {
        const { value, out } = memoryIo({ MOCK_PORT: String(mock.port) }, {}, Date.now);
        const args = [
          'send',
          '--scheme',
          'partner',
          '--env',
          'mock',
          '--path',
          '/assets',
          '--partner-key',
          'partner-test-key',
        ];
        expect(await runCli([...args, ...extra, '--data-dir', tempDir(), '--json'], value)).toBe(0);
        const entry = JSON.parse(out.join('\n'));
        expect(entry.scheme).toBe('partner');
        expect(entry.response.status).toBe(200);
        expect(entry.request.url).toBe(`${mock.baseUrl.replace('/qapi/v1', '/api/v1/p')}/assets`);
        const sent = Object.keys(entry.request.headers).map((n: string) => n.toLowerCase());
        expect(sent).toContain(extra.length ? 'x-nonce' : 'x-timestamp');
        expect(sent).not.toContain('qredo-api-sig');
      }
    } finally {
      await mock.close();
    }
  });

  it.each([
    [['--env', 'sandbox', '--path', '/assets', '--partner-key', 'partner-fresh'], /demo partner of the mock/],
    [['--env', 'mock', '--path', '/assets', '--partner-key', 'nobody'], /--partner-key must be one of/],
    [['--env', 'mock'], /--path is required/],
    [['--env', 'mock', '--path', '/a', '--nonce', 'x', '--timestamp', '1'], /not both/],
  ])('refuses %j (exit 2)', async (args, message) => {
    const { value, err } = memoryIo({});
    expect(await runCli(['send', '--scheme', 'partner', ...args], value)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });
});
