import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurl } from './curl.ts';
import { parseRequestPaste } from './index.ts';
import { ImportError, headerValue, type ImportedRequest } from './types.ts';

const TX = 'https://api.qredo.network/qapi/v1/transaction';
const BAL = 'https://api.qredo.network/qapi/v1/balance';

function headersOf(r: ImportedRequest): Record<string, string> {
  return Object.fromEntries(r.headers.map((h) => [h.name.toLowerCase(), h.value]));
}

describe('parseCurl: real-world forms', () => {
  it('Chrome "Copy as cURL (bash)" with $\'…\' data', () => {
    const text = `curl '${TX}' \\
  -H 'accept: application/json' \\
  -H 'content-type: application/json' \\
  -H 'qredo-api-key: P15GkHVm8aEWC-' \\
  -H 'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124"' \\
  --data-raw $'{"note":"caf\\u00e9 it\\'s","value":"100"}' \\
  --compressed`;
    const r = parseCurl(text);
    expect(r.method).toBe('POST');
    expect(r.url).toBe(TX);
    expect(r.body).toBe(`{"note":"café it's","value":"100"}`);
    expect(headersOf(r)['sec-ch-ua']).toBe('"Chromium";v="124", "Google Chrome";v="124"');
    expect(headerValue(r, 'QREDO-API-KEY')).toBe('P15GkHVm8aEWC-');
    expect(r.notes.join(' ')).toMatch(/--compressed/);
  });

  it('Firefox "Copy as cURL (POSIX)" on one line with -X POST', () => {
    const text = `curl '${TX}' -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: application/json' -H 'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br' -H 'Content-Type: application/json' -H 'Origin: http://localhost:5173' -H 'Connection: keep-alive' --data-raw '{"from":"0x84CE","value":"100"}'`;
    const r = parseCurl(text);
    expect(r).toMatchObject({ method: 'POST', url: TX, body: '{"from":"0x84CE","value":"100"}' });
    expect(headersOf(r)['accept-language']).toBe('en-US,en;q=0.5');
    expect(r.headers).toHaveLength(7);
  });

  it('Chrome "Copy as cURL (cmd)" with ^ escapes and continuations', () => {
    const text = [
      `curl ^"${TX}^" ^`,
      '  -H ^"accept: application/json^" ^',
      '  -H ^"content-type: application/json^" ^',
      '  --data-raw ^"^{^\\^"from^\\^":^\\^"0x84CE^\\^",^\\^"value^\\^":^\\^"100^\\^"^}^" ^',
      '  --compressed',
    ].join('\r\n');
    const r = parseCurl(text);
    expect(r).toMatchObject({ method: 'POST', url: TX, body: '{"from":"0x84CE","value":"100"}' });
    expect(headersOf(r)['content-type']).toBe('application/json');
  });

  it('Windows cmd by hand: ^ continuations and \\" inside double quotes', () => {
    const text = `curl -X POST "http://127.0.0.1:8002/qapi/v1/transaction" ^\n -H "Content-Type: application/json" ^\n -d "{\\"value\\":\\"100\\"}"`;
    const r = parseCurl(text);
    expect(r).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:8002/qapi/v1/transaction',
      body: '{"value":"100"}',
    });
  });

  it("the docs' example with the three qredo-api headers", () => {
    const text = `curl -X GET "${BAL}" \\
  -H "accept: application/json" \\
  -H "qredo-api-key: _lJCqc-T3cnNpw" \\
  -H "qredo-api-ts: 1647356399" \\
  -H "qredo-api-sig: uCcW434q9Ass583kfFAvxzPysMMId4Ye8R3Pko5ZFzQ"`;
    const r = parseCurl(text);
    expect(r).toMatchObject({ method: 'GET', url: BAL, body: null });
    expect(headersOf(r)).toEqual({
      accept: 'application/json',
      'qredo-api-key': '_lJCqc-T3cnNpw',
      'qredo-api-ts': '1647356399',
      'qredo-api-sig': 'uCcW434q9Ass583kfFAvxzPysMMId4Ye8R3Pko5ZFzQ',
    });
  });

  it('--data-raw JSON keeps every byte, spaces included', () => {
    const body = '{ "from": "0x84CE",  "value": "100" }';
    const r = parseCurl(`curl ${TX} --data-raw '${body}'`);
    expect(r.body).toBe(body);
    expect(r.method).toBe('POST');
  });

  it('a multi-line body inside single quotes keeps its newlines', () => {
    const body = '{\n  "value": "100"\n}';
    const r = parseCurl(`curl -X POST \\\n  '${TX}' \\\n  -d '${body}'`);
    expect(r.body).toBe(body);
  });

  it('a double-quoted body with escaped quotes, $ and backslashes', () => {
    const r = parseCurl(`curl "${TX}" -d "{\\"note\\":\\"cost \\$5 \\\\ path\\"}"`);
    expect(r.body).toBe('{"note":"cost $5 \\ path"}');
  });

  it('-X POST after the URL, with -H before it', () => {
    const r = parseCurl(`curl -H 'content-type: application/json' ${TX} -X POST -d '{}'`);
    expect(r).toMatchObject({ method: 'POST', url: TX, body: '{}' });
  });

  it("the playground's own snippet form, comment lines included", () => {
    const text = `# Valid only while 1700000000 is inside the server's window.
curl --request GET \\
  --url 'http://127.0.0.1:8002/qapi/v1/balance' \\
  --header 'qredo-api-key: P15GkHVm8aEWC-' \\
  --header 'qredo-api-ts: 1700000000' \\
  --header 'qredo-api-sig: abc'`;
    const r = parseCurl(text);
    expect(r).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:8002/qapi/v1/balance', body: null });
    expect(r.headers).toHaveLength(3);
  });

  it('attached and bundled options: -XPOST, --header=, -sSL, -d twice', () => {
    const r = parseCurl(`curl -sSL -XPOST --header='x-a: 1' ${TX} -d a=1 -d b=2`);
    expect(r).toMatchObject({ method: 'POST', url: TX, body: 'a=1&b=2' });
    expect(headersOf(r)['x-a']).toBe('1');
  });

  it('-G moves the data into the query string; -I is HEAD', () => {
    expect(parseCurl(`curl -G https://api.qredo.network/qapi/v1/funds -d archived=true`)).toMatchObject({
      method: 'GET',
      url: 'https://api.qredo.network/qapi/v1/funds?archived=true',
      body: null,
    });
    expect(parseCurl(`curl -I ${BAL}`).method).toBe('HEAD');
  });

  it('--data-raw @ is literal, --data-binary @file is refused', () => {
    expect(parseCurl(`curl ${TX} --data-raw '@not-a-file'`).body).toBe('@not-a-file');
    expect(() => parseCurl(`curl ${TX} --data-binary @body.json`)).toThrow(/@file .*paste the body itself/);
    expect(() => parseCurl(`curl ${TX} -d @body.json`)).toThrow(ImportError);
    expect(() => parseCurl(`curl ${TX} -H @headers.txt`)).toThrow(/reads headers from a file/);
  });

  it.each([
    ['', /empty/],
    ['wget https://x', /not a cURL command/],
    ['curl -X', /needs a value/],
    ["curl 'https://x", /single quote .* not closed/],
    ['curl "https://x', /double quote .* not closed/],
    ["curl $'abc", /not closed/],
    ['curl -H "a: b"', /no URL/],
    ['curl --frobnicate https://x', /--frobnicate is not one the importer understands/],
    ['curl https://a https://b', /more than one URL/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseCurl(text)).toThrow(message);
    try {
      parseCurl(text);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
    }
  });

  it('stops at a pipe and says so', () => {
    const r = parseCurl(`curl -s ${BAL} | jq .`);
    expect(r.url).toBe(BAL);
    expect(r.notes.join(' ')).toMatch(/Ignored what follows/);
  });

  it('parseRequestPaste picks the parser', () => {
    expect(parseRequestPaste(`curl ${BAL}`).url).toBe(BAL);
    expect(parseRequestPaste('GET /qapi/v1/balance HTTP/1.1\nHost: api.qredo.network\n\n').url).toBe(BAL);
  });
});

const soup = (pieces: string[]) =>
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((a) => a.join(''));

describe('parseCurl: never throws anything but ImportError, never hangs', () => {
  const onlyImportErrors = (text: string) => {
    try {
      const r = parseCurl(text);
      expect(typeof r.method).toBe('string');
      expect(typeof r.url).toBe('string');
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
    }
  };
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), onlyImportErrors), { numRuns: 10_000 });
  });
  it('on curl-shaped text', () => {
    const pieces = [
      'curl ',
      ' ',
      '\n',
      '\r\n',
      '\\',
      '\\\n',
      '^',
      '^\n',
      '^"',
      "'",
      '"',
      "$'",
      '\\x4',
      '\\u00e9',
      '\\U0001F680',
      '\\0',
      '\\c',
      '#',
      '-X',
      '-H',
      '-d',
      '--data-raw',
      '--data-binary',
      '--url',
      '--json',
      '-G',
      '-I',
      '-sSL',
      '--header=',
      '@',
      'https://h/p?q=1',
      ' -- ',
      '|',
      ';',
      '&',
      'a: b',
      '=',
      'POST',
    ];
    fc.assert(
      fc.property(soup(pieces), (t) => onlyImportErrors(`curl ${t}`)),
      { numRuns: 10_000 },
    );
  });
});
