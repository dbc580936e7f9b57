import { afterEach, describe, expect, it } from 'vitest';
import { ifAssigned } from '../../test-support/assigned.ts';
import { EXAMPLE_TRANSACTION_BODY } from '../../core/catalogue.ts';
import { ResponseIdsAnswer } from '../../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';

let p: TestPlayground;
afterEach(async () => ifAssigned(p)?.close());

describe('GET /api/response-ids', () => {
  it("names the IDs of an environment's latest responses, newest first, with the entry each came from", async () => {
    p = await startTestPlayground();
    const send = async (method: string, path: string, body: string | null = null) =>
      (await p.call('POST', '/api/send', { body: { environment: 'mock', method, path, body, demoKey: 'full' } }))
        .json as { id: number; response: { status: number; body: string } };
    const funds = await send('GET', '/funds');
    const tx = await send('POST', '/transaction', EXAMPLE_TRANSACTION_BODY);
    expect([funds.response.status, tx.response.status]).toEqual([200, 200]);
    const txID = (JSON.parse(tx.response.body) as { txID: string }).txID;

    const answer = await p.call('GET', '/api/response-ids?environment=mock');
    expect(answer.status).toBe(200);
    const { ids } = ResponseIdsAnswer.parse(answer.json);
    expect(ids[0]).toEqual({ key: 'txID', value: txID, entryId: tx.id, method: 'POST', path: '/transaction' });
    const fundIds = ids.filter((i) => i.key === 'fundID');
    expect(fundIds.length).toBeGreaterThan(0);
    expect(fundIds.every((i) => i.entryId === funds.id && funds.response.body.includes(i.value))).toBe(true);

    // Another environment's responses are not this one's.
    const sandbox = ResponseIdsAnswer.parse((await p.call('GET', '/api/response-ids?environment=sandbox')).json);
    expect(sandbox.ids).toEqual([]);
  });

  it('refuses an environment it does not know, or another parameter', async () => {
    p = await startTestPlayground();
    for (const query of ['', '?environment=moon', '?environment=mock&limit=5']) {
      const r = await p.call('GET', `/api/response-ids${query}`);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('invalid-query');
    }
  });
});
