/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) from bundle entries, for other tools. */
import type { HistoryEntry } from '../contract.ts';
import { harTimings } from '../timings.ts';
import { toBundle, type Bundle, type BundleEntry, type BundleOptions } from './bundle.ts';

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string; encoding?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: ReturnType<typeof harTimings>;
  comment?: string;
  _environment: string;
  _qredo: { timestamp: string; signature: string; stringToSign: string };
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function queryOf(url: string): HarHeader[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const end = url.indexOf('#', q);
  const query = url.slice(q + 1, end < 0 ? undefined : end);
  if (query === '') return [];
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0
      ? { name: decode(pair), value: '' }
      : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) };
  });
}

function headerList(headers: Record<string, string>): HarHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function harEntry(e: BundleEntry): HarEntry {
  const contentType =
    Object.entries(e.request.headers).find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
  const r = e.response;
  const responseType = r
    ? (Object.entries(r.headers).find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '')
    : '';
  const entry: HarEntry = {
    startedDateTime: new Date(e.createdAt).toISOString(),
    time: e.timings.totalMs,
    request: {
      method: e.request.method,
      url: e.request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(e.request.headers),
      queryString: queryOf(e.request.url),
      headersSize: -1,
      bodySize: e.request.body === null ? 0 : utf8Length(e.request.body),
    },
    response: r
      ? {
          status: r.status,
          statusText: r.statusText,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: headerList(r.headers),
          content: {
            size: r.size,
            mimeType: responseType,
            text: r.body,
            ...(r.bodyEncoding === 'base64' ? { encoding: 'base64' } : {}),
          },
          redirectURL: r.headers.location ?? '',
          headersSize: -1,
          bodySize: r.size,
        }
      : {
          status: 0,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: [],
          content: { size: 0, mimeType: '' },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
          _error: e.error ? `${e.error.code}: ${e.error.message}` : 'no response',
        },
    cache: {},
    timings: harTimings(e.timings),
    _environment: e.environment,
    _qredo: {
      timestamp: e.timestamp,
      signature: e.signature,
      stringToSign: e.stringToSign.segments.map((s) => s.text).join(''),
    },
  };
  if (e.request.body !== null) entry.request.postData = { mimeType: contentType, text: e.request.body };
  if (e.request.bodyTruncated) entry.comment = 'The request body was cut at the history size cap.';
  return entry;
}

/**
 * HAR 1.2 for a bundle, or for history entries (which go through the same redaction as a bundle
 * first: there is no way to a HAR that skips it).
 */
export function toHar(source: Bundle | readonly HistoryEntry[], opts: BundleOptions = { appVersion: '0.0.0' }): Har {
  const bundle = Array.isArray(source) ? toBundle(source as readonly HistoryEntry[], opts) : (source as Bundle);
  return {
    log: {
      version: '1.2',
      creator: { name: 'Qredo API Playground', version: bundle.appVersion },
      entries: bundle.entries.map(harEntry),
    },
  };
}
