import { describe, expect, it } from 'vitest';
import { pastedKeyAdvice, pastedKeyKind } from './key-format.ts';

const body = 'MIIEowIBAAKCAQEA\n-----END';

describe('a pasted Partner API private key', () => {
  it.each([
    ['', 'empty'],
    ['   \n', 'empty'],
    [`-----BEGIN RSA PRIVATE KEY-----\n${body} RSA PRIVATE KEY-----`, 'pkcs1'],
    [`# made with openssl\n-----BEGIN PRIVATE KEY-----\n${body} PRIVATE KEY-----`, 'pkcs8'],
    ['-----BEGIN PUBLIC KEY-----\nMIIBIjAN', 'public'],
    ['-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKC', 'public'],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF', 'encrypted'],
    ['-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES', 'encrypted'],
    ['-----BEGIN EC PRIVATE KEY-----\nMHcC', 'other-pem'],
    ['MIIEowIBAAKCAQEA', 'not-pem'],
  ] as const)('%j is %s', (text, kind) => {
    expect(pastedKeyKind(text)).toBe(kind);
  });

  it('offers one-click conversion for PKCS#8 with the note Go users need, and no import for what cannot sign', () => {
    const pkcs8 = pastedKeyAdvice('pkcs8');
    expect(pkcs8.action).toBe('Convert to PKCS#1 and import');
    expect(pkcs8.note).toMatch(/Go tools read only PKCS#1.*-traditional/);
    expect(pastedKeyAdvice('pkcs1').action).toBe('Import key');
    for (const kind of ['public', 'encrypted', 'not-pem', 'other-pem', 'empty'] as const)
      expect(pastedKeyAdvice(kind).action).toBeNull();
  });
});
