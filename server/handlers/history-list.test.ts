import { ifAssigned } from '../../test-support/assigned.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_TRANSACTION_BODY } from '../../core/catalogue.ts';
import { HistoryList } from '../../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';

let p: TestPlayground;
afterEach(async () => ifAssigned(p)?.close());

describe('GET /api/history with search tokens', () => {
  it('finds exactly the matching entries, a demo key by its name, and refuses a token it cannot read', async () => {
    p = await startTestPlayground();
    const send = async (method: string, path: string, demoKey: string, body: string | null = null) =>
      (await p.call('POST', '/api/send', { body: { environment: 'mock', method, path, body, demoKey } })).json as {
        id: number;
        response: { status: number } | null;
      };
    const forbidden = await send('POST', '/transaction', 'read-only', EXAMPLE_TRANSACTION_BODY);
    const balance = await send('GET', '/balance', 'read-only');
    const funds = await send('GET', '/funds', 'balance-only');
    expect([forbidden, balance, funds].map((s) => s.response?.status)).toEqual([403, 200, 403]);

    const ids = async (q: string) => {
      const answer = await p.call('GET', `/api/history?${new URLSearchParams({ q })}`);
      expect(answer.status).toBe(200);
      return HistoryList.parse(answer.json).entries.map((e) => e.id);
    };
    expect(await ids('status:403 method:POST')).toEqual([forbidden.id]);
    expect(await ids('status:403')).toEqual([funds.id, forbidden.id]);
    expect(await ids('key:read-only')).toEqual([balance.id, forbidden.id]);
    expect(await ids('key:read-only path:/balance')).toEqual([balance.id]);
    expect(await ids('env:mock path:/funds status:4xx')).toEqual([funds.id]);
    expect(await ids('env:sandbox')).toEqual([]);

    const refused = await p.call('GET', `/api/history?${new URLSearchParams({ q: 'status:abc' })}`);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('invalid-query');
    expect(refused.json.error.message).toContain('status:abc is not a status');
  });
});
