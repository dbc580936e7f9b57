import { describe, expect, it } from 'vitest';
import {
  createOffThreadFetch,
  type FetchAnswer,
  type FetchAsk,
  type FetchInit,
  type FetchWorker,
  type TextAnswer,
} from './off-thread.ts';

/** A worker that keeps what it is asked and answers when the test says so. */
class FakeWorker implements FetchWorker {
  onmessage: FetchWorker['onmessage'] = null;
  onerror: FetchWorker['onerror'] = null;
  asked: FetchAsk[] = [];
  terminated = false;
  postMessage(message: FetchAsk): void {
    this.asked.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(answer: FetchAnswer): void {
    this.onmessage?.({ data: answer } as MessageEvent<FetchAnswer>);
  }
  fail(): void {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
  fetchIds(): number[] {
    return this.asked.flatMap((a) => (a.kind === 'fetch' ? [a.id] : []));
  }
}

const init: FetchInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };

const ok = (id: number, text: string, status = 200): FetchAnswer => ({
  kind: 'answer',
  id,
  status,
  statusText: status === 200 ? 'OK' : 'Bad Request',
  text,
  startedAt: performance.timeOrigin + performance.now(),
  endedAt: performance.timeOrigin + performance.now(),
});

function directFetches() {
  const calls: Array<{ path: string; init: FetchInit }> = [];
  const direct = (path: string, given: FetchInit): Promise<TextAnswer> => {
    calls.push({ path, init: given });
    return Promise.resolve({ ok: true, status: 200, statusText: 'OK', text: `direct ${path}` });
  };
  return { calls, direct };
}

describe('createOffThreadFetch', () => {
  it('hands a fetch to the worker, path and request as given, and resolves with its answer', async () => {
    const worker = new FakeWorker();
    const { calls, direct } = directFetches();
    const fetchText = createOffThreadFetch(() => worker, direct);
    const pending = fetchText('/api/sign', init);
    expect(worker.asked).toEqual([{ kind: 'fetch', id: 1, path: '/api/sign', init }]);
    worker.answer(ok(1, '{"signature":"x"}'));
    await expect(pending).resolves.toEqual({ ok: true, status: 200, statusText: 'OK', text: '{"signature":"x"}' });
    expect(calls).toEqual([]);
  });

  it('matches answers to their fetches when they come back out of order, and says a 400 is not ok', async () => {
    const worker = new FakeWorker();
    const fetchText = createOffThreadFetch(() => worker, directFetches().direct);
    const first = fetchText('/api/sign', init);
    const second = fetchText('/api/sign', { ...init, body: '{"a":2}' });
    const [a, b] = worker.fetchIds();
    worker.answer(ok(b!, 'second', 400));
    worker.answer(ok(a!, 'first'));
    await expect(first).resolves.toMatchObject({ ok: true, text: 'first' });
    await expect(second).resolves.toMatchObject({ ok: false, status: 400, text: 'second' });
  });

  it('makes the worker once, at the first fetch', async () => {
    let made = 0;
    const worker = new FakeWorker();
    const fetchText = createOffThreadFetch(() => {
      made++;
      return worker;
    }, directFetches().direct);
    expect(made).toBe(0);
    const one = fetchText('/api/sign', init);
    const two = fetchText('/api/sign', init);
    for (const id of worker.fetchIds()) worker.answer(ok(id, 'x'));
    await Promise.all([one, two]);
    expect(made).toBe(1);
  });

  it('fetches on this thread when no worker can be made, or making one throws', async () => {
    for (const makeWorker of [
      () => null,
      () => {
        throw new Error('no workers here');
      },
    ]) {
      const { calls, direct } = directFetches();
      const fetchText = createOffThreadFetch(makeWorker, direct);
      await expect(fetchText('/api/sign', init)).resolves.toMatchObject({ text: 'direct /api/sign' });
      expect(calls).toEqual([{ path: '/api/sign', init }]);
    }
  });

  it('aborts: the promise rejects with an AbortError, the worker is told, and a late answer is ignored', async () => {
    const worker = new FakeWorker();
    const fetchText = createOffThreadFetch(() => worker, directFetches().direct);
    const controller = new AbortController();
    const pending = fetchText('/api/sign', init, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.asked.at(-1)).toEqual({ kind: 'abort', id: 1 });
    expect(() => worker.answer(ok(1, 'late'))).not.toThrow();
  });

  it('refuses a fetch whose signal is already aborted without asking the worker', async () => {
    const worker = new FakeWorker();
    const fetchText = createOffThreadFetch(() => worker, directFetches().direct);
    const controller = new AbortController();
    controller.abort();
    await expect(fetchText('/api/sign', init, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.fetchIds()).toEqual([]);
  });

  it('rejects with a TypeError, as fetch does, when the worker could not reach the server', async () => {
    const worker = new FakeWorker();
    const fetchText = createOffThreadFetch(() => worker, directFetches().direct);
    const pending = fetchText('/api/sign', init);
    worker.answer({ kind: 'failed', id: 1, aborted: false, message: 'TypeError: Failed to fetch' });
    await expect(pending).rejects.toBeInstanceOf(TypeError);
  });

  it('gives up a worker that fails: what it held is fetched on this thread, and so is what comes after', async () => {
    const worker = new FakeWorker();
    const { calls, direct } = directFetches();
    const fetchText = createOffThreadFetch(() => worker, direct);
    const held = fetchText('/api/sign', init);
    worker.fail();
    await expect(held).resolves.toMatchObject({ text: 'direct /api/sign' });
    expect(worker.terminated).toBe(true);
    await expect(fetchText('/api/session', { method: 'GET', headers: {} })).resolves.toMatchObject({
      text: 'direct /api/session',
    });
    expect(calls.map((c) => c.path)).toEqual(['/api/sign', '/api/session']);
    expect(worker.fetchIds()).toEqual([1]);
  });

  it('puts the worker’s fetch in the page’s timeline as a measure named after the path', async () => {
    const worker = new FakeWorker();
    const fetchText = createOffThreadFetch(() => worker, directFetches().direct);
    for (let i = 0; i < 3; i++) {
      const pending = fetchText('/api/sign', init);
      worker.answer(ok(worker.fetchIds().at(-1)!, 'x'));
      await pending;
    }
    // Only the latest is kept: a measure per keystroke would pile up for as long as the page is open.
    expect(performance.getEntriesByName('fetch /api/sign', 'measure')).toHaveLength(1);
  });
});
