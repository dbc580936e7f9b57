import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedEvent } from '../../core/contract.ts';
import { api, ApiRequestError } from './api-client.ts';

afterEach(() => vi.unstubAllGlobals());

/** A streamed answer whose body arrives in exactly these chunks. */
function streamed(chunks: string[], status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/x-ndjson' } });
}

describe('api.feed', () => {
  it('asks for the environment’s feed and hands over one event per NDJSON line, whatever the chunks', async () => {
    const fetch = vi.fn(async () =>
      streamed([
        '{"type":"open","at":1,"environment":"mock","url":"ws://x","keyId":"k"}\n{"type":"mes',
        'sage","at":2,"raw":"{}","parsed":null}\n',
        '{"type":"closed","at":3,"message":"bye"}',
      ]),
    );
    vi.stubGlobal('fetch', fetch);
    const events: FeedEvent[] = [];
    await api.feed({ environment: 'mock', demoKey: 'full' }, (e) => events.push(e), new AbortController().signal);
    expect(events.map((e) => e.type)).toEqual(['open', 'message', 'closed']);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/feed?environment=mock&demoKey=full');
    expect((init.headers as Record<string, string>).accept).toBe('application/x-ndjson');
  });

  it('rejects with the server’s error when the stream does not start', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { error: { code: 'no-credentials', message: 'No API key is configured for sandbox.' } },
          { status: 400 },
        ),
      ),
    );
    const error = await api
      .feed({ environment: 'sandbox' }, () => undefined, new AbortController().signal)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 400, code: 'no-credentials' });
  });

  it('resolves quietly when the page aborts it', async () => {
    const controller = new AbortController();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            init.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
          },
        });
        return new Response(body);
      }),
    );
    const done = api.feed({ environment: 'mock' }, () => undefined, controller.signal);
    controller.abort();
    await expect(done).resolves.toBeUndefined();
  });
});

describe('the workbench calls', () => {
  it('name the route, the method and the query, and send the body as JSON', async () => {
    const calls: Array<{ url: string; method: string; body: unknown }> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
        return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    await api.searchSavedRequests({ q: 'get /bal', method: 'GET', limit: 20 });
    await api.exportCollection(3, 'postman');
    await api.moveItem(7, { folderId: null, position: 0 });
    await api.saveWorkspace({ workspace: { tabs: [], activeTabId: null }, baseRevision: 4 });
    await api.savedRequestHistory(9);
    expect(calls).toEqual([
      { url: '/api/saved-requests?q=get+%2Fbal&method=GET&limit=20', method: 'GET', body: undefined },
      { url: '/api/collections/3/export?format=postman', method: 'GET', body: undefined },
      { url: '/api/items/7/move', method: 'POST', body: { folderId: null, position: 0 } },
      { url: '/api/workspace', method: 'PUT', body: { workspace: { tabs: [], activeTabId: null }, baseRevision: 4 } },
      { url: '/api/saved-requests/9/history', method: 'GET', body: undefined },
    ]);
  });
});

describe('api.sendProgress and api.cancelSend', () => {
  it('ask GET /api/sends/:id and POST /api/sends/:id/cancel with the launch token path, and read 404 as an error', async () => {
    const progress = {
      sendId: 'send-abc12345',
      stage: 'receiving',
      sent: 10,
      bodyBytes: 0,
      received: 5,
      expected: 9,
      elapsedMs: 3,
    };
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify(progress), { status: 200 }))
      .mockResolvedValueOnce(new Response(JSON.stringify({ ok: true, cancelled: 'send-abc12345' }), { status: 200 }))
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ error: { code: 'not-in-flight', message: 'No send named x is in flight.' } }), {
          status: 404,
        }),
      );
    vi.stubGlobal('fetch', fetch);
    expect(await api.sendProgress('send-abc12345')).toEqual(progress);
    expect(await api.cancelSend('send-abc12345')).toEqual({ ok: true, cancelled: 'send-abc12345' });
    await expect(api.sendProgress('send-abc12345')).rejects.toMatchObject({ status: 404, code: 'not-in-flight' });
    const calls = fetch.mock.calls as unknown as Array<[string, RequestInit]>;
    expect(calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/sends/send-abc12345',
      'POST /api/sends/send-abc12345/cancel',
      'GET /api/sends/send-abc12345',
    ]);
  });
});
