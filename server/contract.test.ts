import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ApiOk, EnvironmentInfo, HistoryEntry, HistoryList, SessionInfo } from '../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';

// The page reads answers as the contract's types without validating them at run time, so the
// server's answers are checked against the contract here, route by route.
const SECRET = Buffer.from('$2a$10$ContractTestSecretForThePlaygroundOnly.0123456789abcdef').toString('base64');

let p: TestPlayground;
afterEach(async () => p?.close());

describe('every /api answer matches the contract', () => {
  it('session, credentials, history get/delete/clear and error bodies', async () => {
    p = await startTestPlayground();
    const parse = <T>(schema: { parse(v: unknown): T }, value: unknown) => schema.parse(value);

    const session = parse(SessionInfo, (await p.call('GET', '/api/session')).json);
    expect(session.environments.map((e) => e.name)).toEqual(['mock', 'sandbox', 'production']);

    const set = parse(
      EnvironmentInfo,
      (await p.call('PUT', '/api/credentials/sandbox', { body: { keyId: 'contractKey01', secret: SECRET } })).json,
    );
    expect(set.configured).toBe(true);
    const removed = parse(EnvironmentInfo, (await p.call('DELETE', '/api/credentials/sandbox')).json);
    expect(removed.configured).toBe(false);

    const sent = await p.call('POST', '/api/send', {
      body: { environment: 'mock', method: 'GET', path: '/balance', body: null },
    });
    const entry = parse(HistoryEntry, (await p.call('GET', `/api/history/${sent.json.id}`)).json);
    expect(entry.response?.status).toBe(200);
    parse(HistoryList, (await p.call('GET', '/api/history?limit=5')).json);
    expect(parse(ApiOk, (await p.call('DELETE', `/api/history/${entry.id}`)).json).deleted).toBe(1);
    expect(parse(ApiOk, (await p.call('DELETE', '/api/history')).json).deleted).toBe(0);

    const errors = [
      await p.call('GET', '/api/history/999'),
      await p.call('GET', '/api/nope'),
      await p.call('POST', '/api/send', { raw: '{' }),
      await p.call('POST', '/api/send', { body: {}, token: false }),
      await p.call('PUT', '/api/credentials/mock', { body: { keyId: 'k', secret: SECRET } }),
    ];
    expect(errors.map((e) => e.status)).toEqual([404, 404, 400, 401, 400]);
    for (const e of errors) expect(parse(ApiError, e.json).error.message.length).toBeGreaterThan(10);
  });
});
