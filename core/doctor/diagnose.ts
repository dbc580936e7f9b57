/**
 * The signature doctor: given a captured request and the key it should have been signed with, say
 * whether the signature is right and, when it is not, why. The method is experimental rather than
 * guesswork: each known mistake is replayed (the variant string-to-sign, key or encoding is signed)
 * and compared with the captured signature; a variant that reproduces it exactly names the cause
 * with certainty. When none does, the causes are ranked by what the capture itself shows.
 */
import { present } from '../checked.ts';
import { MOCK_WINDOW_SECONDS } from '../constants.ts';
import {
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  type HmacSha256,
  type SegmentName,
  type SigningInput,
  base64standard,
  base64url,
  buildStringToSign,
  timestampToSeconds,
} from '../signing/index.ts';
import {
  CAUSE_TITLES,
  LOOKALIKE_HEADERS,
  type Cause,
  type CauseId,
  rankLikelyCauses,
  type ScoredCause,
} from './causes.ts';
import { parseJsonBody, writeJson } from './json-forms.ts';
import { mistakeVariants, splitUrl, type Variant } from './variants.ts';

export interface Capture {
  /** The timestamp the sender signed (or, when nothing else is known, the one in the header). */
  timestamp: string;
  method: string;
  /** The full URL the request went to. */
  url: string;
  /** The body as sent, or null for none. */
  body: string | null;
  /** The captured `qredo-api-sig` value. */
  signature: string;
  keyId?: string;
  /** Every header name the request carried, when known (to spot a misspelt signing header). */
  headerNames?: string[];
  /** The `qredo-api-ts` header value when it is known to differ from `timestamp`. */
  headerTimestamp?: string;
}

export interface DiagnoseOptions {
  /** The verifier's clock, in Unix seconds; without it the window is not checked. */
  now?: number;
  /** Accepted skew either way, in seconds (default 300, as the embedded mock). */
  windowSeconds?: number;
  /** The secret text as shown in the web app, to test "used without decoding". */
  rawSecret?: string;
  /** Base URLs the sender might have signed for instead (the configured environments). */
  knownBaseUrls?: readonly string[];
  /** How far either way to look for a timestamp signed at another second (default 120). */
  timestampSearchSeconds?: number;
  /** At most this many variants are signed (default DEFAULT_MAX_VARIANTS). */
  maxVariants?: number;
}

export type ComponentName = SegmentName | 'signature';

export interface Component {
  name: ComponentName;
  /** The value as captured (for the four inputs: as sent, which is what the server signs). */
  captured: string;
  /** For the signature: the right one. */
  expected?: string;
  same: boolean;
  /** What the sender evidently signed instead, when a replayed mistake showed it. */
  signed?: string;
}

export interface Diagnosis {
  /** The signature is right and nothing else in the capture makes the server refuse it. */
  valid: boolean;
  /** The captured signature equals the expected one. */
  signatureMatches: boolean;
  /** The signature the server computes for this request. */
  expected: string;
  components: Component[];
  /** Most likely first; certain ones before the rest. */
  causes: Cause[];
  /** True when a replayed mistake reproduced the captured signature exactly. */
  reproduced: boolean;
  /** One sentence for a person. */
  summary: string;
  /** Advice that is not a cause of failure (for example a nanosecond timestamp that verifies). */
  notes: string[];
  /** How many mistake variants were signed and compared. */
  variantsTried: number;
}

/** About twice what the largest capture needs today (a JSON body with a query and a 120 s search: about 300). */
export const DEFAULT_MAX_VARIANTS = 1000;

type EncodingMatch = 'exact' | 'padded' | 'standard' | null;

/** Compares a captured signature with a MAC in the four encodings people produce. */
function matchEncoding(captured: string, mac: Uint8Array): EncodingMatch {
  const url = base64url(mac);
  if (captured === url) return 'exact';
  if (captured === `${url}=`) return 'padded';
  const standard = base64standard(mac);
  if (captured === standard || captured === standard.replace(/=+$/, '')) return 'standard';
  return null;
}

function encodingCause(match: 'padded' | 'standard', captured: string): Cause {
  if (match === 'padded') {
    return {
      id: 'signature-padded',
      title: CAUSE_TITLES['signature-padded'],
      detail: `The captured signature is the right MAC but ends in "=": send URL-safe base64 without padding (43 characters, as Node's digest('base64url') or Go's base64.RawURLEncoding give).`,
      certain: true,
    };
  }
  return {
    id: 'signature-standard-base64',
    title: CAUSE_TITLES['signature-standard-base64'],
    detail: `The captured signature is the right MAC written in standard base64${captured.endsWith('=') ? ' with "=" padding' : ''}: use the URL-safe alphabet (- and _ instead of + and /) and drop the padding.`,
    certain: true,
  };
}

function digitsHint(ts: string): string | null {
  if (!/^\d+$/.test(ts)) return `"${HEADER_TIMESTAMP}" is not decimal digits; send Unix time in seconds (10 digits).`;
  if (ts.length === 13)
    return `${ts} has 13 digits: milliseconds, which a server reads as seconds far in the future. Send seconds (10 digits).`;
  if (ts.length === 16) return `${ts} has 16 digits: microseconds. Send seconds (10 digits).`;
  return null;
}

/** Facts visible in the capture itself, independent of the signature. */
function observedFacts(
  capture: Capture,
  headerTs: string,
  opts: DiagnoseOptions,
): Array<{ id: CauseId; detail: string; blocking: boolean }> {
  const facts: Array<{ id: CauseId; detail: string; blocking: boolean }> = [];
  const names = (capture.headerNames ?? []).map((n) => n.toLowerCase());
  if (names.length) {
    for (const look of LOOKALIKE_HEADERS) {
      if (!names.includes(look.sent)) continue;
      const realMissing = !names.includes(look.meant);
      facts.push({
        id: 'header-misspelt',
        blocking: realMissing,
        detail: `The request has a "${look.sent}" header (${look.why}); the server reads "${look.meant}"${realMissing ? ', which is missing, so it refuses the request' : ''}.`,
      });
    }
  }
  const unitHint = digitsHint(headerTs);
  if (unitHint) facts.push({ id: 'timestamp-unit', detail: unitHint, blocking: true });
  const seconds = timestampToSeconds(headerTs);
  if (!unitHint && seconds !== null && opts.now !== undefined) {
    const window = opts.windowSeconds ?? MOCK_WINDOW_SECONDS;
    const skew = seconds - Math.floor(opts.now);
    if (Math.abs(skew) > window) {
      facts.push({
        id: 'timestamp-expired',
        blocking: true,
        detail: `The timestamp ${headerTs} is ${Math.abs(skew)} s ${skew < 0 ? 'before' : 'after'} the verifier's clock; it must be within ±${window} s. Sign at send time, and keep the clock NTP-synced.`,
      });
    }
  }
  return facts;
}

/** Causes ranked by what the capture shows, when no replayed mistake reproduced the signature. */
function likelyCauses(
  capture: Capture,
  headerTs: string,
  opts: DiagnoseOptions,
  facts: ReturnType<typeof observedFacts>,
): Cause[] {
  const scored: ScoredCause[] = [];
  const add = (score: number, id: CauseId, detail: string) => scored.push({ score, id, detail });
  for (const f of facts)
    add(f.id === 'header-misspelt' ? (f.blocking ? 95 : 40) : f.id === 'timestamp-unit' ? 85 : 80, f.id, f.detail);
  if (capture.headerTimestamp !== undefined && capture.headerTimestamp !== capture.timestamp) {
    add(
      90,
      'timestamp-mismatch',
      `The header carries ${capture.headerTimestamp} but ${capture.timestamp} was signed; they must be the identical string.`,
    );
  }
  if (headerTs.length === 19) {
    add(
      45,
      'timestamp-unit',
      `${headerTs} has 19 digits: nanoseconds, as one sentence of the docs says; Qredo's own tool sends seconds (10 digits). Both sides must use the same string.`,
    );
  }
  const sig = capture.signature;
  if (/[+/]/.test(sig))
    add(
      70,
      'signature-standard-base64',
      'The signature contains "+" or "/": it was written in standard base64. Use URL-safe base64 (- and _), without padding.',
    );
  if (sig.endsWith('=')) add(68, 'signature-padded', 'The signature ends in "=": drop the padding (43 characters).');
  if (sig.length !== 43 && !sig.endsWith('='))
    add(
      30,
      'signature-standard-base64',
      `The signature has ${sig.length} characters; an unpadded URL-safe HMAC-SHA256 has 43.`,
    );
  if (!/^[A-Z]+$/.test(capture.method))
    add(
      65,
      'method-case',
      `The method ${JSON.stringify(capture.method)} is not upper-case; sign and send "${capture.method.toUpperCase()}".`,
    );
  const body = capture.body ?? '';
  if (body.includes('\r\n'))
    add(
      66,
      'body-line-endings',
      'The body contains CRLF line endings; an editor, a clipboard or a Windows tool may have converted them after signing.',
    );
  if (/\n$/.test(body))
    add(55, 'body-trailing-newline', 'The body ends with a newline; check that the signed text ended with it too.');
  const parsed = parseJsonBody(capture.body);
  if (parsed) {
    const compact = writeJson(parsed.value, {
      indent: null,
      itemSeparator: ',',
      keySeparator: ':',
      sortKeys: false,
      asciiOnly: false,
    });
    const reasons: string[] = [];
    if (body !== compact) reasons.push('it is not compact');
    if (/[\u0080-\uffff]/.test(body)) reasons.push('it contains non-ASCII characters that a serializer may escape');
    if (/\\u[0-9a-fA-F]{4}/.test(body)) reasons.push('it contains \\u escapes that a serializer may unescape');
    add(
      reasons.length ? 50 : 25,
      'body-reserialized',
      `The body is JSON${reasons.length ? ` and ${reasons.join(', ')}` : ''}: if the sender parsed and re-stringified it between signing and sending (key order, spacing, escapes), the bytes differ. Sign and send one string.`,
    );
  }
  const p = splitUrl(capture.url);
  if (!p.authority)
    add(
      75,
      'url-path-only',
      'The URL has no scheme and host: the full URL (https://host/qapi/v1/...) is signed, not only the path.',
    );
  if (/\/\//.test(p.path) || (p.path.length > 1 && p.path.endsWith('/')))
    add(
      52,
      'url-trailing-slash',
      'The path has a doubled or trailing slash; a base URL ending in "/" is a common source.',
    );
  if (p.scheme.toLowerCase() === 'http:' && !/^\/\/(localhost|127\.|\[::1\])/.test(p.authority))
    add(
      45,
      'url-scheme',
      'The URL uses http with a remote host; Qredo is reached over https, and the scheme is signed.',
    );
  if (p.query)
    add(
      35,
      'url-query-missing',
      'The URL has a query string; it is part of the signed URL, in the same order and encoding.',
    );
  if (p.authority)
    add(
      20,
      'url-host',
      'If the signature was computed for another host or port (sandbox versus production, a proxy, localhost), it cannot match.',
    );
  if (opts.rawSecret === undefined)
    add(
      28,
      'secret-not-decoded',
      'The secret must be base64-decoded and the bytes used as the HMAC key; using the text itself gives another signature.',
    );
  return rankLikelyCauses(scored);
}

function inputValue(input: SigningInput, name: SegmentName): string {
  return name === 'body' ? (input.body ?? '') : input[name];
}

/** Diagnoses a captured request against the decoded key it should have been signed with. */
export async function diagnose(
  capture: Capture,
  key: Uint8Array,
  hmac: HmacSha256,
  opts: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const headerTs = capture.headerTimestamp ?? capture.timestamp;
  const sent: SigningInput = { timestamp: headerTs, method: capture.method, url: capture.url, body: capture.body };
  const expectedMac = await hmac(key, buildStringToSign(sent).bytes);
  const expected = base64url(expectedMac);
  const captured = capture.signature;
  const direct = matchEncoding(captured, expectedMac);

  const causes: Cause[] = [];
  const notes: string[] = [];
  const reproducing: Variant[] = [];
  const maxVariants = opts.maxVariants ?? DEFAULT_MAX_VARIANTS;
  let tried = 0;
  if (direct === 'padded' || direct === 'standard') causes.push(encodingCause(direct, captured));
  if (direct === null) {
    const rawKey = opts.rawSecret === undefined ? null : new TextEncoder().encode(opts.rawSecret.trim());
    const seen = new Set<string>();
    const encodings = new Set<CauseId>();
    const variants = mistakeVariants(sent, {
      ...(opts.rawSecret !== undefined ? { rawSecret: opts.rawSecret } : {}),
      ...(opts.knownBaseUrls ? { knownBaseUrls: opts.knownBaseUrls } : {}),
      ...(opts.timestampSearchSeconds !== undefined ? { timestampSearchSeconds: opts.timestampSearchSeconds } : {}),
      ...(capture.headerTimestamp !== undefined ? { signedTimestamp: capture.timestamp } : {}),
    });
    // Each distinct body gets a number, so that a variant's identity is short whatever the body's size.
    const bodyIds = new Map<string | null, number>();
    for (const v of variants) {
      if (tried >= maxVariants) {
        notes.push(`The doctor stopped after ${maxVariants} variants; the rest were not tried.`);
        break;
      }
      let bodyId = bodyIds.get(v.input.body);
      if (bodyId === undefined) bodyIds.set(v.input.body, (bodyId = bodyIds.size));
      const identity = [v.rawKey ? 'raw' : 'key', v.input.timestamp, v.input.method, v.input.url, bodyId].join('\0');
      if (seen.has(identity)) continue;
      seen.add(identity);
      tried++;
      const sts = buildStringToSign(v.input);
      const mac = await hmac(v.rawKey && rawKey ? rawKey : key, sts.bytes);
      const match = matchEncoding(captured, mac);
      if (!match) continue;
      if (reproducing.some((r) => r.cause === v.cause)) continue;
      reproducing.push(v);
      causes.push({
        id: v.cause,
        title: CAUSE_TITLES[v.cause],
        detail: `Replaying this mistake reproduces the captured signature exactly: the sender ${v.detail}.`,
        certain: true,
      });
      if (match !== 'exact' && !encodings.has(match === 'padded' ? 'signature-padded' : 'signature-standard-base64')) {
        const c = encodingCause(match, captured);
        encodings.add(c.id);
        causes.push(c);
      }
    }
  }
  const explained = direct !== null || reproducing.length > 0;
  const facts = observedFacts(capture, headerTs, opts);
  if (explained) {
    for (const f of facts) {
      if (causes.some((c) => c.id === f.id)) continue;
      if (!f.blocking) {
        notes.push(f.detail);
        continue;
      }
      causes.push({ id: f.id, title: CAUSE_TITLES[f.id], detail: f.detail, certain: true });
    }
    if (headerTs.length === 19 && direct === 'exact') {
      notes.push(
        `The timestamp has 19 digits (nanoseconds). The signature is consistent, and the embedded mock accepts nanoseconds, but Qredo's own tool sends seconds; if a server refuses it, try seconds.`,
      );
    }
  } else {
    causes.push(...likelyCauses(capture, headerTs, opts, facts));
  }
  if (
    !facts.some((f) => f.id === 'header-misspelt') &&
    capture.headerNames &&
    capture.headerNames.length &&
    !capture.headerNames.some((n) => n.toLowerCase() === HEADER_SIGNATURE)
  ) {
    notes.push(`The request has no "${HEADER_SIGNATURE}" header.`);
  }

  const signatureMatches = direct === 'exact';
  const blocking = facts.some((f) => f.blocking);
  const valid = signatureMatches && !blocking;

  const only = reproducing[0];
  const components: Component[] = (['timestamp', 'method', 'url', 'body'] as const).map((name) => {
    const value = inputValue(sent, name);
    const component: Component = { name, captured: value, same: true };
    if (
      name === 'timestamp' &&
      capture.headerTimestamp !== undefined &&
      capture.headerTimestamp !== capture.timestamp
    ) {
      component.signed = capture.timestamp;
      component.same = false;
    }
    if (only && only.changed === name) {
      component.signed = inputValue(only.input, name);
      component.same = false;
    }
    return component;
  });
  components.push({ name: 'signature', captured, expected, same: signatureMatches });

  let summary: string;
  if (valid) summary = 'The signature is valid for this request and key.';
  else if (signatureMatches)
    summary = `The signature is right, but the server would still refuse the request: ${causes[0]?.title.toLowerCase() ?? 'see below'}.`;
  else if (direct)
    summary = `The signature is the right MAC in the wrong encoding: ${present(causes[0], 'the encoding cause').title.toLowerCase()}.`;
  else if (reproducing.length)
    summary = `Found it: ${present(causes[0], 'the reproducing cause').title.toLowerCase()}. Replaying that mistake reproduces the captured signature exactly.`;
  else
    summary = `None of the ${tried} replayed mistakes reproduces the captured signature, so the cause is not certain: the likeliest causes are listed first. Check also that the key id and the secret belong together.`;

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
  };
}
