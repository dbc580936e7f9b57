// Base64 helpers over bytes, written without node:* so that they run in the browser and in Node.

import { itemAt } from '../checked.ts';

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (itemAt(bytes, i) << 16) | (itemAt(bytes, i + 1) << 8) | itemAt(bytes, i + 2);
    out +=
      alphabet.charAt((n >> 18) & 63) +
      alphabet.charAt((n >> 12) & 63) +
      alphabet.charAt((n >> 6) & 63) +
      alphabet.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = itemAt(bytes, i) << 16;
    out += alphabet.charAt((n >> 18) & 63) + alphabet.charAt((n >> 12) & 63) + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (itemAt(bytes, i) << 16) | (itemAt(bytes, i + 1) << 8);
    out +=
      alphabet.charAt((n >> 18) & 63) +
      alphabet.charAt((n >> 12) & 63) +
      alphabet.charAt((n >> 6) & 63) +
      (pad ? '=' : '');
  }
  return out;
}

/** URL-safe base64 (RFC 4648 §5) without `=` padding: the form Qredo expects in `qredo-api-sig`. */
export function base64url(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

/** Standard base64 with padding (RFC 4648 §4). */
export function base64standard(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[STANDARD.charCodeAt(i)] = i;

/**
 * Strict decode of standard base64 whose length is a multiple of 4, with at most two trailing `=`.
 * Returns null on any other character or shape.
 */
export function decodeStandardBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const body = text.length - padding;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < body; i++) {
    const code = text.charCodeAt(i);
    const v = DECODE[code] ?? -1; // beyond ASCII: not base64
    if (v < 0) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, as a strict decoder requires.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
