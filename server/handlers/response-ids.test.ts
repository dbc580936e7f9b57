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

  it('reads each recorded response once and answers from what is recorded now (a cleared history names nothing)', async () => {
    p = await startTestPlayground();
    const send = async (method: string, path: string, body: string | null = null) =>
      (await p.call('POST', '/api/send', { body: { environment: 'mock', method, path, body, demoKey: 'full' } }))
        .json as { id: number; response: { body: string } };
    const first = await send('POST', '/transaction', EXAMPLE_TRANSACTION_BODY);
    const ids = async () =>
      ResponseIdsAnswer.parse((await p.call('GET', '/api/response-ids?environment=mock')).json).ids;
    const before = await ids();
    expect(before.map((i) => i.value)).toContain((JSON.parse(first.response.body) as { txID: string }).txID);
    // Asked again with nothing new: the same answer.
    expect(await ids()).toEqual(before);

    expect((await p.call('DELETE', '/api/history')).status).toBeLessThan(300);
    expect(await ids()).toEqual([]);
    const second = await send('POST', '/transaction', EXAMPLE_TRANSACTION_BODY);
    const after = await ids();
    const secondTx = (JSON.parse(second.response.body) as { txID: string }).txID;
    expect(after[0]).toMatchObject({ key: 'txID', value: secondTx, entryId: second.id });
    expect(after.map((i) => i.value)).not.toContain((JSON.parse(first.response.body) as { txID: string }).txID);
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
