import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRawHttp } from './raw-http.ts';
import { ImportError, headerValue } from './types.ts';

describe('parseRawHttp', () => {
  it('reads a CRLF request and keeps the body bytes exactly', () => {
    const body = '{\r\n  "value": "100"\r\n}';
    const text = `POST /qapi/v1/transaction HTTP/1.1\r\nHost: api.qredo.network\r\nqredo-api-key: k\r\nqredo-api-ts: 1700000000\r\nqredo-api-sig: s\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const r = parseRawHttp(text);
    expect(r).toMatchObject({ method: 'POST', url: 'https://api.qredo.network/qapi/v1/transaction', body });
    expect(headerValue(r, 'qredo-api-ts')).toBe('1700000000');
    expect(r.notes.join(' ')).toMatch(/rebuilt from the Host header/);
    expect(r.notes.join(' ')).not.toMatch(/Content-Length says/);
  });

  it('reads an LF request, a loopback host as http, and no body as null', () => {
    const r = parseRawHttp('\nGET /qapi/v1/balance?x=1 HTTP/1.1\nHost: 127.0.0.1:8002\nAccept: application/json\n\n');
    expect(r).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:8002/qapi/v1/balance?x=1', body: null });
  });

  it('takes an absolute target as it is, joins folded headers, and notes a Content-Length mismatch', () => {
    const r = parseRawHttp(
      'POST https://sandbox-api.qredo.network/qapi/v1/transaction HTTP/1.1\nX-Long: a\n  b\nContent-Length: 3\n\n{"a":1}',
    );
    expect(r.url).toBe('https://sandbox-api.qredo.network/qapi/v1/transaction');
    expect(headerValue(r, 'x-long')).toBe('a b');
    expect(r.notes.join(' ')).toMatch(/Content-Length says 3/);
  });

  it('accepts a request line without a version', () => {
    expect(parseRawHttp('GET /qapi/v1/balance\nHost: api.qredo.network').url).toBe(
      'https://api.qredo.network/qapi/v1/balance',
    );
  });

  it.each([
    ['', /empty/],
    ['hello world, this is not http', /not a request line/],
    ['GET /x HTTP/1.1\n\n', /no Host header/],
    ['GET /x HTTP/1.1\nHost: h\nnot a header\n\n', /Line 3 .* is not a header/],
    ['GET x HTTP/1.1\nHost: h\n\n', /neither a path/],
    ['G(T /x HTTP/1.1\nHost: h\n\n', /not an HTTP method/],
    ['GET /x HTTP/1.1\n folded\n\n', /follows no header/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseRawHttp(text)).toThrow(message);
  });

  const onlyImportErrors = (text: string) => {
    try {
      parseRawHttp(text);
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
    }
  };
  it('never throws anything but ImportError on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), onlyImportErrors), { numRuns: 10_000 });
  });
  it('never throws anything but ImportError on request-shaped text', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'GET ',
        'POST ',
        '/qapi/v1/x',
        'http://h/p',
        ' HTTP/1.1',
        '\r\n',
        '\n',
        'Host: ',
        'h:1',
        ': ',
        ' ',
        '\t',
        'Content-Length: ',
        '12',
        '{}',
      ),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((a) => a.join('')),
        onlyImportErrors,
      ),
      { numRuns: 10_000 },
    );
  });
});
