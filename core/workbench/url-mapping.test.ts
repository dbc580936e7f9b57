import { describe, expect, it } from 'vitest';
import { mapUrlToEnvironment } from './url-mapping.ts';

const bases = {
  mock: 'http://127.0.0.1:8002/qapi/v1',
  sandbox: 'https://sandbox-api.qredo.network/qapi/v1',
  production: 'https://api.qredo.network/qapi/v1/',
};
const vars: Record<string, string> = {
  host: 'https://sandbox-api.qredo.network',
  base: '{{host}}/qapi/v1',
  full: 'https://api.qredo.network/qapi/v1/balance',
  loop: '{{loop}}',
  port: '8002',
};
const lookup = (n: string) => vars[n];
const map = (url: string) => mapUrlToEnvironment(url, lookup, bases);

describe('mapUrlToEnvironment', () => {
  it.each([
    ['https://api.qredo.network/qapi/v1/balance', 'production', '/balance'],
    ['HTTPS://API.QREDO.NETWORK/qapi/v1/funds?archived=true', 'production', '/funds?archived=true'],
    ['{{host}}/qapi/v1/transactions/{{tx_id}}/status', 'sandbox', '/transactions/{{tx_id}}/status'],
    ['{{base}}/funds/{{fund}}', 'sandbox', '/funds/{{fund}}'],
    ['http://127.0.0.1:{{port}}/qapi/v1/balance', 'mock', '/balance'],
    ['127.0.0.1:8002/qapi/v1/balance', 'mock', '/balance'],
    ['https://api.qredo.network/qapi/v1?x=1', 'production', '?x=1'],
  ])('%s → %s %s', (url, environment, path) => {
    expect(map(url)).toMatchObject({ environment, path });
  });

  it('a base ending inside a variable makes the rest of its value literal, with a note', () => {
    const r = map('{{full}}?x={{y}}');
    expect(r).toMatchObject({ environment: 'production', path: '/balance?x={{y}}' });
    expect(r.notes.join(' ')).toMatch(/came from \{\{full\}\}/);
  });

  it('does not match a base that is only a prefix of a longer path segment', () => {
    expect(map('https://api.qredo.network/qapi/v10/balance')).toMatchObject({
      environment: null,
      path: '/qapi/v10/balance',
    });
  });

  it('outside every base: the path after the origin (and /qapi/v1), with the note', () => {
    const r = map('http://localhost:3000/api/v1/apikey');
    expect(r).toMatchObject({ environment: null, path: '/api/v1/apikey' });
    expect(r.notes[0]).toBe(
      "http://localhost:3000/api/v1/apikey is outside every environment's base: choose one before sending.",
    );
    expect(map('https://qredo.example/qapi/v1/balance')).toMatchObject({ environment: null, path: '/balance' });
    expect(map('{{loop}}/qapi/v1/x')).toMatchObject({ environment: null, path: '{{loop}}/qapi/v1/x' });
    expect(map('{{$host}}/x').environment).toBeNull();
  });

  it('removes a fragment and flags a path that cannot be sent as it is', () => {
    const r = map('https://api.qredo.network/qapi/v1/balance#top');
    expect(r.path).toBe('/balance');
    expect(r.notes.join(' ')).toMatch(/fragment #top was removed/);
    expect(map('https://api.qredo.network/qapi/v1/a/../b').notes.join(' ')).toMatch(/needs attention/);
    expect(map('https://api.qredo.network/qapi/v1/funds/{{ fund }}').notes).toEqual([]);
  });
});
