/**
 * What counts as a private key when it leaks: the text forms a known key takes (for the redactor and
 * the bundle scan), and the shapes any RSA private key has (for keys nobody told us about: a key pasted
 * into a body, echoed by an upstream, carried in a bundle). Public keys keep their shape and stay visible.
 * Pure: the caller converts between PKCS#1 and PKCS#8 (node:crypto) and hands both PEMs in.
 */
import { base64standard, base64url, decodeStandardBase64, toHex } from '../signing/base64.ts';

const MIN_FORM = 16;
/** PEM body lines are 64 characters; shorter pieces are too common to look for. */
const MIN_LINE = 40;

function pemBody(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

/** Base64 of the first whole 3-byte groups of a text: the same whatever follows (a final newline or not). */
function stablePrefixBase64(text: string): string[] {
  const bytes = new TextEncoder().encode(text);
  const prefix = bytes.subarray(0, bytes.length - (bytes.length % 3));
  const standard = base64standard(prefix);
  return [standard, base64url(prefix)];
}

/**
 * Every text form of the given PEMs (a key's PKCS#1 and PKCS#8 PEM) that must not leave: each PEM with
 * LF and CRLF line ends and JSON-escaped, its base64 on one line (standard and URL-safe), each line of
 * it, its DER in hex, and the PEM text itself base64-encoded (a "base64'd PEM").
 */
export function privateKeyTextForms(pems: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const raw of pems) {
    const pem = raw
      .slice(Math.max(0, raw.indexOf('-----BEGIN')))
      .trim()
      .replace(/\r\n/g, '\n');
    if (!pem) continue;
    const crlf = pem.replace(/\n/g, '\r\n');
    for (const text of [pem, crlf]) {
      forms.add(text);
      forms.add(JSON.stringify(text).slice(1, -1));
      for (const b of stablePrefixBase64(text)) forms.add(b);
    }
    const body = pemBody(pem);
    forms.add(body);
    forms.add(body.replace(/=+$/, ''));
    for (const line of pem.split('\n')) if (line.length >= MIN_LINE && !line.startsWith('-----')) forms.add(line);
    const der = decodeStandardBase64(body);
    if (der) {
      forms.add(base64url(der));
      forms.add(toHex(der));
      forms.add(toHex(der).toUpperCase());
    }
  }
  return [...forms].filter((f) => f.length >= MIN_FORM);
}

const B64 = '[A-Za-z0-9+/_-]';
/**
 * The shapes of an RSA private key in any of its forms, known or not: a PEM block (PKCS#1, PKCS#8,
 * encrypted), the base64 of its DER (PKCS#1 starts `MII…IBAAKCA.EA`, PKCS#8 `MII…IBADANBgkqhkiG9w0BAQEFAASC`),
 * its DER in hex, and the base64 of its PEM text. The SPKI public key (`MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A`) matches none.
 */
export const PRIVATE_KEY_SHAPES: readonly RegExp[] = [
  /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]{0,20000}?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/g,
  /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----(?:\\r|\\n|[A-Za-z0-9+/=\s:,-]){64,20000}/g,
  new RegExp(`MII${B64}{3}IB(?:AAKCA${B64}EA|ADANBgkqhkiG9w0BAQEFAASC)${B64}{32,}={0,2}`, 'g'),
  /3082[0-9a-f]{4}020100(?:0282|300d06092a864886f70d0101010500048)[0-9a-f]{32,}/gi,
  new RegExp(
    `(?:LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVkt|LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0t|LS0tLS1CRUdJTiBFTkNSWVBURUQgUFJJVkFURSBLRVkt)${B64}{40,}={0,2}`,
    'g',
  ),
];

/** Replaces every private-key shape in a text; reports whether one was found. */
export function scrubPrivateKeyShapes(text: string, mark: string): { text: string; hit: boolean } {
  if (!text.includes('PRIVATE KEY') && !text.includes('MII') && !/3082|LS0tLS1CRUdJTi/i.test(text))
    return { text, hit: false };
  let out = text;
  for (const shape of PRIVATE_KEY_SHAPES) out = out.replace(shape, mark);
  return { text: out, hit: out !== text };
}
