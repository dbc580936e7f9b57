import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../core/contract.ts';
import { curlToDraft, headerFate } from './curl-to-draft.ts';

const MOCK = 'http://127.0.0.1:8091/qapi/v1';
const ENVS: { name: Environment; baseUrl: string }[] = [
  { name: 'mock', baseUrl: MOCK },
  { name: 'sandbox', baseUrl: 'http://127.0.0.1:8092/qapi/v1' },
  { name: 'production', baseUrl: 'https://api.qredo.network/qapi/v1' },
];

describe('curlToDraft', () => {
  it('reads a Chrome "copy as cURL" for /balance, and says what it drops and why', () => {
    const chrome = `curl 'https://api.qredo.network/qapi/v1/balance' \\
  -H 'accept: application/json' \\
  -H 'accept-language: en-GB,en;q=0.9' \\
  -H 'qredo-api-key: P15GkHVm8aEWC-' \\
  -H 'qredo-api-ts: 1700000000' \\
  -H 'qredo-api-sig: abc' \\
  -H 'X-Request-Id: 42' \\
  --compressed`;
    const r = curlToDraft(chrome, ENVS);
    expect(r).toMatchObject({ ok: true, method: 'GET', path: '/balance', body: null, bodyBytes: 0 });
    if (!r.ok) return;
    expect(r.host).toEqual({ environment: 'production', host: 'api.qredo.network', known: 'configured' });
    // Custom headers go into the composer exactly as pasted; the signing headers are made again.
    expect(r.headers).toEqual([
      { name: 'accept', value: 'application/json' },
      { name: 'accept-language', value: 'en-GB,en;q=0.9' },
      { name: 'X-Request-Id', value: '42' },
    ]);
    expect(r.keptHeaders).toEqual(['accept: application/json', 'accept-language: en-GB,en;q=0.9', 'X-Request-Id: 42']);
    expect(r.dropped.map((d) => d.what)).toEqual([
      'qredo-api-key: P15GkHVm8aEWC-',
      'qredo-api-ts: 1700000000',
      'qredo-api-sig: abc',
    ]);
    expect(r.dropped[0]!.why).toMatch(/signed again/);
    expect(r.notes.join(' ')).toMatch(/--compressed/);
  });

  it('keeps the body exactly and the query, and maps the mock by its configured base', () => {
    const cmd = `curl -X POST "${MOCK}/transaction?x=1" -H "Content-Type: application/json" --data-raw '{"a": 1,\n "b":"ü"}'`;
    const r = curlToDraft(cmd, ENVS);
    expect(r).toMatchObject({
      ok: true,
      method: 'POST',
      path: '/transaction?x=1',
      body: '{"a": 1,\n "b":"ü"}',
      bodyBytes: 19,
      keptHeaders: ['Content-Type: application/json'],
      host: { environment: 'mock', host: '127.0.0.1:8091', known: 'configured' },
    });
  });

  it('maps Qredo’s public sandbox, and names an unknown host without choosing for the person', () => {
    const sandbox = curlToDraft('curl https://sandbox-api.qredo.network/qapi/v1/funds', ENVS);
    expect(sandbox).toMatchObject({
      ok: true,
      host: { environment: 'sandbox', host: 'sandbox-api.qredo.network', known: 'public' },
    });
    const unknown = curlToDraft('curl http://10.0.0.7:9000/qapi/v1/account', ENVS);
    expect(unknown).toMatchObject({ ok: true, path: '/account', host: { environment: null, host: '10.0.0.7:9000' } });
  });

  it('refuses @file, other hosts and empty input with a message', () => {
    const file = curlToDraft(`curl -X POST ${MOCK}/transaction -d @body.json`, ENVS);
    expect(file).toMatchObject({ ok: false, error: expect.stringMatching(/@/) });
    expect(curlToDraft('curl https://example.com/x', ENVS)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Qredo v1 base/),
    });
    expect(curlToDraft('  ', ENVS)).toMatchObject({ ok: false });
    expect(curlToDraft('wget x', ENVS)).toMatchObject({ ok: false });
  });
});

describe('headerFate', () => {
  it.each([
    [{ name: 'Accept', value: 'application/json' }, false, true],
    // Kept as pasted: an Accept or Content-Type in the Headers replaces the playground's own.
    [{ name: 'Accept', value: 'text/html' }, false, true],
    [{ name: 'content-type', value: 'application/json; charset=utf-8' }, true, true],
    [{ name: 'content-type', value: 'text/plain' }, true, true],
    [{ name: 'content-type', value: 'application/json' }, false, false],
    [{ name: 'X-Request-Id', value: '42' }, false, true],
    [{ name: 'Content-Length', value: '12' }, true, false],
    [{ name: 'Host', value: 'x' }, false, false],
    [{ name: 'Transfer-Encoding', value: 'chunked' }, true, false],
    [{ name: 'Connection', value: 'keep-alive' }, false, false],
    [{ name: 'accept-encoding', value: 'gzip' }, false, false],
    [{ name: 'QREDO-API-SIG', value: 'x' }, false, false],
    [{ name: 'qredo-api-sign', value: 'x' }, false, false],
    [{ name: 'Cookie', value: 'a=1' }, false, false],
    [{ name: 'Proxy-Authorization', value: 'Basic x' }, false, false],
    [{ name: 'x-note', value: 'café' }, false, false],
  ])('%j with a body %s: kept %s', (header, hasBody, kept) => {
    expect(headerFate(header, hasBody).kept).toBe(kept);
  });

  it('says why, in core/headers.ts’s words where they apply', () => {
    expect(headerFate({ name: 'Host', value: 'x' }, false)).toEqual({
      kept: false,
      why: 'written by the relay for the exact bytes it sends',
    });
    expect(headerFate({ name: 'Cookie', value: 'a' }, false)).toMatchObject({ why: /credentials/ });
    expect(headerFate({ name: 'x-note', value: 'café' }, false)).toMatchObject({ why: /outside visible ASCII/ });
  });
});
