import { decodeStandardBase64 } from './base64.ts';

export type SecretNote =
  | 'trimmed-whitespace'
  | 'url-safe-alphabet'
  | 'padding-added'
  | 'padding-removed'
  | 'unusual-length'
  | 'not-bcrypt-shaped';

export type DecodedSecret =
  { ok: true; key: Uint8Array; notes: SecretNote[]; warnings: string[] } | { ok: false; error: string };

/**
 * Decode an API secret as shown in the Qredo web app into HMAC key bytes (docs/qredo-api.md, "Secret").
 * Tolerant of either base64 alphabet, missing padding and surrounding whitespace; strict about
 * everything else. Never falls back to the raw text and never drops characters.
 */
export function decodeSecret(secret: string): DecodedSecret {
  const notes: SecretNote[] = [];
  const trimmed = secret.trim();
  if (trimmed !== secret) notes.push('trimmed-whitespace');
  if (trimmed.length === 0) return { ok: false, error: 'The API secret is empty.' };

  const bad = /[^A-Za-z0-9+/\-_=]/.exec(trimmed);
  if (bad) {
    // The character itself is not repeated: an error message must not carry any part of a secret.
    return {
      ok: false,
      error: `The API secret is not base64: the character at position ${bad.index + 1} is in neither the standard nor the URL-safe alphabet.`,
    };
  }
  if (/[-_]/.test(trimmed) && /[+/]/.test(trimmed)) {
    return { ok: false, error: 'The API secret mixes the standard (+ /) and URL-safe (- _) base64 alphabets.' };
  }
  if (/[-_]/.test(trimmed)) notes.push('url-safe-alphabet');

  const firstPad = trimmed.indexOf('=');
  if (firstPad >= 0 && !/^=+$/.test(trimmed.slice(firstPad))) {
    return { ok: false, error: `The API secret has "=" padding in the middle (position ${firstPad + 1}).` };
  }
  const unpadded = firstPad >= 0 ? trimmed.slice(0, firstPad) : trimmed;
  if (unpadded.length % 4 === 1) {
    return {
      ok: false,
      error: `The API secret has ${unpadded.length} base64 characters; no base64 text has a length of 4n+1, so a character is missing or extra.`,
    };
  }
  const padLength = (4 - (unpadded.length % 4)) % 4;
  const givenPad = trimmed.length - unpadded.length;
  if (givenPad !== padLength) notes.push(givenPad < padLength ? 'padding-added' : 'padding-removed');

  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat(padLength);
  const key = decodeStandardBase64(standard);
  if (!key) return { ok: false, error: 'The API secret is not valid base64: its last character carries stray bits.' };
  if (key.length === 0) return { ok: false, error: 'The API secret decodes to no bytes.' };

  const warnings: string[] = [];
  if (key.length !== 60) {
    notes.push('unusual-length');
    warnings.push(`The decoded key is ${key.length} bytes; Qredo secrets usually decode to 60. It may still be valid.`);
  }
  if (!(key[0] === 0x24 && key[1] === 0x32)) {
    notes.push('not-bcrypt-shaped');
    warnings.push('The decoded key does not start with "$2" as Qredo secrets usually do. It may still be valid.');
  }
  return { ok: true, key, notes, warnings };
}
