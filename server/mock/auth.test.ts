import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../core/signing/index.ts';
import { findDemoKey } from './keys.ts';
import { type MockServer, startMockServer } from './server.ts';
import { type Answer, rawRequest } from '../../test-support/http-client.ts';
import { signHeaders, signedRequest } from '../../test-support/mock-client.ts';

const NOW_MS = 1_700_000_000_000;
const TS = '1700000000';

let server: MockServer;
const clock = NOW_MS;
let port = 0;
const base = () => `http://127.0.0.1:${port}/qapi/v1`;

beforeAll(async () => {
  server = await startMockServer({ port: 0, now: () => clock });
  port = server.port;
});
afterAll(() => server.close());

function expectError(res: Answer, status: number, reason: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.json.code).toBe(status);
  expect(typeof res.json.msg).toBe('string');
  expect(res.json.detail.reason).toMatch(reason);
}

describe('authentication: genuine requests', () => {
  it('baseUrl names loopback, the port and /qapi/v1', () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${port}/qapi/v1`);
  });

  it('accepts a request signed with a seconds timestamp', async () => {
    const res = await signedRequest(port, 'full', 'GET', '/balance', { timestamp: TS });
    expect(res.status).toBe(200);
    expect(res.json.assets['BTC-TESTNET'].scale).toBe(100_000_000);
  });

  it('accepts a nanosecond (19-digit) timestamp', async () => {
    const res = await signedRequest(port, 'full', 'GET', '/balance', { timestamp: '1700000000123456789' });
    expect(res.status).toBe(200);
  });

  it('accepts timestamps at the edge of the window and refuses one second past it', async () => {
    expect((await signedRequest(port, 'full', 'GET', '/balance', { timestamp: '1699999700' })).status).toBe(200);
    expect((await signedRequest(port, 'full', 'GET', '/balance', { timestamp: '1700000300' })).status).toBe(200);
    expectError(
      await signedRequest(port, 'full', 'GET', '/balance', { timestamp: '1699999699' }),
      401,
      /timestamp expired.*301 s behind/,
    );
  });

  it('answers a path outside /qapi/v1 with a JSON 404 and no authentication', async () => {
    expectError(await rawRequest({ port, method: 'GET', target: '/balance' }), 404, /only under \/qapi\/v1/);
  });
});

describe('authentication: each tampered element is refused with its reason', () => {
  const url = (target: string, host = `127.0.0.1:${port}`) => `http://${host}/qapi/v1${target}`;

  it('timestamp header changed after signing', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    headers[HEADER_TIMESTAMP] = '1700000001';
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }), 401, /signature/);
  });

  it('method changed (signed GET, sent POST)', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    expectError(
      await rawRequest({ port, method: 'POST', target: '/qapi/v1/balance', headers }),
      401,
      /signature mismatch/,
    );
  });

  it('method case changed (signed "get")', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'get', url: url('/balance'), body: null });
    expectError(
      await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }),
      401,
      /signature mismatch/,
    );
  });

  it('host changed (signed localhost, sent with Host 127.0.0.1)', async () => {
    const headers = await signHeaders('full', {
      timestamp: TS,
      method: 'GET',
      url: url('/balance', `localhost:${port}`),
      body: null,
    });
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }), 401, /signature/);
  });

  it('port changed', async () => {
    const headers = await signHeaders('full', {
      timestamp: TS,
      method: 'GET',
      url: url('/balance', `127.0.0.1:${port + 1}`),
      body: null,
    });
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }), 401, /signature/);
  });

  it('scheme changed (signed https)', async () => {
    const headers = await signHeaders('full', {
      timestamp: TS,
      method: 'GET',
      url: `https://127.0.0.1:${port}/qapi/v1/balance`,
      body: null,
    });
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }), 401, /signature/);
  });

  it('the Host header is used exactly as sent', async () => {
    const headers = await signHeaders('full', {
      timestamp: TS,
      method: 'GET',
      url: url('/balance', `LOCALHOST:${port}`),
      body: null,
    });
    const res = await rawRequest({
      port,
      method: 'GET',
      target: '/qapi/v1/balance',
      host: `LOCALHOST:${port}`,
      headers,
    });
    expect(res.status).toBe(200);
  });

  it('path changed', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/account', headers }), 401, /signature/);
  });

  it('a double slash is not normalised away', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1//balance', headers }), 401, /signature/);
  });

  it('query changed or dropped', async () => {
    const headers = await signHeaders('full', {
      timestamp: TS,
      method: 'GET',
      url: url('/funds?archived=true'),
      body: null,
    });
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/funds', headers }), 401, /signature/);
    expectError(
      await rawRequest({ port, method: 'GET', target: '/qapi/v1/funds?archived=false', headers }),
      401,
      /signature/,
    );
    expect((await rawRequest({ port, method: 'GET', target: '/qapi/v1/funds?archived=true', headers })).status).toBe(
      200,
    );
  });

  it('one body byte changed', async () => {
    const body =
      '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"100","gasLimit":"21000"}';
    const headers = await signHeaders('full', { timestamp: TS, method: 'POST', url: url('/transaction'), body });
    const tampered = body.replace('"100"', '"900"');
    expectError(
      await rawRequest({ port, method: 'POST', target: '/qapi/v1/transaction', headers, body: tampered }),
      401,
      /signature/,
    );
  });

  it('body dropped after signing', async () => {
    const body = '{"a":1}';
    const headers = await signHeaders('full', { timestamp: TS, method: 'POST', url: url('/transaction'), body });
    expectError(await rawRequest({ port, method: 'POST', target: '/qapi/v1/transaction', headers }), 401, /signature/);
  });

  it('key id swapped for another valid key', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    headers[HEADER_KEY] = findDemoKey('read-only').keyId;
    expectError(
      await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }),
      401,
      /signature mismatch/,
    );
  });

  it('unknown key id', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    headers[HEADER_KEY] = 'AAAAAAAAAAAAAA';
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }), 401, /unknown API key/);
  });

  it('one signature character changed', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    const sig = headers[HEADER_SIGNATURE]!;
    headers[HEADER_SIGNATURE] = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expectError(
      await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }),
      401,
      /^signature mismatch/,
    );
  });

  it('a padded or standard-alphabet signature is refused with a hint', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    const sig = headers[HEADER_SIGNATURE]!;
    const padded = { ...headers, [HEADER_SIGNATURE]: `${sig}=` };
    expectError(
      await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers: padded }),
      401,
      /signature mismatch.*"=" padding/,
    );
  });

  it('stale and future timestamps, properly signed', async () => {
    expectError(
      await signedRequest(port, 'full', 'GET', '/balance', { timestamp: '1699990000' }),
      401,
      /^timestamp expired: .*10000 s behind .*±300 s/,
    );
    expectError(
      await signedRequest(port, 'full', 'GET', '/balance', { timestamp: '1700009999' }),
      401,
      /^timestamp expired: .*9999 s ahead of/,
    );
  });

  it('a millisecond timestamp is called out', async () => {
    expectError(
      await signedRequest(port, 'full', 'GET', '/balance', { timestamp: '1700000000000' }),
      401,
      /timestamp expired.*milliseconds/,
    );
  });

  it('a timestamp that is not digits', async () => {
    const headers = await signHeaders('full', {
      timestamp: '2023-11-14T22:13:20Z',
      method: 'GET',
      url: url('/balance'),
      body: null,
    });
    expectError(
      await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }),
      401,
      /invalid timestamp.*decimal digits/,
    );
  });

  for (const header of [HEADER_KEY, HEADER_TIMESTAMP, HEADER_SIGNATURE]) {
    it(`missing ${header}`, async () => {
      const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
      delete headers[header];
      expectError(
        await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers }),
        401,
        new RegExp(`^missing header "${header}"`),
      );
    });
  }

  it('no headers at all names all three', async () => {
    const res = await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance' });
    expectError(res, 401, /missing headers "qredo-api-key", "qredo-api-ts", "qredo-api-sig"/);
  });

  it('qredo-api-sign instead of qredo-api-sig', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: url('/balance'), body: null });
    const { [HEADER_SIGNATURE]: sig, ...rest } = headers;
    const res = await rawRequest({
      port,
      method: 'GET',
      target: '/qapi/v1/balance',
      headers: { ...rest, 'qredo-api-sign': sig! },
    });
    expectError(res, 401, /"qredo-api-sign".*expected header is "qredo-api-sig"/);
  });

  it('authentication comes before routing: an unknown path with a bad signature is 401, with a good one 404', async () => {
    expectError(await rawRequest({ port, method: 'GET', target: '/qapi/v1/nowhere' }), 401, /missing headers/);
    expectError(
      await signedRequest(port, 'full', 'GET', '/nowhere', { timestamp: TS }),
      404,
      /no Qredo API v1 operation/,
    );
  });
});

describe('authentication: the body is verified as raw bytes', () => {
  // CRLF line endings, a tab, and non-ASCII text (é, €, an emoji) exactly as typed.
  const body =
    '{\r\n\t"from": "0x84CE2138E54b1852689132FD73dDC4D3973a44B8",\r\n\t"to": "0x000000000000000000000000000000000000dEaD",\r\n\t"value": "100",\r\n\t"gasLimit": "21000",\r\n\t"note": "café € 🚀"\r\n}';

  it('accepts the exact bytes that were signed', async () => {
    const res = await signedRequest(port, 'full', 'POST', '/transaction', { timestamp: TS, body });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('created');
  });

  it('refuses the same JSON re-serialised after signing', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'POST', url: `${base()}/transaction`, body });
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(body));
    expectError(
      await rawRequest({ port, method: 'POST', target: '/qapi/v1/transaction', headers, body: reserialised }),
      401,
      /signature/,
    );
  });

  it('refuses the body with LF instead of CRLF', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'POST', url: `${base()}/transaction`, body });
    expectError(
      await rawRequest({
        port,
        method: 'POST',
        target: '/qapi/v1/transaction',
        headers,
        body: body.replace(/\r\n/g, '\n'),
      }),
      401,
      /signature/,
    );
  });

  it('accepts a body on a GET when it was signed (and refuses it when not)', async () => {
    const headers = await signHeaders('full', { timestamp: TS, method: 'GET', url: `${base()}/balance`, body: 'x' });
    expect((await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers, body: 'x' })).status).toBe(
      200,
    );
    const unsigned = await signHeaders('full', { timestamp: TS, method: 'GET', url: `${base()}/balance`, body: null });
    expectError(
      await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', headers: unsigned, body: 'x' }),
      401,
      /signature/,
    );
  });

  it('refuses a body over the cap with 413 before authenticating', async () => {
    const big = 'a'.repeat(1024 * 1024 + 1);
    const res = await rawRequest({ port, method: 'GET', target: '/qapi/v1/balance', body: big });
    expectError(res, 413, /larger than 1048576 bytes/);
  });
});
