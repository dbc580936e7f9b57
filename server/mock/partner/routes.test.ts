import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fixture from '../../../core/fixtures/partner-vectors.json' with { type: 'json' };
import { PARTNER_DEMO_KEYS, findPartnerKeyByApiKey, partnerKeysForListing } from './keys.ts';
import { PARTNER_ROUTES, matchRoute } from './routes.ts';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

/** The (method, path) pairs of the OpenAPI file, read from its `paths:` section. */
function swaggerOperations(): string[] {
  const text = read('./partner-api-swagger.yaml');
  const paths = text.slice(text.indexOf('\npaths:\n'), text.indexOf('\ncomponents:\n')).split('\n');
  const ops: string[] = [];
  let current = '';
  for (const line of paths) {
    const path = /^ {2}'?(\/[^':]*)'?:\s*$/.exec(line);
    if (path) current = path[1]!;
    const method = /^ {4}(get|post|put|delete|patch):\s*$/.exec(line);
    if (method) ops.push(`${method[1]!.toUpperCase()} ${current}`);
  }
  return ops;
}

describe('the operation table', () => {
  it('lists the 53 operations of partner-api-swagger.yaml, each once', () => {
    const ours = PARTNER_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(swaggerOperations()).toHaveLength(53);
    expect(new Set(ours).size).toBe(ours.length);
    expect([...ours].sort()).toEqual(swaggerOperations().sort());
  });

  it('lists every 501 and every answered operation in the README, in the right list', () => {
    const readme = read('./README.md');
    const section = (title: string) => {
      const start = readme.indexOf(`## ${title}`);
      expect(start, title).toBeGreaterThan(0);
      const end = readme.indexOf('\n## ', start + 1);
      return readme.slice(start, end < 0 ? undefined : end);
    };
    const answered = section('Operations answered');
    const stubbed = section('Operations answered 501');
    for (const r of PARTNER_ROUTES) {
      const line = `\`${r.method} ${r.path}\``;
      expect(r.handle ? answered : stubbed, line).toContain(line);
      expect(r.handle ? stubbed : answered, line).not.toContain(line);
    }
  });

  it('prefers literal segments to parameters and answers 405 with the allowed methods', () => {
    expect(matchRoute('GET', '/company/search')).toMatchObject({ kind: 'found', route: { path: '/company/search' } });
    expect(matchRoute('GET', '/company/abc')).toMatchObject({ kind: 'found', params: { company_id: 'abc' } });
    expect(matchRoute('GET', '/company/c/fund/search')).toMatchObject({
      kind: 'found',
      route: { path: '/company/{company_id}/fund/search' },
    });
    expect(matchRoute('GET', '/coreclient/action/a1')).toMatchObject({ kind: 'found', route: { zkp: true } });
    expect(matchRoute('PATCH', '/company/abc')).toEqual({ kind: 'wrong-method', allow: ['GET', 'PUT'] });
    expect(matchRoute('GET', '/company/')).toEqual({ kind: 'none' });
    expect(matchRoute('GET', '/nothing')).toEqual({ kind: 'none' });
  });
});

describe('the demo partner keys', () => {
  it('are 2048-bit RSA keys in PKCS#1 PEM with distinct API keys shaped like real ones', () => {
    expect(PARTNER_DEMO_KEYS.map((k) => k.id)).toEqual(['partner-test-key', 'partner-northwind', 'partner-fresh']);
    expect(new Set(PARTNER_DEMO_KEYS.map((k) => k.apiKey)).size).toBe(3);
    for (const k of PARTNER_DEMO_KEYS) {
      expect(k.privateKeyPem).toMatch(
        /^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n$/,
      );
      expect(createPrivateKey(k.privateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(k.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(k.modulusBytes).toBe(256);
      expect(k.apiKey).toMatch(/^[A-Za-z0-9_-]+$/);
      const decoded = JSON.parse(Buffer.from(k.apiKey, 'base64').toString('utf8')) as Record<string, string>;
      expect(Object.keys(decoded)).toEqual(['key_id', 'key']);
      expect(decoded.key).toMatch(/guards-nothing$/);
      expect(findPartnerKeyByApiKey(` ${k.apiKey}\n`)).toBe(k);
    }
  });

  it('has the public test key and API key of the vectors as its first key', () => {
    const [test] = PARTNER_DEMO_KEYS;
    expect(test!.privateKeyPem).toBe(fixture.keys['partner-test-key'].privateKeyPkcs1Pem);
    expect(test!.publicKeyPem).toBe(fixture.keys['partner-test-key'].publicKeySpkiPem);
    expect(test!.apiKey).toBe(fixture.testApiKey);
  });

  it('lists them for --list-keys with scheme, apiKey and the PEMs', () => {
    for (const entry of partnerKeysForListing()) {
      expect(Object.keys(entry)).toEqual([
        'id',
        'scheme',
        'label',
        'apiKey',
        'privateKeyPem',
        'publicKeyPem',
        'description',
      ]);
      expect(entry.scheme).toBe('partner');
    }
  });
});
