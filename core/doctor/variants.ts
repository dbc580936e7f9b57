/**
 * The known mistakes, replayed: each variant is the request as the sender might have signed it when
 * making one mistake, while the request itself went out as captured.
 */
import type { SegmentName, SigningInput } from '../signing/index.ts';
import type { CauseId } from './causes.ts';
import { jsonForms } from './json-forms.ts';

export interface Variant {
  cause: CauseId;
  /** What the sender did, in a sentence fragment: "signed the URL with https". */
  detail: string;
  /** The input as the sender signed it. */
  input: SigningInput;
  /** The part that differs from what was sent. */
  changed: SegmentName | 'key';
  /** Sign with the secret's text bytes instead of the decoded key. */
  rawKey?: boolean;
}

export interface UrlParts {
  /** "https:" or "" */
  scheme: string;
  /** "//host:port" or "" */
  authority: string;
  path: string;
  /** "?a=b" or "" */
  query: string;
}

/** Splits a URL by string positions only; nothing is normalised. */
export function splitUrl(url: string): UrlParts {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:)?(\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?/.exec(url);
  return { scheme: m?.[1] ?? '', authority: m?.[2] ?? '', path: m?.[3] ?? '', query: m?.[4] ?? '' };
}

function joinUrlParts(p: UrlParts): string {
  return p.scheme + p.authority + p.path + p.query;
}

/** Hosts people sign for by mistake: Qredo's own, and the loopback spellings of the mock. */
const KNOWN_ORIGINS = [
  'https://api.qredo.network',
  'https://sandbox-api.qredo.network',
  'https://play-api.qredo.network',
  'https://api-v2.qredo.network',
  'http://127.0.0.1:8002',
  'http://localhost:8002',
];

const API_PREFIX = '/qapi/v1';

function show(text: string): string {
  return JSON.stringify(text);
}

/** The timestamp mistakes: another unit, or another second than the one sent. */
export function timestampVariants(ts: string, searchSeconds: number): Variant[] {
  const out: Array<{ cause: CauseId; detail: string; timestamp: string }> = [];
  if (/^\d+$/.test(ts)) {
    const unit = (value: string, name: string) =>
      out.push({
        cause: 'timestamp-unit',
        timestamp: value,
        detail: `signed the timestamp in ${name} (${value}) while the header carries ${ts}`,
      });
    if (ts.length <= 11) {
      unit(ts + '000000000', 'nanoseconds');
      unit(ts + '000', 'milliseconds');
    } else if (ts.length === 13) {
      unit(ts.slice(0, -3), 'seconds');
      unit(ts + '000000', 'nanoseconds');
    } else if (ts.length === 16) {
      unit(ts.slice(0, -6), 'seconds');
    } else if (ts.length === 19) {
      unit(ts.slice(0, -9), 'seconds');
      unit(ts.slice(0, -6), 'milliseconds');
    }
    if (ts.length <= 16) {
      const n = BigInt(ts);
      for (let d = 1; d <= searchSeconds; d++) {
        for (const sign of [-1n, 1n]) {
          const other = n + sign * BigInt(d);
          if (other < 0n) continue;
          const value = other.toString();
          out.push({
            cause: 'timestamp-mismatch',
            timestamp: value,
            detail: `signed the timestamp ${value} but sent ${ts} in the header (${d} ${d === 1 ? 'second' : 'seconds'} ${sign > 0n ? 'later' : 'earlier'} when signed); read the clock once and use that one string in both places`,
          });
        }
      }
    }
  }
  return out.map((o) => ({
    cause: o.cause,
    detail: o.detail,
    changed: 'timestamp',
    input: { timestamp: o.timestamp, method: '', url: '', body: null },
  }));
}

function methodVariants(method: string): Array<{ detail: string; method: string }> {
  const forms = [
    method.toUpperCase(),
    method.toLowerCase(),
    method.charAt(0).toUpperCase() + method.slice(1).toLowerCase(),
  ];
  return [...new Set(forms)]
    .filter((m) => m !== method)
    .map((m) => ({
      method: m,
      detail: `signed the method as ${show(m)} but sent ${show(method)}; sign and send the same upper-case method`,
    }));
}

/** The URL mistakes: scheme, host and port, slashes, query, path only (relative to `apiPrefix`). */
export function urlVariants(
  url: string,
  knownBaseUrls: readonly string[],
  apiPrefix: string = API_PREFIX,
): Array<{ cause: CauseId; detail: string; url: string }> {
  const out: Array<{ cause: CauseId; detail: string; url: string }> = [];
  const p = splitUrl(url);
  const add = (cause: CauseId, signed: string, what: string) =>
    out.push({ cause, url: signed, detail: `${what}: signed ${show(signed)} but requested ${show(url)}` });

  // Scheme: http and https swapped, or no scheme at all.
  if (p.authority) {
    if (p.scheme.toLowerCase() === 'http:')
      add('url-scheme', joinUrlParts({ ...p, scheme: 'https:' }), 'signed https, sent http');
    if (p.scheme.toLowerCase() === 'https:')
      add('url-scheme', joinUrlParts({ ...p, scheme: 'http:' }), 'signed http, sent https');
    add(
      'url-scheme',
      joinUrlParts({ ...p, scheme: '', authority: p.authority.slice(2) }),
      'signed the URL without its scheme',
    );
  }

  // Host and port: a known other host, the port added or dropped, localhost versus 127.0.0.1.
  if (p.authority) {
    const host = p.authority.slice(2);
    const origins = new Set<string>();
    for (const base of [...knownBaseUrls, ...KNOWN_ORIGINS]) {
      const b = splitUrl(base);
      if (b.authority) origins.add((b.scheme || p.scheme) + b.authority);
    }
    const portMatch = /^(.*?)(:\d+)?$/.exec(host);
    const bare = portMatch?.[1] ?? host;
    const port = portMatch?.[2] ?? '';
    if (port) origins.add(`${p.scheme}//${bare}`);
    else origins.add(`${p.scheme}//${bare}${p.scheme.toLowerCase() === 'http:' ? ':80' : ':443'}`);
    if (bare === 'localhost') origins.add(`${p.scheme}//127.0.0.1${port}`);
    if (bare === '127.0.0.1') origins.add(`${p.scheme}//localhost${port}`);
    origins.delete(p.scheme + p.authority);
    for (const origin of origins) {
      const signed = origin + p.path + p.query;
      if (signed.toLowerCase() === url.toLowerCase()) continue;
      add('url-host', signed, 'signed for another host or port');
    }
  }

  // Slashes: a trailing slash added or dropped, a slash doubled (base URL ending in "/") or collapsed.
  if (p.path.length > 1 && p.path.endsWith('/'))
    add(
      'url-trailing-slash',
      joinUrlParts({ ...p, path: p.path.replace(/\/+$/, '') }),
      'signed the path without its trailing slash',
    );
  if (!p.path.endsWith('/'))
    add('url-trailing-slash', joinUrlParts({ ...p, path: p.path + '/' }), 'signed the path with a trailing slash');
  if (p.path.includes('//'))
    add(
      'url-trailing-slash',
      joinUrlParts({ ...p, path: p.path.replace(/\/{2,}/g, '/') }),
      'signed the path with single slashes',
    );
  for (let i = 1; i < p.path.length; i++) {
    if (p.path[i] === '/' && p.path[i - 1] !== '/' && p.path[i + 1] !== '/') {
      add(
        'url-trailing-slash',
        joinUrlParts({ ...p, path: p.path.slice(0, i) + '/' + p.path.slice(i) }),
        'signed a doubled slash (a base URL ending in "/" joined to a path starting with "/")',
      );
    }
  }

  // Query: left out, or its parameters re-ordered.
  if (p.query) {
    add('url-query-missing', joinUrlParts({ ...p, query: '' }), 'signed the URL without its query string');
    if (p.query === '?')
      add('url-query-missing', joinUrlParts({ ...p, query: '' }), 'signed the URL without the empty "?"');
    const params = p.query.slice(1).split('&');
    if (params.length > 1) {
      const sorted = '?' + [...params].sort().join('&');
      const reversed = '?' + [...params].reverse().join('&');
      for (const q of new Set([sorted, reversed])) {
        if (q !== p.query)
          add('url-query-missing', joinUrlParts({ ...p, query: q }), 'signed the query parameters in another order');
      }
    }
  }

  // Path only: the request target, with and without the query, or relative to the base URL.
  if (p.authority) {
    add('url-path-only', p.path + p.query, 'signed only the path instead of the full URL');
    if (p.query) add('url-path-only', p.path, 'signed only the path, without the query, instead of the full URL');
    if (p.path.startsWith(apiPrefix + '/'))
      add(
        'url-path-only',
        p.path.slice(apiPrefix.length) + p.query,
        'signed only the path relative to the base URL instead of the full URL',
      );
  }
  return out;
}

/** The body mistakes: line endings, a final newline, and every re-serialisation of a JSON body. */
export function bodyVariants(body: string | null): Array<{ cause: CauseId; detail: string; body: string | null }> {
  const out: Array<{ cause: CauseId; detail: string; body: string | null }> = [];
  const text = body ?? '';
  // Line endings first: the most specific explanation of a changed body.
  if (text.includes('\r\n'))
    out.push({
      cause: 'body-line-endings',
      body: text.replace(/\r\n/g, '\n'),
      detail: 'signed the body with LF line endings but sent CRLF',
    });
  if (text.includes('\n') && !text.includes('\r\n'))
    out.push({
      cause: 'body-line-endings',
      body: text.replace(/\n/g, '\r\n'),
      detail: 'signed the body with CRLF line endings but sent LF',
    });
  if (text.endsWith('\r\n'))
    out.push({
      cause: 'body-trailing-newline',
      body: text.slice(0, -2),
      detail: 'signed the body without the final CRLF that was sent',
    });
  if (text.endsWith('\n'))
    out.push({
      cause: 'body-trailing-newline',
      body: text.slice(0, -1),
      detail: 'signed the body without the final newline that was sent',
    });
  else
    out.push({
      cause: 'body-trailing-newline',
      body: text + '\n',
      detail: 'signed the body with a final newline that was not sent (an editor or a heredoc adds one)',
    });
  if (!text.endsWith('\n'))
    out.push({
      cause: 'body-trailing-newline',
      body: text + '\r\n',
      detail: 'signed the body with a final CRLF that was not sent',
    });
  for (const form of jsonForms(body)) {
    out.push({
      cause: 'body-reserialized',
      body: form.text,
      detail: `signed the body as ${form.label}, but sent it written differently`,
    });
  }
  return out;
}

/** Every single-mistake variant of a request as sent, most specific first. */
export function mistakeVariants(
  sent: SigningInput,
  opts: {
    rawSecret?: string;
    knownBaseUrls?: readonly string[];
    timestampSearchSeconds?: number;
    signedTimestamp?: string;
  } = {},
): Variant[] {
  const out: Variant[] = [];
  const withInput = (cause: CauseId, detail: string, changed: Variant['changed'], patch: Partial<SigningInput>) =>
    out.push({ cause, detail, changed, input: { ...sent, ...patch } });

  if (opts.rawSecret !== undefined) {
    out.push({
      cause: 'secret-not-decoded',
      detail: 'used the secret text itself as the HMAC key; base64-decode it and use the bytes',
      changed: 'key',
      input: sent,
      rawKey: true,
    });
  }
  if (opts.signedTimestamp !== undefined && opts.signedTimestamp !== sent.timestamp) {
    withInput(
      'timestamp-mismatch',
      `signed the timestamp ${opts.signedTimestamp} but sent ${sent.timestamp} in the header`,
      'timestamp',
      { timestamp: opts.signedTimestamp },
    );
  }
  for (const v of methodVariants(sent.method)) withInput('method-case', v.detail, 'method', { method: v.method });
  for (const v of bodyVariants(sent.body)) withInput(v.cause, v.detail, 'body', { body: v.body });
  for (const v of urlVariants(sent.url, opts.knownBaseUrls ?? [])) withInput(v.cause, v.detail, 'url', { url: v.url });
  for (const v of timestampVariants(sent.timestamp, opts.timestampSearchSeconds ?? 120)) {
    withInput(v.cause, v.detail, 'timestamp', { timestamp: v.input.timestamp });
  }
  return out;
}
