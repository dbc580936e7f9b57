/**
 * What a pasted private key is, read from its PEM header as the person types (the server reads and
 * checks it for real): the note the Partner keys panel shows and the button it offers. No React.
 */
export type PastedKeyKind = 'empty' | 'pkcs1' | 'pkcs8' | 'public' | 'encrypted' | 'not-pem' | 'other-pem';

export function pastedKeyKind(text: string): PastedKeyKind {
  if (text.trim() === '') return 'empty';
  // Text before BEGIN (a comment, as OpenSSL allows) is skipped, as the server skips it.
  const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (!begin) return 'not-pem';
  const label = begin[1] ?? '';
  if (label === 'RSA PRIVATE KEY') return /Proc-Type: 4,ENCRYPTED/.test(text) ? 'encrypted' : 'pkcs1';
  if (label === 'PRIVATE KEY') return 'pkcs8';
  if (label === 'ENCRYPTED PRIVATE KEY') return 'encrypted';
  if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY') return 'public';
  return 'other-pem';
}

export interface PastedKeyAdvice {
  /** Said beside the field; null when there is nothing to say. */
  note: string | null;
  /** The import button's words; null when the key cannot be imported as it is. */
  action: string | null;
  tone: 'info' | 'warning' | 'error';
}

export const CONVERT_COMMAND = 'openssl rsa -in key.pem -traditional -out key-pkcs1.pem';

export function pastedKeyAdvice(kind: PastedKeyKind): PastedKeyAdvice {
  switch (kind) {
    case 'empty':
      return { note: null, action: null, tone: 'info' };
    case 'pkcs1':
      return {
        note: 'PKCS#1 (BEGIN RSA PRIVATE KEY): the form Qredo’s Go tools read.',
        action: 'Import key',
        tone: 'info',
      };
    case 'pkcs8':
      return {
        note: `PKCS#8 (BEGIN PRIVATE KEY): Node reads it, but Qredo’s Go tools read only PKCS#1. The playground converts it and keeps it as PKCS#1, as ${CONVERT_COMMAND} does; it signs the same.`,
        action: 'Convert to PKCS#1 and import',
        tone: 'warning',
      };
    case 'public':
      return {
        note: 'This is a public key: it is what you upload in the Qredo web app. Paste the private key to sign with.',
        action: null,
        tone: 'error',
      };
    case 'encrypted':
      return {
        note: `This key is encrypted with a passphrase. Decrypt it first: ${CONVERT_COMMAND} (it asks for the passphrase).`,
        action: null,
        tone: 'error',
      };
    case 'not-pem':
      return {
        note: 'Not a PEM key: paste the whole file, from -----BEGIN RSA PRIVATE KEY----- (or BEGIN PRIVATE KEY) to its END line.',
        action: null,
        tone: 'error',
      };
    case 'other-pem':
      return {
        note: 'Only RSA private keys in PKCS#1 (BEGIN RSA PRIVATE KEY) or PKCS#8 (BEGIN PRIVATE KEY) PEM can sign.',
        action: null,
        tone: 'error',
      };
  }
}
