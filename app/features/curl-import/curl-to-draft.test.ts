import { describe, expect, it } from 'vitest';
import { curlToDraft } from './curl-to-draft.ts';

const MOCK = 'http://127.0.0.1:8091/qapi/v1';

describe('curlToDraft', () => {
  it('reads a Chrome "copy as cURL" for /balance', () => {
    const chrome = `curl 'https://api.qredo.network/qapi/v1/balance' \\
  -H 'accept: application/json' \\
  -H 'qredo-api-key: P15GkHVm8aEWC-' \\
  -H 'qredo-api-ts: 1700000000' \\
  -H 'qredo-api-sig: abc' \\
  --compressed`;
    expect(curlToDraft(chrome, [MOCK])).toMatchObject({ ok: true, method: 'GET', path: '/balance', body: null });
  });
  it('keeps the body exactly and the query', () => {
    const cmd = `curl -X POST "${MOCK}/transaction?x=1" -H "Content-Type: application/json" --data-raw '{"a": 1,\n "b":"ü"}'`;
    expect(curlToDraft(cmd, [MOCK])).toEqual({
      ok: true,
      method: 'POST',
      path: '/transaction?x=1',
      body: '{"a": 1,\n "b":"ü"}',
      notes: expect.any(Array),
    });
  });
  it('refuses @file, other hosts and empty input with a message', () => {
    const file = curlToDraft(`curl -X POST ${MOCK}/transaction -d @body.json`, [MOCK]);
    expect(file).toMatchObject({ ok: false, error: expect.stringMatching(/@/) });
    expect(curlToDraft('curl https://example.com/x', [MOCK])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Qredo v1 base/),
    });
    expect(curlToDraft('  ', [MOCK])).toMatchObject({ ok: false });
    expect(curlToDraft('wget x', [MOCK])).toMatchObject({ ok: false });
  });
});
