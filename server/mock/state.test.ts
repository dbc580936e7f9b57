import { afterEach, describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../core/signing/index.ts';
import { DEFAULT_SEED, buildDataset } from './data.ts';
import { type MockServer, startMockServer } from './server.ts';
import { signedRequest } from '../../test-support/mock-client.ts';
import { seededTransactionIds } from './transactions.ts';

const NOW = 1_700_000_000_000;
const TX =
  '{"from":"0x84CE2138E54b1852689132FD73dDC4D3973a44B8","to":"0x000000000000000000000000000000000000dEaD","value":"100","gasLimit":"21000","gasPrice":"2100","chainID":"1"}';

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(seed?: number): Promise<MockServer> {
  const s = await startMockServer({ port: 0, now: () => NOW, ...(seed === undefined ? {} : { seed }) });
  servers.push(s);
  return s;
}

const call = (s: MockServer, method: string, path: string, body: string | null = null) =>
  signedRequest(s.port, 'full', method, path, { timestamp: formatTimestamp(NOW), body });

describe('seed', () => {
  it('gives the same data for the same seed, and other data for another', async () => {
    expect(JSON.stringify(buildDataset(7))).toBe(JSON.stringify(buildDataset(7)));
    expect(JSON.stringify(buildDataset(7))).not.toBe(JSON.stringify(buildDataset(8)));
    const [a, b, c] = await Promise.all([start(7), start(7), start(8)]);
    expect(a.seed).toBe(7);
    const funds = async (s: MockServer) => (await call(s, 'GET', '/funds')).json;
    expect(await funds(a)).toEqual(await funds(b));
    expect((await funds(a)).funds[0].fundID).not.toBe((await funds(c)).funds[0].fundID);
    // The names and the shape stay; only the invented values move.
    expect((await funds(c)).funds.map((f: { name: string }) => f.name)).toEqual(
      (await funds(a)).funds.map((f: { name: string }) => f.name),
    );
  });

  it('defaults to seed 0, the data the documentation shows', async () => {
    const s = await start();
    expect(s.seed).toBe(DEFAULT_SEED);
    expect(seededTransactionIds(buildDataset().accounts.organization)).toEqual({
      approved: '2XPjRUYylDniFjPfLmnvrn8oflW',
      waiting: '2XY5W5i9W4VCN5Sg7lZQmcbdWW3',
    });
    expect((await call(s, 'GET', '/transactions/2XPjRUYylDniFjPfLmnvrn8oflW/status')).status).toBe(200);
  });

  it('refuses a seed outside 0 to 2^32 − 1', () => {
    expect(() => buildDataset(-1)).toThrow(/seed must be an integer/);
    expect(() => buildDataset(1.5)).toThrow(/seed must be an integer/);
  });
});

describe('reset()', () => {
  it('forgets created transactions, keeps the seeded ones, and starts the same way again', async () => {
    const s = await start();
    const first = await call(s, 'POST', '/transaction', TX);
    expect(first.status).toBe(200);
    const second = await call(s, 'POST', '/transaction', TX);
    expect(second.json.nonce).toBe('44');
    s.reset();
    expect((await call(s, 'GET', `/transactions/${first.json.txID}/status`)).status).toBe(404);
    expect((await call(s, 'GET', '/transactions/2XY5W5i9W4VCN5Sg7lZQmcbdWW3/status')).json.status).toBe('pending');
    const again = await call(s, 'POST', '/transaction', TX);
    expect(again.json).toEqual(first.json);
  });
});
