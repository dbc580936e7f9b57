import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/partner-vectors.json' with { type: 'json' };
import { PRIVATE_KEY_SHAPES, privateKeyTextForms, scrubPrivateKeyShapes } from './key-forms.ts';

const KEY = fixture.keys['partner-test-key'];
const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/** Every way a private key has been seen to travel, built here with node:crypto, not with the code under test. */
function leakedForms(pkcs1: string, pkcs8: string): Record<string, string> {
  const der1 = createPrivateKey(pkcs1).export({ type: 'pkcs1', format: 'der' });
  const der8 = createPrivateKey(pkcs1).export({ type: 'pkcs8', format: 'der' });
  return {
    'PKCS#1 PEM': pkcs1,
    'PKCS#8 PEM': pkcs8,
    'PKCS#1 PEM, CRLF': pkcs1.replace(/\n/g, '\r\n'),
    'PKCS#8 PEM, JSON-escaped': JSON.stringify(pkcs8).slice(1, -1),
    'PKCS#1 base64 body': body(pkcs1),
    'PKCS#8 base64 body': body(pkcs8),
    'PKCS#1 DER, base64url': der1.toString('base64url'),
    'PKCS#8 DER, base64url': der8.toString('base64url'),
    'PKCS#1 DER, hex': der1.toString('hex'),
    'PKCS#8 DER, HEX': der8.toString('hex').toUpperCase(),
    "PKCS#1 PEM, base64'd": Buffer.from(pkcs1).toString('base64'),
    "PKCS#8 PEM, base64'd": Buffer.from(pkcs8).toString('base64'),
  };
}

describe('private key forms', () => {
  it('a known key: every form it leaks in contains one of its text forms', () => {
    const forms = privateKeyTextForms([KEY.privateKeyPkcs1Pem, KEY.privateKeyPkcs8Pem]);
    for (const [name, leaked] of Object.entries(leakedForms(KEY.privateKeyPkcs1Pem, KEY.privateKeyPkcs8Pem))) {
      expect(
        forms.some((f) => `say ${leaked} end`.includes(f)),
        name,
      ).toBe(true);
    }
    // A single line of the PEM (a key cut short) is caught too.
    const line = KEY.privateKeyPkcs1Pem.split('\n')[5]!;
    expect(forms).toContain(line);
    // The public key is not a secret.
    for (const f of forms) expect(KEY.publicKeySpkiPem).not.toContain(f);
  });

  it('text before BEGIN (a comment, as in the test key files) does not change the forms', () => {
    expect(privateKeyTextForms([`# a comment\n${KEY.privateKeyPkcs1Pem}`])).toEqual(
      privateKeyTextForms([KEY.privateKeyPkcs1Pem]),
    );
  });

  it('an unknown key: its shape is caught in every form, at 2048 and 4096 bits', () => {
    for (const bits of [2048, 4096]) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
      const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
      const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      for (const [name, leaked] of Object.entries(leakedForms(pkcs1, pkcs8))) {
        const r = scrubPrivateKeyShapes(`{"note":"before ${leaked} after"}`, '[redacted]');
        expect(r.hit, `${bits} ${name}`).toBe(true);
        expect(r.text, `${bits} ${name}`).toMatch(/^\{"note":"before \[redacted\]/);
        // No 64-character run of the key survives.
        for (const chunk of body(pkcs1).match(/.{64}/g)!.slice(1, -1)) expect(r.text).not.toContain(chunk);
      }
    }
  });

  it('leaves public keys, signatures and ordinary text alone', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signature = fixture.vectors[0]!.signature;
    for (const text of [
      KEY.publicKeySpkiPem,
      KEY.publicKeyPkcs1Pem,
      publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      publicKey.export({ type: 'spki', format: 'der' }).toString('hex'),
      signature,
      'Paste a key that starts with -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----.',
      '{"company_id":"1va2cJ2pqdLSFAN5t1knBrnuMvw","MII":3082}',
    ]) {
      expect(scrubPrivateKeyShapes(text, '[redacted]'), text.slice(0, 40)).toEqual({ text, hit: false });
    }
    expect(PRIVATE_KEY_SHAPES.every((r) => r.global)).toBe(true);
  });
});
