import { ifAssigned } from '../test-support/assigned.ts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  ApiOk,
  CollectionDetail,
  CollectionList,
  CollectionSummary,
  EnvironmentInfo,
  EnvironmentVariables,
  ExportResponse,
  HistoryEntry,
  HistoryList,
  ImportResponse,
  PutVariablesResponse,
  PutWorkspaceResponse,
  RelayResult,
  SavedRequestSearch,
  SessionInfo,
  StoredFolder,
  StoredItem,
  StoredRequest,
  WorkspaceState,
} from '../core/contract.ts';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';

// The page reads answers as the contract's types without validating them at run time, so the
// server's answers are checked against the contract here, route by route.
const SECRET = Buffer.from('$2a$10$ContractTestSecretForThePlaygroundOnly.0123456789abcdef').toString('base64');

let p: TestPlayground;
afterEach(async () => ifAssigned(p)?.close());

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

  it('collections, saved requests, variables, workspace, import and export', async () => {
    p = await startTestPlayground();
    const parse = <T>(schema: { parse(v: unknown): T }, value: unknown) => schema.parse(value);
    const request = {
      type: 'request',
      name: 'Balance',
      method: 'GET',
      path: '/balance',
      headers: [{ name: 'Accept', value: 'application/json' }],
      body: null,
      environment: 'mock',
      demoKey: 'read-only',
      timestampUnit: 'seconds',
      captures: [{ variable: 'asset', from: 'body', path: '$.assets[0]' }],
    };

    const made = parse(CollectionSummary, (await p.call('POST', '/api/collections', { body: { name: 'C' } })).json);
    const folder = parse(
      StoredFolder,
      (await p.call('POST', `/api/collections/${made.id}/items`, { body: { item: { type: 'folder', name: 'F' } } }))
        .json,
    );
    const saved = parse(
      StoredRequest,
      (await p.call('POST', `/api/collections/${made.id}/items`, { body: { folderId: folder.id, item: request } }))
        .json,
    );
    parse(CollectionList, (await p.call('GET', '/api/collections')).json);
    parse(CollectionDetail, (await p.call('GET', `/api/collections/${made.id}`)).json);
    parse(CollectionSummary, (await p.call('PATCH', `/api/collections/${made.id}`, { body: { name: 'D' } })).json);
    parse(StoredItem, (await p.call('PATCH', `/api/items/${folder.id}`, { body: { name: 'G' } })).json);
    parse(StoredRequest, (await p.call('PUT', `/api/saved-requests/${saved.id}`, { body: request })).json);
    parse(StoredRequest, (await p.call('GET', `/api/saved-requests/${saved.id}`)).json);
    parse(StoredItem, (await p.call('POST', `/api/items/${saved.id}/move`, { body: { folderId: null } })).json);
    const copy = parse(StoredItem, (await p.call('POST', `/api/items/${saved.id}/duplicate`, { body: {} })).json);
    parse(SavedRequestSearch, (await p.call('GET', '/api/saved-requests?q=bal')).json);
    const sent = parse(
      RelayResult,
      (
        await p.call('POST', '/api/send', {
          body: { environment: 'mock', method: 'GET', path: '/balance', body: null, savedRequestId: saved.id },
        })
      ).json,
    );
    expect(sent.savedRequestId).toBe(saved.id);
    parse(HistoryList, (await p.call('GET', `/api/saved-requests/${saved.id}/history`)).json);
    parse(CollectionSummary, (await p.call('POST', `/api/collections/${made.id}/duplicate`, { body: {} })).json);
    for (const format of ['http', 'postman', 'json'])
      parse(ExportResponse, (await p.call('GET', `/api/collections/${made.id}/export?format=${format}`)).json);
    parse(ImportResponse, (await p.call('POST', '/api/import', { body: { text: 'GET /balance\nHost: x' } })).json);
    parse(
      PutVariablesResponse,
      (await p.call('PUT', '/api/variables/mock', { body: { variables: [{ name: 'a', value: '1' }] } })).json,
    );
    parse(EnvironmentVariables, (await p.call('GET', '/api/variables')).json);
    parse(WorkspaceState, (await p.call('GET', '/api/workspace')).json);
    const workspace = {
      tabs: [
        {
          id: 't1',
          title: 'Balance',
          savedRequestId: saved.id,
          draft: { environment: 'mock', method: 'GET', path: '/balance', body: '', headers: [] },
          dirty: false,
        },
      ],
      activeTabId: 't1',
    };
    parse(PutWorkspaceResponse, (await p.call('PUT', '/api/workspace', { body: { workspace } })).json);
    parse(WorkspaceState, (await p.call('GET', '/api/workspace')).json);
    expect(parse(ApiOk, (await p.call('DELETE', `/api/items/${copy.id}`)).json).deleted).toBe(1);
    expect(parse(ApiOk, (await p.call('DELETE', `/api/collections/${made.id}`)).json).deleted).toBe(2);

    const errors = [
      await p.call('GET', `/api/collections/${made.id}`),
      await p.call('GET', '/api/collections/x'),
      await p.call('POST', '/api/collections', { body: { name: 'D (copy)' } }),
      await p.call('POST', '/api/import', { body: { text: '{' } }),
      await p.call('PUT', '/api/workspace', { body: { workspace: { tabs: [], activeTabId: 'x' } } }),
      await p.call('PUT', '/api/variables/mock', { body: { variables: [{ name: 'a b', value: '' }] } }),
    ];
    expect(errors.map((e) => e.status)).toEqual([404, 400, 409, 400, 400, 400]);
    for (const e of errors) expect(parse(ApiError, e.json).error.message.length).toBeGreaterThan(10);
  });
});
