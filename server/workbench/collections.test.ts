import { ifAssigned } from '../../test-support/assigned.ts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CollectionDetail,
  HistoryList,
  SavedRequestSearch,
  StoredRequest,
  type SavedRequest,
  type TreeItem,
} from '../../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../../test-support/playground.ts';

let p: TestPlayground;
afterEach(async () => ifAssigned(p)?.close());

const saved = (name: string, over: Partial<SavedRequest> = {}): SavedRequest => ({
  type: 'request',
  name,
  method: 'GET',
  path: '/balance',
  headers: [],
  body: null,
  environment: 'mock',
  captures: [],
  ...over,
});

async function collection(name: string): Promise<number> {
  const r = await p.call('POST', '/api/collections', { body: { name } });
  expect(r.status).toBe(201);
  return r.json.id as number;
}

async function add(collectionId: number, item: unknown, place: Record<string, unknown> = {}): Promise<number> {
  const r = await p.call('POST', `/api/collections/${collectionId}/items`, { body: { item, ...place } });
  expect(r.status, r.text).toBe(201);
  return r.json.id as number;
}

const folder = (name: string) => ({ type: 'folder', name });

/** The tree as nested names: "name" for a request, ["name", [...]] for a folder. */
function shape(items: TreeItem[]): unknown[] {
  return items.map((i) => (i.type === 'folder' ? [i.name, shape(i.items)] : i.name));
}

async function tree(id: number): Promise<unknown[]> {
  const r = await p.call('GET', `/api/collections/${id}`);
  expect(r.status).toBe(200);
  const detail = CollectionDetail.parse(r.json);
  // Positions are dense among siblings at every level.
  const dense = (items: TreeItem[]): void => {
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n));
    for (const i of items) if (i.type === 'folder') dense(i.items);
  };
  dense(detail.items);
  return shape(detail.items);
}

describe('collections', () => {
  it('create, list, rename, set variables, delete; names are unique whatever their case', async () => {
    p = await startTestPlayground();
    const a = await collection('Qredo flows');
    await collection('Another');
    expect((await p.call('GET', '/api/collections')).json.collections.map((c: { name: string }) => c.name)).toEqual([
      'Another',
      'Qredo flows',
    ]);
    const clash = await p.call('POST', '/api/collections', { body: { name: 'QREDO FLOWS' } });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('name-taken');

    const renamed = await p.call('PATCH', `/api/collections/${a}`, {
      body: { name: 'Transactions', variables: [{ name: 'tx_id', value: 'TX-1' }] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.name).toBe('Transactions');
    const detail = CollectionDetail.parse((await p.call('GET', `/api/collections/${a}`)).json);
    expect(detail.variables).toEqual([{ name: 'tx_id', value: 'TX-1' }]);

    const empty = await p.call('PATCH', `/api/collections/${a}`, { body: {} });
    expect(empty.status).toBe(400);
    const badVar = await p.call('PATCH', `/api/collections/${a}`, {
      body: { variables: [{ name: 'has space', value: '' }] },
    });
    expect(badVar.status).toBe(400);
    expect(badVar.json.error.message).toMatch(/variable name starts with a letter/);

    await add(a, saved('Balance'));
    const gone = await p.call('DELETE', `/api/collections/${a}`);
    expect(gone.json).toEqual({ ok: true, deleted: 1 });
    expect((await p.call('GET', `/api/collections/${a}`)).status).toBe(404);
    expect((await p.call('GET', '/api/collections/abc')).status).toBe(400);
  });

  it('keeps folders and saved requests in order, with a place for each', async () => {
    p = await startTestPlayground();
    const c = await collection('Tree');
    const funds = await add(c, folder('Funds'));
    await add(c, saved('Balance'), { position: 0 });
    await add(c, saved('Fund list', { path: '/funds' }), { folderId: funds });
    const wallets = await add(c, folder('Wallets'), { folderId: funds });
    await add(c, saved('Wallets of fund', { path: '/funds/{{fund_id}}/wallets' }), { folderId: wallets });
    await add(c, saved('First in funds'), { folderId: funds, position: 0 });
    expect(await tree(c)).toEqual([
      'Balance',
      ['Funds', ['First in funds', 'Fund list', ['Wallets', ['Wallets of fund']]]],
    ]);
    const summary = (await p.call('GET', '/api/collections')).json.collections[0];
    expect(summary).toMatchObject({ name: 'Tree', requests: 4, folders: 2 });

    // A folder of another collection is not a place in this one.
    const other = await collection('Other');
    const wrong = await p.call('POST', `/api/collections/${other}/items`, {
      body: { item: saved('x'), folderId: funds },
    });
    expect(wrong.status).toBe(404);
    // Saved requests are core/workbench's SavedRequest: a header the playground computes is refused.
    const bad = await p.call('POST', `/api/collections/${c}/items`, {
      body: { item: saved('Signed by hand', { headers: [{ name: 'qredo-api-sig', value: 'x' }] }) },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/computed by the playground/);
  });

  it('renames, updates, duplicates and deletes folders and saved requests', async () => {
    p = await startTestPlayground();
    const c = await collection('Edits');
    const f = await add(c, folder('Funds'));
    const r = await add(c, saved('Fund list', { path: '/funds' }), { folderId: f });
    await add(c, saved('After'));

    expect((await p.call('PATCH', `/api/items/${r}`, { body: { name: 'Funds, all' } })).json.name).toBe('Funds, all');
    const updated = await p.call('PUT', `/api/saved-requests/${r}`, {
      body: saved('Funds, archived', {
        path: '/funds?archived=true',
        captures: [{ variable: 'fund_id', from: 'body', path: '$.funds[0].id' }],
      }),
    });
    expect(updated.status).toBe(200);
    const got = StoredRequest.parse((await p.call('GET', `/api/saved-requests/${r}`)).json);
    expect(got).toMatchObject({ name: 'Funds, archived', path: '/funds?archived=true', folderId: f, position: 0 });
    expect(got.captures).toHaveLength(1);
    expect((await p.call('GET', `/api/saved-requests/${f}`)).status).toBe(404);

    const copy = await p.call('POST', `/api/items/${f}/duplicate`, { body: {} });
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ type: 'folder', name: 'Funds (copy)', position: 1 });
    const named = await p.call('POST', `/api/items/${r}/duplicate`, { body: { name: 'Second' } });
    expect(named.json).toMatchObject({ name: 'Second', folderId: f, position: 1 });
    expect(await tree(c)).toEqual([
      ['Funds', ['Funds, archived', 'Second']],
      ['Funds (copy)', ['Funds, archived']],
      'After',
    ]);

    const deleted = await p.call('DELETE', `/api/items/${f}`);
    expect(deleted.json).toEqual({ ok: true, deleted: 3 });
    expect(await tree(c)).toEqual([['Funds (copy)', ['Funds, archived']], 'After']);
    expect((await p.call('GET', `/api/saved-requests/${r}`)).status).toBe(404);
  });

  it('moves items between folders and collections, keeping the order dense', async () => {
    p = await startTestPlayground();
    const a = await collection('A');
    const b = await collection('B');
    const [r1, r2, r3] = [await add(a, saved('one')), await add(a, saved('two')), await add(a, saved('three'))];
    const f = await add(a, folder('F'));
    const inner = await add(a, folder('Inner'), { folderId: f });
    await add(a, saved('deep'), { folderId: inner });

    const move = (id: number, body: unknown) => p.call('POST', `/api/items/${id}/move`, { body });
    expect((await move(r3, { folderId: null, position: 0 })).json.position).toBe(0);
    expect(await tree(a)).toEqual(['three', 'one', 'two', ['F', [['Inner', ['deep']]]]]);
    expect((await move(r3, { folderId: null, position: 99 })).json.position).toBe(3);
    expect(await tree(a)).toEqual(['one', 'two', ['F', [['Inner', ['deep']]]], 'three']);
    await move(r1, { folderId: inner, position: 0 });
    expect(await tree(a)).toEqual(['two', ['F', [['Inner', ['one', 'deep']]]], 'three']);

    // A folder cannot go inside itself.
    const loop = await move(f, { folderId: inner });
    expect(loop.status).toBe(400);
    expect(loop.json.error.message).toMatch(/into itself/);

    // To another collection, with everything inside.
    const moved = await move(f, { collectionId: b, folderId: null });
    expect(moved.json).toMatchObject({ collectionId: b, folderId: null, position: 0 });
    expect(await tree(a)).toEqual(['two', 'three']);
    expect(await tree(b)).toEqual([['F', [['Inner', ['one', 'deep']]]]]);
    expect(StoredRequest.parse((await p.call('GET', `/api/saved-requests/${r1}`)).json).collectionId).toBe(b);
    await move(r2, { collectionId: b, folderId: f, position: 0 });
    expect(await tree(b)).toEqual([['F', ['two', ['Inner', ['one', 'deep']]]]]);
    expect(
      (await p.call('GET', '/api/collections')).json.collections.map((c: { requests: number }) => c.requests),
    ).toEqual([1, 3]);
    expect((await move(r2, { collectionId: 999, folderId: null })).status).toBe(404);
  });

  it("keeps to the collection format's limits, so that every collection can be exported and read back", async () => {
    p = await startTestPlayground();
    const c = await collection('Deep');
    let parent: number | null = null;
    const chain: number[] = [];
    for (let depth = 1; depth <= 32; depth++) {
      parent = await add(c, folder(`level ${depth}`), parent === null ? {} : { folderId: parent });
      chain.push(parent);
    }
    const tooDeep = await p.call('POST', `/api/collections/${c}/items`, {
      body: { item: folder('33'), folderId: parent },
    });
    expect(tooDeep.status).toBe(409);
    expect(tooDeep.json.error.message).toMatch(/nested at most 32 deep/);
    // A folder with a folder inside cannot move under the 31st level either.
    const pair = await add(c, folder('pair'));
    await add(c, folder('inner'), { folderId: pair });
    const move = await p.call('POST', `/api/items/${pair}/move`, { body: { folderId: chain[30] } });
    expect(move.status).toBe(409);
    expect((await p.call('POST', `/api/items/${pair}/move`, { body: { folderId: chain[29] } })).status).toBe(200);
    const exported = await p.call('GET', `/api/collections/${c}/export?format=json`);
    const back = await p.call('POST', '/api/import', { body: { text: exported.json.text, collection: 'Deep again' } });
    expect(back.status, back.text).toBe(201);
    expect(back.json.collection).toMatchObject({ folders: 34 });
  });

  it('duplicates a whole collection, variables included', async () => {
    p = await startTestPlayground();
    const c = await collection('Original');
    await p.call('PATCH', `/api/collections/${c}`, { body: { variables: [{ name: 'fund_id', value: 'F1' }] } });
    const f = await add(c, folder('Funds'));
    await add(c, saved('Fund', { path: '/funds/{{fund_id}}' }), { folderId: f });
    const copy = await p.call('POST', `/api/collections/${c}/duplicate`, { body: {} });
    expect(copy.status).toBe(201);
    expect(copy.json).toMatchObject({ name: 'Original (copy)', requests: 1, folders: 1 });
    const detail = CollectionDetail.parse((await p.call('GET', `/api/collections/${copy.json.id}`)).json);
    expect(detail.variables).toEqual([{ name: 'fund_id', value: 'F1' }]);
    expect(shape(detail.items)).toEqual([['Funds', ['Fund']]]);
    // The copy is a copy: changing it leaves the original alone.
    await p.call('DELETE', `/api/items/${(detail.items[0] as { id: number }).id}`);
    expect(await tree(c)).toEqual([['Funds', ['Fund']]]);
    expect((await p.call('POST', `/api/collections/${c}/duplicate`, { body: { name: 'original' } })).status).toBe(409);
  });

  it('searches saved requests by name, method and path across 1,200 of them', async () => {
    p = await startTestPlayground();
    // Through the import route: 1,200 requests in one file.
    const lines: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const method = i % 4 === 0 ? 'POST' : 'GET';
      lines.push(`### Request ${i}`, `${method} http://127.0.0.1:8002/qapi/v1/funds/${i}/wallets`, '');
    }
    const imported = await p.call('POST', '/api/import', {
      body: { text: lines.join('\n'), format: 'http', collection: 'Big' },
    });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json.collection.requests).toBe(1200);
    const small = await collection('Small');
    const f = await add(small, folder('Outer'));
    const g = await add(small, folder('Inner'), { folderId: f });
    await add(small, saved('Wallet balance', { path: '/funds/77/wallets' }), { folderId: g });

    const search = async (query: Record<string, string | number>) => {
      const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const r = await p.call('GET', `/api/saved-requests?${params}`);
      expect(r.status, r.text).toBe(200);
      return SavedRequestSearch.parse(r.json);
    };
    expect((await search({ q: 'request 11' })).total).toBe(111); // 11, 110-119, 1100-1199
    expect((await search({ q: '/funds/77/' })).results.map((r) => `${r.collectionName}: ${r.name}`)).toEqual([
      'Big: Request 77',
      'Small: Wallet balance',
    ]);
    expect((await search({ q: 'WALLET BAL' })).results[0]).toMatchObject({
      folders: ['Outer', 'Inner'],
      name: 'Wallet balance',
    });
    expect((await search({ method: 'POST' })).total).toBe(300);
    expect((await search({ method: 'POST', q: 'post /funds/4/' })).results.map((r) => r.name)).toEqual(['Request 4']);
    expect((await search({ collectionId: small })).total).toBe(1);
    const page = await search({ q: 'wallets', limit: 50, offset: 1150 });
    expect(page.results).toHaveLength(50);
    expect(page.total).toBe(1201);
    expect((await p.call('GET', '/api/saved-requests?q=%0A')).status).toBe(400);
    expect((await p.call('GET', '/api/saved-requests?nope=1')).status).toBe(400);
  });

  it('links history entries to the saved request that produced them', async () => {
    p = await startTestPlayground();
    const c = await collection('Linked');
    const r = await add(c, saved('Balance'));
    const other = await add(c, saved('Funds', { path: '/funds' }));
    const send = (body: Record<string, unknown>) =>
      p.call('POST', '/api/send', {
        body: { environment: 'mock', method: 'GET', path: '/balance', body: null, ...body },
      });

    const first = await send({ savedRequestId: r });
    expect(first.status).toBe(200);
    expect(first.json.savedRequestId).toBe(r);
    await send({});
    await send({ savedRequestId: other, path: '/funds' });
    const resent = await p.call('POST', `/api/history/${first.json.id}/resend`, { body: {} });
    expect(resent.json.savedRequestId).toBe(r);

    const list = HistoryList.parse((await p.call('GET', `/api/saved-requests/${r}/history`)).json);
    expect(list.entries.map((e) => e.id)).toEqual([resent.json.id, first.json.id]);
    expect(list.entries.every((e) => e.savedRequestId === r)).toBe(true);
    expect((await p.call('GET', `/api/history/${first.json.id}`)).json.savedRequestId).toBe(r);
    const all = HistoryList.parse((await p.call('GET', '/api/history')).json);
    expect(all.entries.filter((e) => e.savedRequestId === undefined)).toHaveLength(1);

    // An id that names no saved request is refused before anything is sent.
    const count = all.total;
    const stale = await send({ savedRequestId: 999_999 });
    expect(stale.status).toBe(400);
    expect(stale.json.error.code).toBe('bad-saved-request');
    expect(HistoryList.parse((await p.call('GET', '/api/history')).json).total).toBe(count);

    // Deleting the saved request leaves the history (the record of what was sent) as it was.
    await p.call('DELETE', `/api/items/${r}`);
    expect((await p.call('GET', `/api/saved-requests/${r}/history`)).status).toBe(404);
    expect((await p.call('GET', `/api/history/${first.json.id}`)).json.savedRequestId).toBe(r);
  });

  it('refuses a saved request or a collection variable that holds a configured secret', async () => {
    const key = '$2a$10$CollectionTestSecretForThePlaygroundOnly.0123456789ab';
    const secret = Buffer.from(key).toString('base64');
    p = await startTestPlayground({
      env: { QREDO_SANDBOX_API_KEY: 'collectionKey1', QREDO_SANDBOX_API_SECRET: secret },
    });
    const c = await collection('Careful');
    for (const item of [
      saved('body', { body: `{"secret":"${secret}"}` }),
      saved('header', { headers: [{ name: 'X-Note', value: key }] }),
      saved('path', { path: `/balance?k=${Buffer.from(key).toString('hex')}` }),
    ]) {
      const r = await p.call('POST', `/api/collections/${c}/items`, { body: { item } });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('secret-refused');
      expect(r.json.error.message).toMatch(/not for secrets/);
    }
    const v = await p.call('PATCH', `/api/collections/${c}`, { body: { variables: [{ name: 'k', value: secret }] } });
    expect(v.status).toBe(400);
    expect(v.json.error.message).toMatch(/variables\.0\.value/);
    expect(p.answers.join('\n')).not.toContain(secret);
    expect(CollectionDetail.parse((await p.call('GET', `/api/collections/${c}`)).json).items).toEqual([]);
  });
});
