/**
 * fast-check arbitraries of valid collections, shared by the tests of core/workbench. Test support
 * only: nothing in production code imports this file.
 *
 * `requestArb({ httpFile: true })` and `variablesArb` keep to what a .http file can carry exactly
 * (the trimming and comment rules of core/workbench/http-file.ts); the defaults cover the whole
 * collection schema.
 */
import fc from 'fast-check';
import { DEMO_KEYS, ENVIRONMENTS, PARTNER_DEMO_KEY_IDS } from '../constants.ts';
import { formatJsonPath, type JsonPathSegment } from './captures.ts';
import {
  COLLECTION_FORMAT,
  COLLECTION_VERSION,
  type CaptureRule,
  type Collection,
  type CollectionItem,
  type Header,
  type SavedRequest,
  type Variable,
} from './collection.ts';
import { headerValueProblem, isComputedHeader, isTransportHeader } from '../headers.ts';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT'];
const VARIABLE_NAMES = ['fund_id', 'tx_id', 'wallet', 'a', 'b.c', 'x-y', '_z', 'company_id', 'env.base', 'Note2'];
const TOKEN_CHARS = "!#$%&'*+.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-".split('');

const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Printable text without control characters, non-ASCII included. */
const printable = (min: number, max: number) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom('a', 'Z', '0', ' ', '"', '{', '}', ':', ',', '/', '#', '&', '=', 'é', '☕', '😀'),
        fc.string({ maxLength: 2 }),
      ),
      {
        minLength: min,
        maxLength: max,
      },
    )
    .map((a) => [...a.join('')].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join(''));

const trimmed = (arb: fc.Arbitrary<string>) => arb.map((s) => s.trim());

const reference = fc.oneof(
  fc.constantFrom(...VARIABLE_NAMES).map((n) => `{{${n}}}`),
  fc.constant('{{$uuid}}'),
);

export const jsonPathArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc
        .constantFrom('txID', 'fund_id', 'data', 'a-b', 'x y', "it's", '$ref')
        .map((key): JsonPathSegment => ({ kind: 'key', key })),
      fc.nat({ max: 20 }).map((index): JsonPathSegment => ({ kind: 'index', index })),
    ),
    { maxLength: 4 },
  )
  .map(formatJsonPath);

export const variablesArb: fc.Arbitrary<Variable[]> = fc
  .uniqueArray(fc.constantFrom(...VARIABLE_NAMES), { maxLength: 5 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        trimmed(printable(0, 12))
          .filter((v) => !v.includes('{{'))
          .map((value) => ({ name, value })),
      ),
    ),
  )
  .map((vs) => [...vs]);

const headerArb = (httpFile: boolean): fc.Arbitrary<Header> =>
  fc.record({
    name: fc
      .array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: 12 })
      .map((a) => a.join(''))
      .filter((n) => !isComputedHeader(n) && !isTransportHeader(n) && (!httpFile || !/^[#&]/.test(n))),
    value: printable(0, 16)
      .map((v) => (httpFile ? v.replace(/\{\{|\}\}/g, '').trim() : v))
      .filter((v) => headerValueProblem(v) === null),
  });

/** A body a .http file reads back the same: no comment-, separator-, handler- or file-like line, no blank edge lines. */
const httpBodyLine = fc
  .tuple(fc.constantFrom('', '  ', '\t'), printable(1, 20))
  .map(([indent, s]) => indent + s.replace(/\{\{|\}\}/g, ''))
  .filter((l) => l.trim() !== '' && !/^\s*(#|\/\/)/.test(l) && !/^(>\s|>>|<>)/.test(l) && !/^<(?:@\w*)?\s+\S/.test(l));
const httpBody = fc
  .array(fc.oneof({ weight: 5, arbitrary: httpBodyLine }, { weight: 1, arbitrary: fc.constantFrom('', '   ') }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((lines) => [httpBodyLine, lines] as const)
  .chain(([line, lines]) => fc.tuple(line, line).map(([first, last]) => [first, ...lines, last].join('\n')));

const pathArb = (httpFile: boolean) =>
  fc
    .tuple(
      fc.array(fc.oneof(chars('abcxyz019-._~', 1, 8), reference), { minLength: 0, maxLength: 4 }),
      fc.option(
        fc.array(fc.tuple(chars('abq', 1, 4), fc.oneof(chars('0129%AF', 0, 5), reference)), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
    )
    .map(([segments, query]) => {
      const p = '/' + segments.join('/');
      return query ? `${p}?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : p;
    })
    .chain((p) => (httpFile ? fc.constant(p) : fc.oneof(fc.constant(p), printable(0, 30))));

const captureArb: fc.Arbitrary<CaptureRule> = fc.record({
  variable: fc.constantFrom(...VARIABLE_NAMES),
  from: fc.constant('body' as const),
  path: jsonPathArb,
});

/** What the request has to survive: any valid request, a .http round trip, or a Postman round trip. */
export interface ArbOptions {
  httpFile?: boolean;
  postman?: boolean;
}

/** The Partner API's bases as the playground's configuration has them by default. */
export const PARTNER_BASES = {
  mock: 'http://127.0.0.1:8002/api/v1/p',
  sandbox: 'https://sandbox-api.qredo.network/api/v1/p',
  production: 'https://api.qredo.network/api/v1/p',
};

export function requestArb(options: ArbOptions = {}): fc.Arbitrary<SavedRequest> {
  const httpFile = options.httpFile ?? false;
  const postman = options.postman ?? false;
  const name = httpFile ? trimmed(printable(1, 30)) : printable(1, 30);
  return fc
    .record(
      {
        type: fc.constant('request' as const),
        name: name.filter((n) => n !== '' && (!postman || n.trim() !== '')),
        method: httpFile
          ? fc.constantFrom(...HTTP_METHODS)
          : fc.oneof(
              fc.constantFrom(...HTTP_METHODS),
              fc.array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: 16 }).map((a) => a.join('')),
            ),
        path: pathArb(httpFile || postman),
        headers: fc.array(headerArb(httpFile), { maxLength: 4 }),
        body: fc.option(httpFile ? httpBody : fc.string({ unit: 'grapheme', maxLength: 60 }), { nil: null }),
        environment: fc.option(fc.constantFrom(...ENVIRONMENTS), { nil: null }),
        scheme: fc.constantFrom('v1' as const, 'partner' as const),
        demoKey: fc.constantFrom(...DEMO_KEYS),
        partnerKey: fc.constantFrom(...PARTNER_DEMO_KEY_IDS),
        timestampUnit: fc.constantFrom('seconds' as const, 'nanoseconds' as const),
        freshness: fc.constantFrom('timestamp' as const, 'nonce' as const),
        captures: fc.array(captureArb, { maxLength: 3 }),
      },
      { requiredKeys: ['type', 'name', 'method', 'path', 'headers', 'body', 'environment', 'captures'] },
    )
    .map((r) => {
      if (!postman) return r as SavedRequest;
      // Postman carries the API only through the URL: a Partner API request under a Partner API base.
      const { scheme, demoKey: _d, partnerKey: _p, timestampUnit: _t, freshness: _f, ...rest } = r;
      return (scheme === 'partner' && rest.environment !== null ? { ...rest, scheme } : rest) as SavedRequest;
    });
}

const folderName = (options: ArbOptions) =>
  printable(1, 20).filter((n) => n !== '' && (!options.postman || n.trim() !== ''));

function itemArb(options: ArbOptions): fc.Arbitrary<CollectionItem> {
  return fc.letrec<{ item: CollectionItem; folder: CollectionItem }>((tie) => ({
    item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, requestArb(options), tie('folder')),
    folder: fc.record({
      type: fc.constant('folder' as const),
      name: folderName(options),
      items: fc.array(tie('item'), { maxLength: 4 }),
    }),
  })).item;
}

/** Valid collections: nested folders, every optional field sometimes present (never for Postman). */
export function collectionArbFor(options: ArbOptions = {}): fc.Arbitrary<Collection> {
  return fc.record({
    format: fc.constant(COLLECTION_FORMAT),
    version: fc.constant(COLLECTION_VERSION),
    name: folderName(options),
    variables: fc
      .uniqueArray(fc.constantFrom(...VARIABLE_NAMES), { maxLength: 5 })
      .chain((names) => fc.tuple(...names.map((name) => printable(0, 20).map((value) => ({ name, value })))))
      .map((vs) => [...vs]),
    items: fc.array(itemArb(options), { maxLength: 5 }),
  });
}

/** Any valid collection. */
export const collectionArb: fc.Arbitrary<Collection> = collectionArbFor();

/** A saved request (GET /x on the mock, no headers, no body) with the fields a test sets. */
export function savedRequest(fields: Partial<SavedRequest> = {}): SavedRequest {
  return {
    type: 'request',
    name: 'r',
    method: 'GET',
    path: '/x',
    headers: [],
    body: null,
    environment: 'mock',
    captures: [],
    ...fields,
  };
}

/** A collection of these items, without variables. */
export function collectionOf(items: CollectionItem[], name = 'c'): Collection {
  return { format: COLLECTION_FORMAT, version: COLLECTION_VERSION, name, variables: [], items };
}
