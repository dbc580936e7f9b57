/**
 * The signature doctor for the Partner API (PARTNER.md §11). The same method as v1's doctor, with RSA:
 * the doctor holds only the public key, so each known mistake is replayed by building the payload the
 * sender might have signed and verifying the captured signature over it. A payload that verifies
 * names the cause with certainty. When none does, an optional recovery with the public key tells a
 * signature made with another key pair (certain) from one made with this key over some other payload.
 */
import { present } from '../checked.ts';
import {
  PARTNER_AUTH_REASONS,
  PARTNER_BASE_PATH,
  PARTNER_HEADER_API_KEY,
  PARTNER_HEADER_NONCE,
  PARTNER_HEADER_SIGNATURE,
  PARTNER_HEADER_TIMESTAMP,
  PARTNER_WINDOW_SECONDS,
  buildPartnerPayload,
  decodePartnerSignature,
  isPartnerNonce,
  partnerValueHeader,
  type PartnerValueKind,
} from '../partner/index.ts';
import { base64url } from '../signing/base64.ts';
import { toHex } from '../signing/index.ts';
import { CAUSE_TITLES, type Cause, type CauseId, rankLikelyCauses, type ScoredCause } from './causes.ts';
import type { Component, Diagnosis } from './diagnose.ts';
import { parseJsonBody } from './json-forms.ts';
import { bodyVariants, splitUrl, timestampVariants, urlVariants } from './variants.ts';

/** RSASSA-PKCS1-v1_5 SHA-256 verification with the partner's public key, injected (node:crypto, WebCrypto). */
export type RsaSha256Verifier = (payload: Uint8Array, signature: Uint8Array) => boolean | Promise<boolean>;

/**
 * The RSA public operation with PKCS#1 v1.5 type 1 unpadding (node:crypto `publicDecrypt`): the
 * DigestInfo a signature carries, or null when the signature was not made with this key pair's
 * private key (its block does not unpad).
 */
export type RsaDigestRecovery = (signature: Uint8Array) => Uint8Array | null | Promise<Uint8Array | null>;

/** A captured Partner API request. The X-API-KEY is never part of it: only whether the header was sent. */
export interface PartnerCapture {
  /** Which header carried the value that starts the payload. */
  freshness: PartnerValueKind;
  /** That header's value, exactly as sent. */
  value: string;
  /** A non-empty x-nonce sent beside x-timestamp (a server refuses the two together). */
  alsoNonce?: string;
  method: string;
  /** The full URL the request went to. */
  url: string;
  body: string | null;
  /** The captured `x-sign` value. */
  signature: string;
  /** Every header name the request carried, when known. */
  headerNames?: string[];
}

export interface PartnerDiagnoseOptions {
  /** The verifier's clock, in Unix seconds; without it the window is not checked. */
  now?: number;
  /** Accepted skew of x-timestamp either way, in seconds (default 300, as the embedded mock). */
  windowSeconds?: number;
  /** Partner API base URLs the sender might have signed for instead (the configured environments). */
  knownBaseUrls?: readonly string[];
  /** How far either way to look for a timestamp signed at another second (default 120). */
  timestampSearchSeconds?: number;
  /** At most this many payloads are verified (default 1000). */
  maxVariants?: number;
  /** The key's signature length in bytes: its modulus length (default 256, a 2048-bit key). */
  modulusBytes?: number;
  /** Tells "another key pair" from "another payload" when no replayed mistake verifies. */
  recover?: RsaDigestRecovery;
  /** Signs with the private key, when the caller holds it: the expected signature, shown beside the captured one. */
  sign?: (payload: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** The server has already accepted this nonce for this API key. */
  nonceSeen?: boolean;
  /** The form the private key was given in, when known: a PKCS#8 key gets the note Qredo's Go tools need. */
  keyFormat?: 'pkcs1' | 'pkcs8';
}

export interface PartnerDiagnosis extends Diagnosis {
  /**
   * Whether the signature was made with this key pair's private key: true when a payload verified or
   * the recovery unpadded, false when the recovery did not, null when it could not be told.
   */
  keyPairMatches: boolean | null;
  /** The SHA-256 of what the sender signed, read out of the signature with the public key, when known. */
  signedSha256Hex: string | null;
}

/** The causes this doctor can name, in the one list of core/constants.ts. */
export const PARTNER_CAUSE_IDS = [
  'method-in-payload',
  'freshness-both',
  'signature-padded',
  'signature-standard-base64',
  'key-mismatch',
  'base-path-typo',
  'url-host',
  'url-scheme',
  'url-path-only',
  'url-trailing-slash',
  'url-query-missing',
  'url-encoding',
  'body-reserialized',
  'body-line-endings',
  'body-trailing-newline',
  'timestamp-unit',
  'timestamp-mismatch',
  'timestamp-expired',
  'nonce-reused',
] as const satisfies readonly CauseId[];

/** The base as Qredo's docs misprint it once (PARTNER.md §9.1). */
export const PARTNER_TYPO_BASE_PATH = '/qapi/v1/p';

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = '3031300d060960864801650304020105000420';

const DEFAULT_MAX_VARIANTS = 1000;

interface PartnerVariant {
  cause: CauseId;
  detail: string;
  changed: 'timestamp' | 'method' | 'url' | 'body';
  /** The value that starts the payload, as the sender signed it. */
  value: string;
  /** A method the sender put between the value and the URL (the v1 habit). */
  method?: string;
  url: string;
  body: string | null;
}

const show = (text: string) => JSON.stringify(text);

/** Payload bytes as the sender signed them: value [+ METHOD] + URL + body. */
function variantBytes(kind: PartnerValueKind, v: Pick<PartnerVariant, 'value' | 'method' | 'url' | 'body'>) {
  return buildPartnerPayload({ kind, value: v.value + (v.method ?? ''), url: v.url, body: v.body }).bytes;
}

type SignatureRead =
  | { bytes: Uint8Array; encoding: 'exact' | 'padded' | 'standard' }
  | { bytes: null; encoding: 'invalid'; detail: string };

/** The captured x-sign strictly, and in the two wrong encodings people send, to verify it anyway. */
function readSignature(text: string, modulusBytes: number): SignatureRead {
  const strict = decodePartnerSignature(text, modulusBytes);
  if (strict.ok) return { bytes: strict.bytes, encoding: 'exact' };
  if (strict.problem === 'padded' || strict.problem === 'standard-alphabet') {
    const fixed = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const lenient = decodePartnerSignature(fixed, modulusBytes);
    if (lenient.ok) return { bytes: lenient.bytes, encoding: /[+/]/.test(text) ? 'standard' : 'padded' };
  }
  let detail = strict.detail;
  if (text.length === 43 || text.length === 44)
    detail += `. ${text.length} characters is the length of an HMAC-SHA256 (a Qredo API v1 signature): the Partner API signs with the partner's RSA private key`;
  return { bytes: null, encoding: 'invalid', detail };
}

function encodingCause(encoding: 'padded' | 'standard', text: string, modulusBytes: number): Cause {
  const length = base64url(new Uint8Array(modulusBytes)).length;
  if (encoding === 'padded')
    return {
      id: 'signature-padded',
      title: CAUSE_TITLES['signature-padded'],
      detail: `The signature is the right RSA signature but ends in "=" (${text.length} characters): send unpadded base64url, ${length} characters (Node's toString('base64url'), Go's base64.RawURLEncoding). A server decoding strictly refuses it (401 errPartnerAuth, reason "${PARTNER_AUTH_REASONS.signature}").`,
      certain: true,
    };
  return {
    id: 'signature-standard-base64',
    title: CAUSE_TITLES['signature-standard-base64'],
    detail: `The signature is the right RSA signature written in standard base64 (+ and /${text.endsWith('=') ? ', "=" padding' : ''}), as toString('base64') or btoa give: use the URL-safe alphabet (- and _) without padding, ${length} characters.`,
    certain: true,
  };
}

/** The partner-specific URL mistakes on top of v1's: the typo base, query encodings, ws versus http. */
function partnerUrlVariants(url: string): Array<{ cause: CauseId; detail: string; url: string }> {
  const out: Array<{ cause: CauseId; detail: string; url: string }> = [];
  const p = splitUrl(url);
  const add = (cause: CauseId, signed: string, what: string) => {
    if (signed !== url)
      out.push({ cause, url: signed, detail: `${what}: signed ${show(signed)} but requested ${show(url)}` });
  };
  const rest = p.query;
  if (p.path.startsWith(`${PARTNER_TYPO_BASE_PATH}/`) || p.path === PARTNER_TYPO_BASE_PATH)
    add(
      'base-path-typo',
      p.scheme + p.authority + PARTNER_BASE_PATH + p.path.slice(PARTNER_TYPO_BASE_PATH.length) + rest,
      `signed the right base ${PARTNER_BASE_PATH} but sent the docs' typo ${PARTNER_TYPO_BASE_PATH}`,
    );
  if (p.path.startsWith(`${PARTNER_BASE_PATH}/`) || p.path === PARTNER_BASE_PATH)
    add(
      'base-path-typo',
      p.scheme + p.authority + PARTNER_TYPO_BASE_PATH + p.path.slice(PARTNER_BASE_PATH.length) + rest,
      `signed the docs' typo ${PARTNER_TYPO_BASE_PATH} instead of ${PARTNER_BASE_PATH}`,
    );
  // The feeds: the ws:// or wss:// URL is signed, not the http one, and the other way round.
  const scheme = p.scheme.toLowerCase();
  const swap: Record<string, string[]> = {
    'ws:': ['http:'],
    'wss:': ['https:', 'ws:'],
    'http:': ['ws:'],
    'https:': ['wss:'],
  };
  for (const other of swap[scheme] ?? [])
    add('url-scheme', other + p.authority + p.path + p.query, `signed the URL with ${other.slice(0, -1)}://`);
  if (p.query) {
    const base = p.scheme + p.authority + p.path;
    const q = p.query;
    const forms = new Set<string>([
      q.replace(/\+/g, '%20'),
      q.replace(/%20/gi, '+'),
      // As URLSearchParams writes it: spaces as +, the rest percent-encoded.
      (() => {
        try {
          return '?' + new URLSearchParams(q.slice(1)).toString();
        } catch {
          return q;
        }
      })(),
      // Decoded back to plain text, as a person types it.
      (() => {
        try {
          return decodeURIComponent(q.replace(/\+/g, ' '));
        } catch {
          return q;
        }
      })(),
      // As encodeURIComponent writes each value (spaces as %20).
      '?' +
        q
          .slice(1)
          .split('&')
          .map((pair) => {
            const eq = pair.indexOf('=');
            if (eq < 0) return pair;
            try {
              return `${pair.slice(0, eq)}=${encodeURIComponent(decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' ')))}`;
            } catch {
              return pair;
            }
          })
          .join('&'),
    ]);
    for (const form of forms) add('url-encoding', base + form, 'signed the query encoded differently');
  }
  return out;
}

/** Every single-mistake payload of a Partner API request as sent, most specific first. */
function partnerVariants(capture: PartnerCapture, opts: PartnerDiagnoseOptions): PartnerVariant[] {
  const sent = { value: capture.value, url: capture.url, body: capture.body };
  const out: PartnerVariant[] = [];
  const push = (cause: CauseId, detail: string, changed: PartnerVariant['changed'], patch: Partial<PartnerVariant>) =>
    out.push({ cause, detail, changed, ...sent, ...patch });

  const methods = new Set([capture.method, capture.method.toUpperCase(), capture.method.toLowerCase()]);
  for (const m of methods)
    push(
      'method-in-payload',
      `put the method ${show(m)} between the ${partnerValueHeader(capture.freshness)} value and the URL, as Qredo API v1 does; the Partner API signs value + URL + body only`,
      'method',
      { method: m },
    );
  if (capture.alsoNonce)
    push(
      'freshness-both',
      `signed the ${PARTNER_HEADER_NONCE} value ${show(capture.alsoNonce)} while ${PARTNER_HEADER_TIMESTAMP} ${show(capture.value)} was sent too`,
      'timestamp',
      { value: capture.alsoNonce },
    );
  for (const v of bodyVariants(capture.body)) push(v.cause, v.detail, 'body', { body: v.body });
  // A generated client that sends {} for a POST without a body, or a body left out of the signature.
  const text = capture.body ?? '';
  if (text === '{}')
    push('body-reserialized', 'signed no body, but "{}" was sent (a generated client adds it)', 'body', { body: null });
  if (text === '') push('body-reserialized', 'signed "{}" as the body, but none was sent', 'body', { body: '{}' });
  if (text !== '') push('body-reserialized', 'signed without the body that was sent', 'body', { body: null });
  for (const v of partnerUrlVariants(capture.url)) push(v.cause, v.detail, 'url', { url: v.url });
  for (const v of urlVariants(capture.url, opts.knownBaseUrls ?? [], PARTNER_BASE_PATH))
    push(v.cause, v.detail, 'url', { url: v.url });
  if (capture.freshness === 'timestamp') {
    for (const v of timestampVariants(capture.value, opts.timestampSearchSeconds ?? 120))
      push(v.cause, v.detail, 'timestamp', { value: v.input.timestamp });
  }
  return out;
}

interface Fact {
  id: CauseId;
  detail: string;
}

/** What a server refuses whatever the signature, visible in the capture itself. */
function blockingFacts(capture: PartnerCapture, opts: PartnerDiagnoseOptions): { facts: Fact[]; notes: string[] } {
  const facts: Fact[] = [];
  const notes: string[] = [];
  const reason = (r: string) => `401 errPartnerAuth, reason "${r}"`;
  if (capture.alsoNonce) {
    facts.push({
      id: 'freshness-both',
      detail: `The request carries ${PARTNER_HEADER_TIMESTAMP} and ${PARTNER_HEADER_NONCE}, both with a value: send one of them (an empty header counts as absent). A server refuses the pair (${reason(PARTNER_AUTH_REASONS.both)}).`,
    });
  }
  const path = splitUrl(capture.url).path;
  if (path === PARTNER_TYPO_BASE_PATH || path.startsWith(`${PARTNER_TYPO_BASE_PATH}/`)) {
    facts.push({
      id: 'base-path-typo',
      detail: `The URL's path starts with ${PARTNER_TYPO_BASE_PATH}, a typo in one page of Qredo's docs: the Partner API is under ${PARTNER_BASE_PATH}, and a server answers 404 "no such route" before it looks at the signature.`,
    });
  }
  if (capture.freshness === 'timestamp') {
    const ts = capture.value;
    if (!/^\d+$/.test(ts))
      facts.push({
        id: 'timestamp-unit',
        detail: `${PARTNER_HEADER_TIMESTAMP} ${show(ts)} is not decimal digits: send Unix time in seconds (10 digits) (${reason(PARTNER_AUTH_REASONS.timestamp)}).`,
      });
    else if (ts.length >= 13) {
      const unit =
        ts.length === 13
          ? 'milliseconds (Date.now())'
          : ts.length === 16
            ? 'microseconds'
            : ts.length === 19
              ? 'nanoseconds'
              : 'a unit smaller than seconds';
      facts.push({
        id: 'timestamp-unit',
        detail: `${PARTNER_HEADER_TIMESTAMP} ${ts} has ${ts.length} digits: ${unit}, which a server reads as seconds far in the future. Send Unix seconds, Math.floor(Date.now() / 1000) (${reason(PARTNER_AUTH_REASONS.timestamp)}).`,
      });
    } else if (opts.now !== undefined) {
      const window = opts.windowSeconds ?? PARTNER_WINDOW_SECONDS;
      const skew = Number(ts) - Math.floor(opts.now);
      if (Math.abs(skew) > window)
        facts.push({
          id: 'timestamp-expired',
          detail: `${PARTNER_HEADER_TIMESTAMP} ${ts} is ${Math.abs(skew)} s ${skew < 0 ? 'before' : 'after'} the verifier's clock; it must be within ±${window} s. Sign at send time, not minutes earlier (${reason(PARTNER_AUTH_REASONS.timestamp)}).`,
        });
    }
  } else {
    if (!isPartnerNonce(capture.value))
      notes.push(
        `The ${PARTNER_HEADER_NONCE} ${show(capture.value)} is not 1 to 64 printable ASCII characters without spaces: the embedded mock refuses it (${reason(PARTNER_AUTH_REASONS.nonce)}).`,
      );
    if (opts.nonceSeen)
      facts.push({
        id: 'nonce-reused',
        detail: `This ${PARTNER_HEADER_NONCE} was already accepted for this API key: a server takes each nonce once (${reason(PARTNER_AUTH_REASONS.nonce)}). Make a new one for every request.`,
      });
    else
      notes.push(
        `A server accepts each ${PARTNER_HEADER_NONCE} once per API key: sent again, this request is refused (${reason(PARTNER_AUTH_REASONS.nonce)}) whatever its signature. Make a new nonce for every request.`,
      );
  }
  const names = capture.headerNames?.map((n) => n.toLowerCase());
  if (names?.length && !names.includes(PARTNER_HEADER_API_KEY))
    notes.push(
      `The request has no ${PARTNER_HEADER_API_KEY} header: a server cannot tell which partner sent it (${reason(PARTNER_AUTH_REASONS.apiKey)}).`,
    );
  if (names?.length && !names.includes(PARTNER_HEADER_SIGNATURE))
    notes.push(`The request has no ${PARTNER_HEADER_SIGNATURE} header.`);
  return { facts, notes };
}

/** When nothing verified: the causes ranked by what the capture shows. */
function likelyCauses(capture: PartnerCapture, keyPairMatches: boolean | null, unreadable: string | null): Cause[] {
  const scored: ScoredCause[] = [];
  const add = (score: number, id: CauseId, detail: string) => scored.push({ score, id, detail });
  if (unreadable) add(90, 'key-mismatch', `The signature cannot be checked: ${unreadable}.`);
  else if (keyPairMatches === null)
    add(
      60,
      'key-mismatch',
      'No replayed mistake verifies with this public key: the request may have been signed with another key pair (another partner, a key generated again, the public key uploaded from another pair).',
    );
  else
    add(
      70,
      'body-reserialized',
      'The signature was made with this key pair, over a payload none of the replayed mistakes gives: compare what was signed with value + URL + body as sent, byte for byte.',
    );
  const body = capture.body ?? '';
  if (body.includes('\r\n'))
    add(
      50,
      'body-line-endings',
      'The body contains CRLF line endings: a Windows editor or a clipboard may have changed them after signing.',
    );
  if (parseJsonBody(capture.body))
    add(
      45,
      'body-reserialized',
      'The body is JSON: if a middleware parsed and wrote it again between signing and sending (spacing, key order, escapes), the bytes differ. Sign and send one string.',
    );
  const p = splitUrl(capture.url);
  if (p.query) {
    add(40, 'url-query-missing', 'The URL has a query string: it is signed as part of the URL, in the same order.');
    add(
      38,
      'url-encoding',
      'The query is signed exactly as sent: %20 and + are different bytes, and so is any escape.',
    );
  }
  if (!p.authority)
    add(55, 'url-path-only', 'The URL has no scheme and host: the full URL is signed, not only the path.');
  if (p.authority)
    add(
      30,
      'url-host',
      'If the signature was made for another host (sandbox-api versus api.qredo.network, a proxy, localhost), it cannot verify: sign the URL you call.',
    );
  return rankLikelyCauses(scored);
}

/** The SHA-256 inside a recovered DigestInfo, hex, or null when it is not a SHA-256 DigestInfo. */
function sha256FromDigestInfo(info: Uint8Array): string | null {
  const hex = toHex(info);
  return hex.length === SHA256_DIGEST_INFO.length + 64 && hex.startsWith(SHA256_DIGEST_INFO)
    ? hex.slice(SHA256_DIGEST_INFO.length)
    : null;
}

const PKCS8_NOTE =
  'The private key was given as PKCS#8 ("BEGIN PRIVATE KEY"). PKCS#8 and PKCS#1 are two wrappings of the same key and give the same signature, but Qredo\'s Go tools read only PKCS#1: convert with openssl rsa -in key.pem -traditional -out key-pkcs1.pem.';

/** Diagnoses a captured Partner API request against the public key it should verify with. */
export async function diagnosePartner(
  capture: PartnerCapture,
  verify: RsaSha256Verifier,
  opts: PartnerDiagnoseOptions = {},
): Promise<PartnerDiagnosis> {
  const modulusBytes = opts.modulusBytes ?? 256;
  const kind = capture.freshness;
  const sent = buildPartnerPayload({ kind, value: capture.value, url: capture.url, body: capture.body });
  const expected = opts.sign ? base64url(await opts.sign(sent.bytes)) : '';
  const read = readSignature(capture.signature.trim(), modulusBytes);
  const causes: Cause[] = [];
  const notes: string[] = [];
  const reproducing: PartnerVariant[] = [];
  let tried = 0;
  let verifiesAsSent = false;
  let keyPairMatches: boolean | null = null;
  let signedSha256Hex: string | null = null;

  if (read.bytes) {
    const sig = read.bytes;
    tried++;
    verifiesAsSent = await verify(sent.bytes, sig);
    if (verifiesAsSent) keyPairMatches = true;
    else {
      const maxVariants = opts.maxVariants ?? DEFAULT_MAX_VARIANTS;
      const seen = new Set<string>();
      const bodyIds = new Map<string | null, number>();
      for (const v of partnerVariants(capture, opts)) {
        if (tried >= maxVariants) {
          notes.push(`The doctor stopped after ${maxVariants} payloads; the rest were not tried.`);
          break;
        }
        if (reproducing.some((r) => r.cause === v.cause)) continue;
        let bodyId = bodyIds.get(v.body);
        if (bodyId === undefined) bodyIds.set(v.body, (bodyId = bodyIds.size));
        const identity = [v.value, v.method ?? '', v.url, bodyId].join('\0');
        if (seen.has(identity)) continue;
        seen.add(identity);
        tried++;
        if (!(await verify(variantBytes(kind, v), sig))) continue;
        reproducing.push(v);
        keyPairMatches = true;
        causes.push({
          id: v.cause,
          title: CAUSE_TITLES[v.cause],
          detail: `The captured signature verifies over this mistake's payload: the sender ${v.detail}.`,
          certain: true,
        });
        // One mistake explains it: a second would be a coincidence of two.
        break;
      }
      if (reproducing.length === 0 && opts.recover) {
        const info = await opts.recover(sig);
        keyPairMatches = info !== null;
        if (info) signedSha256Hex = sha256FromDigestInfo(info);
        if (!info)
          causes.push({
            id: 'key-mismatch',
            title: CAUSE_TITLES['key-mismatch'],
            detail:
              'The signature does not open with this public key at all, whatever was signed: it was made with another private key (another partner, a key pair generated again, or a public key uploaded from a different pair). Sign with the private key whose public half is registered for this X-API-KEY.',
            certain: true,
          });
        else if (signedSha256Hex)
          notes.push(
            `The signature was made with this key pair over a payload whose SHA-256 is ${signedSha256Hex}; the payload as sent hashes otherwise. Compare the bytes you signed with value + URL + body as sent.`,
          );
      }
    }
    if (read.encoding !== 'exact' && (verifiesAsSent || reproducing.length > 0))
      causes.push(encodingCause(read.encoding, capture.signature.trim(), modulusBytes));
  }

  const { facts, notes: factNotes } = blockingFacts(capture, opts);
  const explained = verifiesAsSent || reproducing.length > 0 || causes.some((c) => c.id === 'key-mismatch');
  if (explained) {
    for (const f of facts)
      if (!causes.some((c) => c.id === f.id))
        causes.push({ id: f.id, title: CAUSE_TITLES[f.id], detail: f.detail, certain: true });
  } else {
    for (const f of facts) causes.push({ id: f.id, title: CAUSE_TITLES[f.id], detail: f.detail, certain: true });
    causes.push(...likelyCauses(capture, keyPairMatches, read.bytes ? null : read.detail));
  }
  notes.push(...factNotes);
  if (opts.keyFormat === 'pkcs8') notes.push(PKCS8_NOTE);
  else if (causes.some((c) => c.id === 'key-mismatch'))
    notes.push(
      'Converting a key between PKCS#8 ("BEGIN PRIVATE KEY") and PKCS#1 ("BEGIN RSA PRIVATE KEY") does not change its signatures: a different key pair does.',
    );

  const signatureMatches = verifiesAsSent && read.encoding === 'exact';
  const nonceBad = capture.freshness === 'nonce' && !isPartnerNonce(capture.value);
  const valid = signatureMatches && facts.length === 0 && !nonceBad;

  const only = reproducing[0];
  const components: Component[] = [
    {
      name: 'timestamp',
      captured: capture.value,
      same: !(only?.changed === 'timestamp'),
      ...(only?.changed === 'timestamp' ? { signed: only.value } : {}),
    },
    ...(only?.changed === 'method'
      ? [{ name: 'method' as const, captured: '', same: false, signed: only.method ?? '' }]
      : []),
    {
      name: 'url',
      captured: capture.url,
      same: only?.changed !== 'url',
      ...(only?.changed === 'url' ? { signed: only.url } : {}),
    },
    {
      name: 'body',
      captured: capture.body ?? '',
      same: only?.changed !== 'body',
      ...(only?.changed === 'body' ? { signed: only.body ?? '' } : {}),
    },
    {
      name: 'signature',
      captured: capture.signature,
      ...(expected ? { expected } : {}),
      same: signatureMatches || (!expected && verifiesAsSent && read.encoding === 'exact'),
    },
  ];

  let summary: string;
  if (valid) summary = 'The signature is valid for this request and key pair.';
  else if (signatureMatches)
    summary = `The signature verifies, but a server would still refuse the request: ${causes[0]?.title.toLowerCase() ?? 'see below'}.`;
  else if (verifiesAsSent)
    summary = `The RSA signature is right, in the wrong encoding: ${present(causes[0], 'the encoding cause').title.toLowerCase()}.`;
  else if (only)
    summary = `Found it: ${present(causes[0], 'the reproducing cause').title.toLowerCase()}. The captured signature verifies over that mistake's payload.`;
  else if (keyPairMatches === false)
    summary = 'The signature was made with another key pair: nothing signed with this one looks like it.';
  else if (!read.bytes) summary = `The signature cannot be read as an x-sign value: ${read.detail}.`;
  else
    summary = `None of the ${tried} payloads tried verifies the captured signature, so the cause is not certain: the likeliest causes are listed first.`;

  return {
    valid,
    signatureMatches,
    expected,
    components,
    causes,
    reproduced: reproducing.length > 0,
    summary,
    notes,
    variantsTried: tried,
    keyPairMatches,
    signedSha256Hex,
  };
}
