/**
 * Request authentication, as the Qredo API v1 does it (docs/qredo-api.md, "Signing"): three headers, a known key,
 * a fresh timestamp, and an HMAC-SHA256 signature over timestamp + METHOD + full URL + raw body.
 *
 * The signature is recomputed from what was received, byte for byte: the method and URL exactly as
 * they arrived (`http://` + Host header + request target, nothing normalised; `ws://` for the feed's
 * WebSocket handshake) and the body as the raw bytes read off the socket (never parsed and
 * re-serialised). The comparison is constant-time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  type StringToSign,
  buildStringToSign,
  decodeSecret,
  sign,
  timestampToSeconds,
} from '../../core/signing/index.ts';
import { nodeHmac } from '../crypto.ts';
import { type MockKey, findKeyByKeyId } from './keys.ts';

export interface AuthInput {
  /** The scheme of the signed URL: `http` for requests (the default), `ws` for the feed's handshake. */
  scheme?: 'http' | 'https' | 'ws' | 'wss';
  method: string;
  /** The Host header exactly as received. */
  host: string | undefined;
  /** The request target exactly as received (path and query). */
  target: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
  nowMs: number;
  windowSeconds: number;
}

export type AuthResult = { ok: true; key: MockKey } | { ok: false; status: 400 | 401; reason: string };

/** Near-miss header names people send instead of the real ones, with what they should send. */
const LOOKALIKES: Array<[string, string, string]> = [
  ['qredo-api-sign', HEADER_SIGNATURE, 'the misspelling printed by the apitool CLI'],
  ['qredo-api-signature', HEADER_SIGNATURE, 'the Qredo API v2 name'],
  ['qredo-api-timestamp', HEADER_TIMESTAMP, 'the Qredo API v2 name'],
  ['x-sign', HEADER_SIGNATURE, 'the Partner API name'],
  ['x-timestamp', HEADER_TIMESTAMP, 'the Partner API name'],
  ['x-api-key', HEADER_KEY, 'the Partner API name'],
];

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function missingHeaderReason(headers: IncomingHttpHeaders, missing: string[]): string {
  const hints = LOOKALIKES.filter(([sent, expected]) => headers[sent] !== undefined && missing.includes(expected)).map(
    ([sent, expected, why]) => `the request has "${sent}" (${why}); the expected header is "${expected}"`,
  );
  const list = missing.map((m) => `"${m}"`).join(', ');
  return `missing header${missing.length > 1 ? 's' : ''} ${list}${hints.length ? `: ${hints.join('; ')}` : ''}`;
}

function describeTimestampProblem(ts: string): string {
  const shown = JSON.stringify(ts.length > 40 ? `${ts.slice(0, 40)}…` : ts);
  return `invalid timestamp: "${HEADER_TIMESTAMP}" must be Unix time in decimal digits, seconds (10 digits) or nanoseconds (19 digits); got ${shown}`;
}

function describeSkew(ts: string, tsSeconds: number, nowSeconds: number, window: number): string {
  const diff = tsSeconds - nowSeconds;
  let hint = '';
  if (ts.length === 13)
    hint = '; it has 13 digits, which looks like milliseconds: send seconds (10 digits) or nanoseconds (19 digits)';
  else if (ts.length === 16)
    hint = '; it has 16 digits, which looks like microseconds: send seconds (10 digits) or nanoseconds (19 digits)';
  const when = diff < 0 ? `${-diff} s behind` : `${diff} s ahead of`;
  return `timestamp expired: "${HEADER_TIMESTAMP}" ${ts} is ${when} the server clock (${nowSeconds}); it must be within ±${window} s${hint}. Sign at send time.`;
}

/** Hints for a signature that is the right one written in another base64 form. */
function signatureFormHint(sent: string, expected: string): string {
  const standard = expected.replace(/-/g, '+').replace(/_/g, '/');
  if (sent === `${expected}=`) return ' (the signature has "=" padding; send unpadded URL-safe base64, 43 characters)';
  if (sent === standard || sent === `${standard}=`)
    return ' (the signature uses the standard base64 alphabet; send URL-safe base64: - and _ instead of + and /, no padding)';
  return '';
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export async function authenticate(input: AuthInput): Promise<AuthResult> {
  const { headers } = input;
  const keyId = single(headers[HEADER_KEY]);
  const ts = single(headers[HEADER_TIMESTAMP]);
  const sig = single(headers[HEADER_SIGNATURE]);

  // 1. All three headers present.
  const headerValues: Array<[string, string | undefined]> = [
    [HEADER_KEY, keyId],
    [HEADER_TIMESTAMP, ts],
    [HEADER_SIGNATURE, sig],
  ];
  const missing = headerValues.filter(([, v]) => v === undefined || v === '').map(([name]) => name);
  if (missing.length || keyId === undefined || ts === undefined || sig === undefined) {
    return { ok: false, status: 401, reason: missingHeaderReason(headers, missing) };
  }

  // 2. A key this service knows.
  const key = findKeyByKeyId(keyId);
  if (!key) return { ok: false, status: 401, reason: `unknown API key: no key has the ID given in "${HEADER_KEY}"` };

  // 3. A timestamp in decimal digits, seconds or nanoseconds, within the window around the server clock.
  const tsSeconds = timestampToSeconds(ts);
  if (tsSeconds === null) return { ok: false, status: 401, reason: describeTimestampProblem(ts) };
  const nowSeconds = Math.floor(input.nowMs / 1000);
  if (Math.abs(tsSeconds - nowSeconds) > input.windowSeconds) {
    return { ok: false, status: 401, reason: describeSkew(ts, tsSeconds, nowSeconds, input.windowSeconds) };
  }

  // 4. The signature over what was received: timestamp + method + scheme://host + target, then the raw body bytes.
  if (input.host === undefined || input.host === '')
    return { ok: false, status: 400, reason: 'missing Host header; the signed URL cannot be rebuilt' };
  const head = buildStringToSign({
    timestamp: ts,
    method: input.method,
    url: `${input.scheme ?? 'http'}://${input.host}${input.target}`,
    body: null,
  });
  const stringToSign: StringToSign = { ...head, bytes: concatBytes(head.bytes, input.body) };
  const secret = decodeSecret(key.secret);
  if (!secret.ok) throw new Error(`demo key ${key.id} has an undecodable secret`);
  const expected = (await sign(nodeHmac, secret.key, stringToSign)).value;
  const a = Buffer.from(sig, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  const equal = a.length === b.length && timingSafeEqual(a, b);
  if (!equal) {
    return {
      ok: false,
      status: 401,
      reason: `signature mismatch: "${HEADER_SIGNATURE}" is not the HMAC-SHA256 of timestamp + method + full URL + body as received${signatureFormHint(sig, expected)}`,
    };
  }
  return { ok: true, key };
}
