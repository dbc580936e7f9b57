import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../import/types.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../signing/signature.ts';
import {
  Collection as CollectionSchema,
  MAX_COLLECTION_REQUESTS,
  printCollection,
  savedRequests,
  type Collection,
  type SavedRequest,
} from './collection.ts';
import { importHttpFile, MAX_HTTP_FILE_CHARS, parseHttpEnvFile, printHttpFile } from './http-file.ts';
import { collectionOf, PARTNER_BASES, requestArb, savedRequest, variablesArb } from './test-support.ts';

const bases = {
  mock: 'http://127.0.0.1:8002/qapi/v1',
  sandbox: 'https://sandbox-api.qredo.network/qapi/v1',
  production: 'https://api.qredo.network/qapi/v1',
};
const fixture = (p: string) => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const requests = (c: Collection) => savedRequests(c).map((r) => r.request);
const only = (text: string, extra: Partial<Parameters<typeof importHttpFile>[1]> = {}) => {
  const r = importHttpFile(text, { bases, ...extra });
  expect(r.collection.items).toHaveLength(1);
  return { ...r, request: r.collection.items[0] as SavedRequest };
};

describe('importHttpFile: apitool, the files Qredo ships', () => {
  it('api.http with its env file: the mock, /balance, the three signature headers dropped', () => {
    const r = importHttpFile(fixture('apitool/api.http'), {
      bases,
      envFile: fixture('apitool/http-client.env.json'),
      name: 'apitool',
    });
    expect(r.collection.name).toBe('apitool');
    expect(requests(r.collection)).toEqual([
      {
        type: 'request',
        name: 'GET /balance',
        method: 'GET',
        path: '/balance',
        headers: [],
        body: null,
        environment: 'mock',
        captures: [],
      },
    ]);
    const droppedHeaders = r.dropped
      .filter((d) => d.what.startsWith('header'))
      .map((d) => d.what.split(' ')[1]!.toLowerCase());
    expect(droppedHeaders).toEqual([HEADER_KEY, HEADER_TIMESTAMP, HEADER_SIGNATURE]);
    expect(r.dropped.every((d) => d.why.length > 10)).toBe(true);
    expect(r.notes.join(' ')).not.toMatch(/outside every environment/);
  });

  it('keymgmt.http: four requests outside the v1 base, with a note each; the token is not imported', () => {
    const r = importHttpFile(fixture('apitool/keymgmt.http'), {
      bases,
      envFile: fixture('apitool/http-client.env.json'),
    });
    const rs = requests(r.collection);
    expect(rs.map((q) => `${q.method} ${q.path} ${q.environment}`)).toEqual([
      'GET /api/v1/apikey null',
      'POST /api/v1/apikey null',
      'PUT /api/v1/apikey/BlU_aOdfecoGhw null',
      'DELETE /api/v1/apikey/keB5uAJoumlQbA null',
    ]);
    expect(rs[2]!.body).toBe('{\n  "name": "apikey1",\n  "permissions": {"read_only":  true}\n}');
    expect(rs[0]!.headers).toEqual([
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Token', value: '{{token}}' },
    ]);
    expect(
      r.notes.filter((n) => n.includes("outside every environment's base: choose one before sending")),
    ).toHaveLength(4);
    expect(r.collection.variables).toEqual([{ name: 'host', value: '127.0.0.1:8002' }]);
    expect(r.dropped.map((d) => d.what)).toContain('the variable token (environment user-api)');
    // The comment line with a key's secret in it is not part of anything imported.
    expect(printCollection(r.collection)).not.toContain('JDJhJDA0');
    expect(JSON.stringify(r)).not.toContain('JDJhJDA0');
  });
});

describe('importHttpFile: JetBrains HTTP Client', () => {
  const jb = () =>
    importHttpFile(fixture('jetbrains-qredo.http'), {
      bases,
      envFile: fixture('jetbrains-qredo.env.json'),
      privateEnvFile: fixture('jetbrains-qredo.private.env.json'),
    });

  it('titles, @name, indented query lines, a non-ASCII body, variables from the env file', () => {
    const rs = requests(jb().collection);
    expect(rs.map((q) => [q.name, q.method, q.path, q.environment])).toEqual([
      ['Balance', 'GET', '/balance', 'sandbox'],
      ['Funds, archived ones too', 'GET', '/funds?archived=true&limit=10', 'sandbox'],
      ['newTransaction', 'POST', '/transaction', 'sandbox'],
      ['Status of the transaction', 'GET', '/transactions/{{tx_id}}/status', 'sandbox'],
      ['Wallets of a fund', 'GET', '/funds/{{fund}}/wallets', 'sandbox'],
    ]);
    expect(rs[2]!.body).toContain('"note": "café ☕"\n}');
    expect(rs[2]!.body!.endsWith('}')).toBe(true);
    expect(rs[2]!.headers).toContainEqual({ name: 'X-Request-Id', value: '{{$uuid}}' });
  });

  it('turns client.global.set(…, response.body.txID) into a capture rule and drops the scripts', () => {
    const r = jb();
    expect(requests(r.collection)[2]!.captures).toEqual([{ variable: 'tx_id', from: 'body', path: '$.txID' }]);
    expect(r.dropped.filter((d) => d.what.startsWith('the response handler'))).toHaveLength(2);
    expect(r.notes.join('\n')).toMatch(/became the capture rule tx_id/);
    expect(r.notes.join('\n')).toMatch(/\{\{\$uuid\}\} is a dynamic variable/);
    expect(r.notes.join('\n')).toMatch(/@no-redirect/);
  });

  it('file variables resolved through the env file; private values never imported', () => {
    const r = jb();
    expect(r.collection.variables).toEqual([
      { name: 'fund', value: '2AbCdEfGhIjKlMnOpQrStUvWxYz' },
      { name: 'accept', value: 'application/json' },
      { name: 'host', value: 'https://sandbox-api.qredo.network' },
      { name: 'fund_id', value: '2AbCdEfGhIjKlMnOpQrStUvWxYz' },
    ]);
    expect(JSON.stringify(r.collection)).not.toContain('sandboxKeyId01');
    expect(r.dropped.map((d) => d.what)).toContain('the private variable apiKey');
    expect(r.notes.join('\n')).toMatch(/SSLConfiguration/);
    expect(r.notes.join('\n')).toMatch(/define sandbox, production; "sandbox" was used/);
  });

  it('the production environment of the same file maps to production', () => {
    const r = importHttpFile(fixture('jetbrains-qredo.http'), {
      bases,
      envFile: fixture('jetbrains-qredo.env.json'),
      envName: 'production',
    });
    expect(new Set(requests(r.collection).map((q) => q.environment))).toEqual(new Set(['production']));
    expect(r.collection.variables).toContainEqual({ name: 'fund', value: '2ZyXwVuTsRqPoNmLkJiHgFeDcBa' });
    expect(() => importHttpFile('GET /x', { bases, envFile: '{}', envName: 'nope' })).toThrow(ImportError);
  });

  it('reads the same requests from a CRLF file with a BOM, and says the bodies are LF', () => {
    const lf = jb();
    const crlf = importHttpFile('\uFEFF' + fixture('jetbrains-qredo.http').replace(/\n/g, '\r\n'), {
      bases,
      envFile: fixture('jetbrains-qredo.env.json'),
      privateEnvFile: fixture('jetbrains-qredo.private.env.json'),
    });
    expect(crlf.collection).toEqual(lf.collection);
    expect(crlf.notes.join('\n')).toMatch(/CRLF/);
    expect(
      importHttpFile('GET https://api.qredo.network/qapi/v1/balance\r\rGET https://api.qredo.network/qapi/v1/funds', {
        bases,
      }).collection.items,
    ).toHaveLength(1);
  });

  it('drops >> redirections, <> response references and WEBSOCKET requests', () => {
    const r = importHttpFile(
      [
        'GET https://api.qredo.network/qapi/v1/balance',
        '',
        '<> 2024-01-01T000000.200.json',
        '###',
        'WEBSOCKET ws://localhost:8080/ws',
        '###',
        'GET https://api.qredo.network/qapi/v1/funds',
        '>>! funds.json',
      ].join('\n'),
      { bases },
    );
    expect(requests(r.collection).map((q) => [q.path, q.body])).toEqual([
      ['/balance', null],
      ['/funds', null],
    ]);
    expect(r.dropped.map((d) => d.what)).toEqual([
      'the response handler of request (line 1) (line 3)',
      'request (line 5)',
      'the response handler of request (line 7) (line 8)',
    ]);
  });
});

describe('importHttpFile: VS Code REST Client', () => {
  it('file variables, HTTP/1.1, computed headers in any case, a form body, ?/& lines', () => {
    const r = importHttpFile(fixture('rest-client-qredo.http'), { bases });
    const rs = requests(r.collection);
    expect(rs.map((q) => [q.name, q.method, q.path, q.environment])).toEqual([
      ['GET /account', 'GET', '/account', 'sandbox'],
      ['createTransaction', 'POST', '/transaction', 'sandbox'],
      ['status', 'GET', '/transactions/{{tx_id}}/status', 'sandbox'],
      ['GET /funds?archived=false&chain={{chain}}', 'GET', '/funds?archived=false&chain={{chain}}', 'sandbox'],
      ['POST /webhook', 'POST', '/webhook', 'sandbox'],
    ]);
    expect(rs[1]!.headers).toEqual([{ name: 'Content-Type', value: '{{contentType}}' }]);
    expect(r.dropped.filter((d) => d.what.startsWith('header')).map((d) => d.what.split(' ')[1])).toEqual([
      'qredo-api-key',
      'Qredo-Api-Ts',
      'QREDO-API-SIG',
    ]);
    expect(rs[4]!.body).toBe('event=transaction&status=approved');
    expect(r.collection.variables).toEqual([
      { name: 'baseUrl', value: 'https://sandbox-api.qredo.network/qapi/v1' },
      { name: 'contentType', value: 'application/json' },
    ]);
  });

  it('turns {{createTransaction.response.body.$.txID}} into a capture rule and a variable', () => {
    const r = importHttpFile(fixture('rest-client-qredo.http'), { bases });
    const rs = requests(r.collection);
    expect(rs[1]!.captures).toEqual([{ variable: 'tx_id', from: 'body', path: '$.txID' }]);
    expect(r.notes.join('\n')).toMatch(/became the variable \{\{tx_id\}\}/);
    // A dynamic variable in a dropped header is not noted: it is gone with the header.
    expect(r.notes.join('\n')).not.toMatch(/\$timestamp/);
  });

  it('short form (URL only), lower-case method, origin form with Host, comments in the header block', () => {
    expect(only('https://api.qredo.network/qapi/v1/balance').request).toMatchObject({
      method: 'GET',
      path: '/balance',
      environment: 'production',
    });
    const lower = only('post https://api.qredo.network/qapi/v1/transaction\n\n{}');
    expect(lower.request).toMatchObject({ method: 'POST', body: '{}' });
    expect(lower.notes.join(' ')).toMatch(/sent as POST/);
    const origin = only('GET /qapi/v1/balance HTTP/1.1\nHost: 127.0.0.1:8002\n# a comment\n// another\nAccept: */*\n');
    expect(origin.request).toMatchObject({
      environment: 'mock',
      path: '/balance',
      headers: [{ name: 'Accept', value: '*/*' }],
    });
    expect(origin.dropped.map((d) => d.what)).toEqual(['header Host of request (line 1)']);
  });

  it('names a request from // @name or # @name = x, over the ### title', () => {
    const r = importHttpFile(
      '### Title\n// @name slashes\nGET https://api.qredo.network/qapi/v1/a\n### T2\n# @name = equals\nGET https://api.qredo.network/qapi/v1/b\n### Only a title\nGET https://api.qredo.network/qapi/v1/c',
      { bases },
    );
    expect(requests(r.collection).map((q) => q.name)).toEqual(['slashes', 'equals', 'Only a title']);
  });

  it('{{host}}/qapi/v1 resolved from a file variable defined after its use; unknown hosts imported without environment', () => {
    const after = only('GET {{host}}/qapi/v1/funds/{{fund_id}}\n\n###\n@host = https://sandbox-api.qredo.network\n');
    expect(after.request).toMatchObject({ environment: 'sandbox', path: '/funds/{{fund_id}}' });
    const unknown = only('GET https://qredo.example.com/qapi/v1/balance?x=1');
    expect(unknown.request).toMatchObject({ environment: null, path: '/balance?x=1' });
    expect(unknown.notes.join(' ')).toMatch(/outside every environment's base: choose one before sending/);
    const undefinedHost = only('GET {{nowhere}}/qapi/v1/balance');
    expect(undefinedHost.request).toMatchObject({ environment: null, path: '{{nowhere}}/qapi/v1/balance' });
    expect(undefinedHost.notes.join(' ')).toMatch(/\{\{nowhere\}\} is not defined/);
  });

  it('the body: blank lines around it trimmed, inner ones and trailing spaces kept, comment lines left out', () => {
    const r = only(
      'POST https://api.qredo.network/qapi/v1/transaction\nContent-Type: application/json\n\n\n\n{  \n\n  "a": 1\n  // no\n}  \n\n\n\n###\n',
    );
    expect(r.request.body).toBe('{  \n\n  "a": 1\n}  ');
    expect(r.notes.join(' ')).toMatch(/1 comment line/);
  });

  it('refuses a body read from a file, and a request whose header block is broken, without losing the others', () => {
    const r = importHttpFile(
      [
        'POST https://api.qredo.network/qapi/v1/transaction',
        'Content-Type: application/json',
        '',
        '< ./transaction.json',
        '###',
        'POST https://api.qredo.network/qapi/v1/transaction',
        '{"no": "blank line"}',
        '###',
        'GET https://api.qredo.network/qapi/v1/balance',
      ].join('\n'),
      { bases },
    );
    expect(requests(r.collection).map((q) => [q.path, q.body])).toEqual([
      ['/transaction', null],
      ['/balance', null],
    ]);
    expect(r.dropped[0]).toMatchObject({ what: 'the body of request (line 1) (< ./transaction.json)' });
    expect(r.dropped[0]!.why).toMatch(/no file is ever read/);
    expect(r.dropped[1]!.why).toMatch(/^Line 7 .* is not a header/);
  });

  it('drops a variable whose value holds a configured secret or whose name says credential', () => {
    const r = importHttpFile(
      '@note = x-MY-SECRET-y\n@password = hunter2\n@fund = f1\nGET https://api.qredo.network/qapi/v1/funds/{{fund}}',
      {
        bases,
        secrets: ['', 'MY-SECRET'],
      },
    );
    expect(r.collection.variables).toEqual([{ name: 'fund', value: 'f1' }]);
    expect(r.dropped.map((d) => d.what)).toEqual(['the variable note (line 1)', 'the variable password (line 2)']);
    expect(JSON.stringify(r)).not.toContain('MY-SECRET');
  });

  it('a file with only comments and variables imports no request; one too large is refused', () => {
    expect(importHttpFile('# nothing\n@a = 1\n###\n// still nothing\n', { bases }).collection).toMatchObject({
      items: [],
      variables: [{ name: 'a', value: '1' }],
    });
    expect(() => importHttpFile('x'.repeat(MAX_HTTP_FILE_CHARS + 1), { bases })).toThrow(ImportError);
    expect(() => importHttpFile('GET /x\n###\n'.repeat(MAX_COLLECTION_REQUESTS + 1), { bases })).toThrow(
      /more than 10000/,
    );
  });
});

describe('parseHttpEnvFile', () => {
  it('reads environments, stringifies numbers, leaves out objects, refuses what is not JSON', () => {
    expect(parseHttpEnvFile('{"dev":{"port":8002,"on":true,"nested":{"a":1}},"x":3}')).toEqual({
      environments: { dev: { port: '8002', on: 'true' } },
      notes: [expect.stringMatching(/"dev.nested"/), expect.stringMatching(/"x"/)],
    });
    expect(() => parseHttpEnvFile('[1]')).toThrow(ImportError);
    expect(() => parseHttpEnvFile('{')).toThrow(/not valid JSON/);
  });
});

describe('printHttpFile', () => {
  it('writes a file both tools read, and reads back the same collection', () => {
    const r = importHttpFile(fixture('jetbrains-qredo.http'), { bases, envFile: fixture('jetbrains-qredo.env.json') });
    const printed = printHttpFile(r.collection, bases);
    expect(printed.text).toContain(
      '### newTransaction\n# @playground-capture tx_id $.txID\nPOST https://sandbox-api.qredo.network/qapi/v1/transaction\n',
    );
    const back = importHttpFile(printed.text, { bases, name: r.collection.name });
    expect(back.collection).toEqual(r.collection);
  });

  it('says what it cannot write exactly', () => {
    const c: Collection = {
      format: 'qredo-playground-collection',
      version: 1,
      name: 'c',
      variables: [{ name: 'v', value: ' padded ' }],
      items: [
        {
          type: 'folder',
          name: 'F',
          items: [
            {
              type: 'request',
              name: 'r',
              method: 'FOO',
              path: '/x',
              headers: [],
              body: '# heading\nbody',
              environment: null,
              captures: [],
            },
          ],
        },
      ],
    };
    const notes = printHttpFile(c, bases).notes.join('\n');
    expect(notes).toMatch(/leading or trailing spaces/);
    expect(notes).toMatch(/folders are written into the request's name/);
    expect(notes).toMatch(/FOO is not a method/);
    expect(notes).toMatch(/would be read as a comment/);
  });

  it('export then import is the identity on requests the format can express (property)', () => {
    fc.assert(
      fc.property(variablesArb, fc.array(requestArb({ httpFile: true }), { maxLength: 6 }), (variables, items) => {
        const c: Collection = { format: 'qredo-playground-collection', version: 1, name: 'P', variables, items };
        const printed = printHttpFile(c, bases, PARTNER_BASES);
        expect(printed.notes).toEqual([]);
        const back = importHttpFile(printed.text, { bases, partnerBases: PARTNER_BASES, name: 'P' });
        expect(back.collection).toEqual(c);
      }),
      { numRuns: 300 },
    );
  });
});

describe('importHttpFile never crashes', () => {
  const onlyImportErrors = (text: string, env?: string) => {
    try {
      const r = importHttpFile(text, { bases, envFile: env });
      expect(savedRequests(r.collection).length).toBeLessThanOrEqual(MAX_COLLECTION_REQUESTS);
      // What an importer returns is always a valid collection.
      expect(CollectionSchema.safeParse(r.collection).success).toBe(true);
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
    }
  };
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => onlyImportErrors(t)),
      { numRuns: 3000 },
    );
  });
  it('on .http-shaped text and env files', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '###',
        '### t',
        '\n',
        '\r\n',
        '\r',
        ' ',
        '\t',
        '#',
        '//',
        '# @name ',
        '@',
        'v = ',
        '{{',
        '}}',
        '{{$uuid}}',
        '{{host}}',
        'GET ',
        'post ',
        'WEBSOCKET ',
        'https://api.qredo.network/qapi/v1',
        'http://127.0.0.1:8002/qapi/v1',
        '/balance',
        '?a=1',
        '&b=2',
        ' HTTP/1.1',
        'Host: ',
        'qredo-api-sig: ',
        'Content-Type: application/x-www-form-urlencoded',
        ': ',
        '{}',
        '< ./f.json',
        '> {%',
        '%}',
        '>> out',
        '<> ref',
        'client.global.set("x", response.body.a)',
        '{{a.response.body.$.b}}',
        '# @playground-capture x $.y',
        '# @playground-demo-key full',
        '\uFEFF',
        'é',
        '😀',
      ),
      fc.string({ maxLength: 5 }),
    );
    const env = fc.option(fc.constantFrom('{"e":{"host":"https://api.qredo.network"}}', '{"e":{"a":{}}}', '[]', '{'), {
      nil: undefined,
    });
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((a) => a.join('')),
        env,
        onlyImportErrors,
      ),
      { numRuns: 3000 },
    );
  });
});

describe('Partner API requests in a .http file', () => {
  const collection = collectionOf([
    savedRequest({ name: 'Assets', scheme: 'partner', path: '/assets', environment: 'sandbox', freshness: 'nonce' }),
  ]);

  it('are written at the Partner API base, so that other tools send them there', () => {
    const { text, notes } = printHttpFile(collection, bases, PARTNER_BASES);
    expect(notes).toEqual([]);
    expect(text).toContain('GET https://sandbox-api.qredo.network/api/v1/p/assets\n');
    expect(text).toContain('# @playground-scheme partner\n');
    expect(text).toContain('# @playground-freshness nonce\n');
  });

  it('are read back as Partner API requests, from the URL alone when nothing else says so', () => {
    const { request, notes } = only('GET https://sandbox-api.qredo.network/api/v1/p/assets?page=2\n', {
      partnerBases: PARTNER_BASES,
    });
    expect(notes).toEqual([]);
    expect(request).toMatchObject({ scheme: 'partner', environment: 'sandbox', path: '/assets?page=2' });
    // The same URL with only v1's bases known is outside every base.
    const v1Only = only('GET https://sandbox-api.qredo.network/api/v1/p/assets\n');
    expect(v1Only.request.environment).toBeNull();
    expect(v1Only.request).not.toHaveProperty('scheme');
  });

  it('keep a v1 URL for v1 when both APIs share a host, and say so when a field is not one', () => {
    const { request } = only('GET https://sandbox-api.qredo.network/qapi/v1/balance\n', {
      partnerBases: PARTNER_BASES,
    });
    expect(request).not.toHaveProperty('scheme');
    expect(request.environment).toBe('sandbox');
    const odd = only('# @playground-scheme v3\n# @playground-partner-key nobody\nGET /x\n');
    expect(odd.request).not.toHaveProperty('scheme');
    expect(odd.notes.join(' ')).toMatch(/"v3" is not an API of the playground/);
    expect(odd.notes.join(' ')).toMatch(/"nobody" is not a demo partner/);
  });
});
