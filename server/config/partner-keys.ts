/**
 * Partner API private keys: read one the person pastes (PKCS#1 or PKCS#8 PEM, text before BEGIN
 * allowed, as OpenSSL, Node and Go allow it), refuse what cannot sign (a public key, an encrypted
 * or non-RSA key, fewer than 2048 bits) with a reason, convert PKCS#8 to PKCS#1 (what Qredo's Go
 * tools read), give the SPKI public key to upload in the Qredo web app, and make a new 2048-bit pair.
 * The private key never leaves the server.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { privateKeyTextForms } from '../../core/partner/key-forms.ts';

export class PartnerKeyError extends Error {}

export interface PartnerPrivateKey {
  key: KeyObject;
  /** As stored: PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"). */
  pkcs1Pem: string;
  /** The form the person gave. */
  givenFormat: 'pkcs1' | 'pkcs8';
  /** SPKI PEM ("BEGIN PUBLIC KEY"): what is uploaded in the web app's Partner API tab. */
  publicKeyPem: string;
  bits: number;
}

const MIN_BITS = 2048;

export function readPartnerPrivateKey(text: string): PartnerPrivateKey {
  const pem = text.slice(Math.max(0, text.indexOf('-----BEGIN'))).trim();
  if (!pem.startsWith('-----BEGIN'))
    throw new PartnerKeyError('This is not a PEM key: it has no "-----BEGIN … PRIVATE KEY-----" line.');
  if (/BEGIN (RSA )?PUBLIC KEY/.test(pem))
    throw new PartnerKeyError(
      'This is a public key. The playground signs with the private key; the public one is what you upload in the Qredo web app.',
    );
  if (/BEGIN ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(pem))
    throw new PartnerKeyError(
      'This private key is encrypted with a passphrase. Decrypt it first: openssl rsa -in key.pem -traditional -out key-plain.pem',
    );
  const givenFormat = pem.startsWith('-----BEGIN RSA PRIVATE KEY')
    ? 'pkcs1'
    : pem.startsWith('-----BEGIN PRIVATE KEY')
      ? 'pkcs8'
      : null;
  if (!givenFormat)
    throw new PartnerKeyError(
      'Only "BEGIN RSA PRIVATE KEY" (PKCS#1) and "BEGIN PRIVATE KEY" (PKCS#8) PEM keys can be used.',
    );
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new PartnerKeyError(`The key cannot be read: ${(e as Error).message.replace(/^error:[^:]*:/, '')}.`);
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new PartnerKeyError(`This is a ${key.asymmetricKeyType ?? 'non-RSA'} key; the Partner API signs with RSA.`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_BITS)
    throw new PartnerKeyError(`This RSA key has ${bits} bits; the Partner API needs at least ${MIN_BITS}.`);
  return {
    key,
    pkcs1Pem: key.export({ type: 'pkcs1', format: 'pem' }).toString(),
    givenFormat,
    publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    bits,
  };
}

/** A new 2048-bit RSA key pair, the private key as PKCS#1 PEM. */
export function generatePartnerKeyPair(): PartnerPrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: MIN_BITS, publicExponent: 0x10001 });
  return readPartnerPrivateKey(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
}

/**
 * The text forms of a private key a leak would take, in both its PEM formats (core/partner/key-forms.ts
 * says which forms): PEM with LF or CRLF, JSON-escaped, base64 and its lines, DER in hex, base64'd PEM.
 */
export function privateKeyForms(pem: string): string[] {
  const pems = [pem];
  try {
    const key = createPrivateKey(pem);
    pems.push(
      key.export({ type: 'pkcs1', format: 'pem' }).toString(),
      key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
  } catch {
    // Not readable: its text alone is protected.
  }
  return privateKeyTextForms(pems);
}
