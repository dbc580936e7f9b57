/**
 * The signing pipeline as numbered steps, each with its exact value and the pitfalls that concern it.
 * The published apitool example is computed here with the isomorphic signing core (the HMAC is
 * injected: WebCrypto in the page, node:crypto in tests). No React.
 */
import type { Segment, WalkthroughResponse } from '../../../core/contract.ts';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  base64standard,
  base64url,
  buildStringToSign,
  decodeSecret,
  sign,
  toHex,
  type HmacSha256,
} from '../../../core/signing/index.ts';

/** Qredo's apitool README example (docs/qredo-api.md, "Published examples"): public, and checkable by hand. */
export const APITOOL_EXAMPLE = {
  secret: 'JDJhJDA0JGV0aGt1LnE1a0NyZUFhaHFYVnlzZnVpU0Ryd2xOVThIZTY0TkhpRzRaLjF6YS9ZSi95SExL',
  keyId: '(any key id: it is not signed)',
  timestamp: '1644848012',
  method: 'GET',
  url: 'http://127.0.0.1:8002/qapi/v1/balance',
  body: null as string | null,
  published: 'ZPjvuaQHtHVKg26nd5FMNJKRyA45d5VzwonbZkRxt9w',
} as const;

export interface WalkthroughData {
  source: 'example' | 'request';
  /** The secret as the web app shows it: only for the public example. */
  secret: string | null;
  keyId: string;
  keyBytes: Uint8Array | null;
  keyReason: string | null;
  keyLength: number;
  keyWarnings: string[];
  timestamp: string;
  method: string;
  url: string;
  body: string | null;
  segments: Segment[];
  byteLength: number;
  hmacHex: string;
  signature: string;
  headers: Record<string, string>;
  contrasts: { secretNotDecoded: string; standardBase64: string; padded: string };
}

function urlSafeUnpadded(bytes: Uint8Array): string {
  return base64url(bytes);
}

/** Runs the published example through the signing core. */
export async function computeExample(hmac: HmacSha256): Promise<WalkthroughData> {
  const ex = APITOOL_EXAMPLE;
  const decoded = decodeSecret(ex.secret);
  if (!decoded.ok) throw new Error(decoded.error);
  const sts = buildStringToSign({ timestamp: ex.timestamp, method: ex.method, url: ex.url, body: ex.body });
  const signature = await sign(hmac, decoded.key, sts);
  const rawMac = await hmac(new TextEncoder().encode(ex.secret), sts.bytes);
  return {
    source: 'example',
    secret: ex.secret,
    keyId: ex.keyId,
    keyBytes: decoded.key,
    keyReason: null,
    keyLength: decoded.key.length,
    keyWarnings: decoded.warnings,
    timestamp: ex.timestamp,
    method: ex.method,
    url: ex.url,
    body: ex.body,
    segments: sts.segments,
    byteLength: sts.bytes.length,
    hmacHex: toHex(signature.mac),
    signature: signature.value,
    headers: { [HEADER_KEY]: ex.keyId, [HEADER_TIMESTAMP]: ex.timestamp, [HEADER_SIGNATURE]: signature.value },
    contrasts: {
      secretNotDecoded: urlSafeUnpadded(rawMac),
      standardBase64: base64standard(signature.mac).replace(/=+$/, ''),
      padded: base64standard(signature.mac).replace(/\+/g, '-').replace(/\//g, '_'),
    },
  };
}

/** The server's walkthrough of the current request, in the same shape. */
export function dataFromResponse(w: WalkthroughResponse): WalkthroughData {
  return {
    source: 'request',
    secret: null,
    keyId: w.keyId,
    keyBytes: w.key.bytes ? Uint8Array.from(w.key.bytes) : null,
    keyReason: w.key.reason,
    keyLength: w.key.length,
    keyWarnings: w.key.warnings,
    timestamp: w.timestamp,
    method: w.method,
    url: w.url,
    body: w.body,
    segments: w.stringToSign.segments,
    byteLength: w.stringToSign.byteLength,
    hmacHex: w.hmacHex,
    signature: w.signature,
    headers: { ...w.headers },
    contrasts: w.contrasts,
  };
}

export interface StepValue {
  label: string;
  value: string;
  /** Extra words after the value (a length, a count). */
  note?: string;
}

export interface Step {
  n: number;
  id: 'secret' | 'key' | 'message' | 'hmac' | 'encode' | 'headers' | 'payload' | 'sha256' | 'pkcs1' | 'base64url';
  title: string;
  explain: string;
  values: StepValue[];
  pitfalls: string[];
}

/** Most bytes of the string-to-sign shown in hex; the rest is summarised. */
export const MAX_HEX_BYTES = 2048;

function hexBlock(bytes: Uint8Array): string {
  const shown = bytes.subarray(0, MAX_HEX_BYTES);
  const pairs = toHex(shown).match(/../g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += 16) lines.push(pairs.slice(i, i + 16).join(' '));
  if (bytes.length > MAX_HEX_BYTES) lines.push(`… and ${bytes.length - MAX_HEX_BYTES} more bytes`);
  return lines.join('\n');
}

function bytesOf(segments: Segment[]): Uint8Array {
  return buildStringToSign({
    timestamp: segments.find((s) => s.name === 'timestamp')?.text ?? '',
    method: segments.find((s) => s.name === 'method')?.text ?? '',
    url: segments.find((s) => s.name === 'url')?.text ?? '',
    body: segments.find((s) => s.name === 'body')?.text ?? null,
  }).bytes;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function walkthroughSteps(d: WalkthroughData): Step[] {
  const keyText = d.keyBytes ? new TextDecoder('utf-8', { fatal: false }).decode(d.keyBytes) : null;
  const message = bytesOf(d.segments);
  const isNanoseconds = d.timestamp.length >= 17;
  return [
    {
      n: 1,
      id: 'secret',
      title: 'The secret, as the web app shows it',
      explain: 'A base64 text. It is not the key: the key is what it decodes to.',
      values: d.secret
        ? [{ label: 'Secret', value: d.secret, note: plural(d.secret.length, 'character') }]
        : [
            {
              label: 'Secret',
              value: '(stays on the playground server; never shown)',
            },
          ],
      pitfalls: [
        'Copy it whole: the web app shows it once. Surrounding spaces are harmless here (they are trimmed), but not in every client.',
      ],
    },
    {
      n: 2,
      id: 'key',
      title: 'Base64-decode it: the HMAC key bytes',
      explain:
        'Decode with either alphabet (+/ or -_), padding optional. Qredo secrets decode to 60 ASCII bytes starting with "$2".',
      values: d.keyBytes
        ? [
            { label: 'Key (hex)', value: toHex(d.keyBytes), note: `${d.keyLength} bytes` },
            ...(keyText && !keyText.includes('\uFFFD') ? [{ label: 'Key as text', value: keyText }] : []),
          ]
        : [{ label: 'Key', value: d.keyReason ?? 'Not shown.', note: `${d.keyLength} bytes` }],
      pitfalls: [
        `Secret not decoded: using the secret text itself as the key gives ${d.contrasts.secretNotDecoded} instead of ${d.signature}.`,
        "Alphabet: Go's URL-safe decoder (apitool) and Python's standard b64decode disagree on - and _; Python silently drops them. Decode tolerantly, never drop characters.",
        'Input padding: apitool requires "=" padding to a multiple of 4; strip and re-pad instead.',
        ...d.keyWarnings,
      ],
    },
    {
      n: 3,
      id: 'message',
      title: 'The string to sign: timestamp + METHOD + full URL + body',
      explain: `Concatenated with no separators and encoded as UTF-8: ${plural(d.byteLength, 'byte')}.`,
      values: [
        ...d.segments.map((s) => ({
          label: s.name === 'url' ? 'URL' : s.name.charAt(0).toUpperCase() + s.name.slice(1),
          value: s.text === '' ? '(none)' : s.text,
          note: `bytes ${s.offset}–${s.offset + s.length} (${plural(s.length, 'byte')})`,
        })),
        { label: 'Bytes (hex)', value: hexBlock(message), note: plural(message.length, 'byte') },
      ],
      pitfalls: [
        'No separators: the docs\' old "timestamp|method|url|body" is notation only.',
        `Timestamp unit: the docs' prose says nanoseconds, but Qredo's own apitool sends seconds (10 digits). Either verifies if the header carries the same string; this one is in ${isNanoseconds ? 'nanoseconds' : 'seconds'}.`,
        'The qredo-api-ts header must be exactly the string signed here, and fresh: sign at send time.',
        'Method: upper-case, signed and sent the same; nothing normalises it.',
        'URL shape: the full URL (scheme, host, port, path, query with its "?"), not the path alone; http vs https, a trailing slash or a "//" from a base ending in "/" all change it.',
        'Body re-serialised: the server signs the bytes it receives. Pretty vs compact JSON, Python\'s ", " separators, key order, \\u escapes, CRLF and a trailing newline each give another signature.',
      ],
    },
    {
      n: 4,
      id: 'hmac',
      title: 'HMAC-SHA256 over those bytes, keyed with the decoded key',
      explain: 'A 32-byte MAC.',
      values: [{ label: 'HMAC (hex)', value: d.hmacHex, note: `${d.hmacHex.length / 2} bytes` }],
      pitfalls: ['HMAC, not a plain SHA-256 of key and message together; and over the exact bytes of step 3.'],
    },
    {
      n: 5,
      id: 'encode',
      title: 'URL-safe base64 without padding',
      explain: 'RFC 4648 §5 alphabet (- and _), no "=": always 43 characters.',
      values: [{ label: 'Signature', value: d.signature, note: plural(d.signature.length, 'character') }],
      pitfalls: [
        `Standard base64 gives ${d.contrasts.standardBase64}${d.contrasts.standardBase64 === d.signature ? ' (the same here: no + or / this time; it differs for most messages)' : ''}.`,
        `With padding it would be ${d.contrasts.padded}: strip the "=".`,
        'The docs\' Python turns bytes into text with str(x).strip("b\'"), which also drops a genuine leading b: about 1 signature in 64 fails. Use .decode().',
      ],
    },
    {
      n: 6,
      id: 'headers',
      title: 'The three headers',
      explain: 'Sent with the request; the key id is not part of the signature.',
      values: Object.entries(d.headers).map(([name, value]) => ({ label: name, value })),
      pitfalls: [
        `The header is ${HEADER_SIGNATURE}. apitool's CLI prints "qredo-api-sign:" (a typo the docs copied), but sends ${HEADER_SIGNATURE}.`,
        "Not the v2 names (qredo-api-signature, qredo-api-timestamp), nor the Partner API's x-sign / x-timestamp.",
        `${HEADER_TIMESTAMP} carries the very string of step 3.`,
      ],
    },
  ];
}
