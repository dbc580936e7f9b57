/**
 * Hostile input to the paste parsers (core/import). Their own tests already check, 10,000 cases
 * each, that arbitrary text only ever raises ImportError; these add what a fuzzer of garbage cannot
 * show: a request written out as a cURL command (POSIX quoting) or as raw HTTP always reads back
 * as exactly that request, byte for byte, and large adversarial pastes finish (no hang) with
 * either a request or an ImportError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError, parseCurl, parseRawHttp, parseRequestPaste } from './index.ts';
import { printTable } from '../../test-support/figures.ts';
import { propertyRuns } from '../../test-support/property-runs.ts';

/** 1,000 cases in test:unit, 10,000 in test:reliability (test-support/property-runs.ts). */
const RUNS = propertyRuns(1_000);
const figures: Array<Record<string, string | number>> = [];

const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);
/** Header values as parsers keep them: no line breaks, no surrounding blanks. */
const headerValue = fc
  .string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('é', '€', '\t', '😀'),
    ),
    maxLength: 30,
  })
  .map((s) => s.replace(/^[ \t]+|[ \t]+$/g, ''));
const host = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\.[a-z0-9]{1,8}){0,2}$/),
    fc.option(fc.integer({ min: 1, max: 65535 })),
  )
  .map(([h, p]) => (p === null ? h : `${h}:${p}`));
const target = fc
  .string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 })
  .map((s) => `/${s}`);
const bodyText = fc.oneof(
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('', '\r\n', '{\r\n\t"a": 1\r\n}\n', "it's", '\\', '$HOME `x` $(y)'),
);

/** POSIX single-quoting: everything literal, a quote as '\''. */
const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function timedAssert(name: string, run: () => void, cases: number): void {
  const started = performance.now();
  run();
  figures.push({ parser: name, cases, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) });
}

describe('paste parsers: what is written out reads back exactly', () => {
  it(`parseCurl: ${RUNS} commands built from a request (POSIX quoting) read back as that request`, () => {
    timedAssert(
      'parseCurl round trip',
      () =>
        fc.assert(
          fc.property(
            token,
            host,
            target,
            fc.array(fc.tuple(token, headerValue), { maxLength: 5 }),
            bodyText,
            fc.boolean(),
            (method, h, path, headers, body, continuations) => {
              const url = `https://${h}${path}`;
              const sep = continuations ? ' \\\n  ' : ' ';
              const parts = [
                'curl',
                '-X',
                sq(method),
                sq(url),
                ...headers.flatMap(([n, v]) => ['-H', sq(`${n}: ${v}`)]),
              ];
              if (body !== null) parts.push('--data-raw', sq(body));
              // ^" anywhere makes the reader take the paste for Windows cmd: see the known-bug test below.
              fc.pre(!parts.join(sep).includes('^"'));
              const parsed = parseCurl(parts.join(sep));
              expect(parsed.method).toBe(method);
              expect(parsed.url).toBe(url);
              expect(parsed.headers).toEqual(headers.map(([name, value]) => ({ name, value })));
              expect(parsed.body).toBe(body);
              expect(parseRequestPaste(parts.join(sep))).toEqual(parsed);
            },
          ),
          { numRuns: RUNS },
        ),
      RUNS,
    );
  });

  // Regression: `^"` inside a POSIX single-quoted body once switched to the Windows cmd reader.
  it('a POSIX paste whose single-quoted body contains ^" reads back as that request', () => {
    const r = parseCurl(`curl -X 'POST' 'https://h/' --data-raw '{"x":"^"}'`);
    expect({ method: r.method, url: r.url, body: r.body }).toEqual({
      method: 'POST',
      url: 'https://h/',
      body: '{"x":"^"}',
    });
  });

  it(`parseRawHttp: ${RUNS} raw requests built from a request read back as that request`, () => {
    timedAssert(
      'parseRawHttp round trip',
      () =>
        fc.assert(
          fc.property(
            token,
            host,
            target,
            fc.array(fc.tuple(token, headerValue), { maxLength: 5 }),
            bodyText,
            fc.constantFrom('\r\n', '\n'),
            (method, h, path, headers, body, eol) => {
              const named = headers.filter(([n]) => n.toLowerCase() !== 'host');
              const text =
                [`${method} ${path} HTTP/1.1`, `Host: ${h}`, ...named.map(([n, v]) => `${n}: ${v}`)].join(eol) +
                eol +
                eol +
                (body ?? '');
              const parsed = parseRawHttp(text);
              expect(parsed.method).toBe(method);
              const loopback = /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(h);
              expect(parsed.url).toBe(`${loopback ? 'http' : 'https'}://${h}${path}`);
              expect(parsed.headers).toEqual([
                { name: 'Host', value: h },
                ...named.map(([name, value]) => ({ name, value })),
              ]);
              // The body is every byte after the blank line, line endings included; none is null.
              expect(parsed.body).toBe(body === '' ? null : body);
              // No curl prefix: the paste reader takes it as raw HTTP.
              if (!/^\s*curl/i.test(method)) expect(parseRequestPaste(text)).toEqual(parsed);
            },
          ),
          { numRuns: RUNS },
        ),
      RUNS,
    );
  });
});

describe('paste parsers: large adversarial pastes end (a request or an ImportError)', () => {
  const MB = 1024 * 1024;
  const big: Array<[string, string]> = [
    ['1 MiB of spaces', ' '.repeat(MB)],
    ['1 MiB of blank lines', '\n'.repeat(MB)],
    ['1 MiB of " \\n"', ' \n'.repeat(MB / 2)],
    ['1 MiB request line of words', `GET ${'a '.repeat(MB / 2)}`],
    ['a header block of 100,000 folded lines', `GET / HTTP/1.1\nHost: h\nX: a${'\n b'.repeat(100_000)}\n\n`],
    ['curl with 1 MiB unclosed quote', `curl 'http://h/${'x'.repeat(MB)}`],
    ['curl with 1 MiB of backslashes', `curl http://h/ -d ${'\\'.repeat(MB)}`],
    ['curl with 200,000 -H', `curl http://h/${' -H "a: b"'.repeat(200_000)}`],
    ["curl with 1 MiB $'\\x41' escapes", `curl http://h/ --data-raw $'${'\\x41'.repeat(MB / 4)}'`],
    ['cmd curl with 1 MiB of ^', `curl "http://h/" ^${'^'.repeat(MB)}`],
    ['5 MiB + 1', `curl http://h/ -d ${'x'.repeat(5 * MB + 1)}`],
  ];
  it.each(big)(
    '%s',
    (_name, text) => {
      const started = performance.now();
      for (const parse of [parseCurl, parseRawHttp, parseRequestPaste]) {
        try {
          const r = parse(text);
          expect(typeof r.method).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          expect((e as Error).message.length).toBeGreaterThan(10);
        }
      }
      figures.push({
        parser: `adversarial: ${_name}`,
        cases: 3,
        seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      });
    },
    20_000,
  );

  it('prints the figures', () => {
    printTable('paste parsers', figures);
  });
});
