/**
 * Fetches made by a worker (app/lib/fetch-worker.ts): the request is written out and its answer read
 * there, not on the main thread. The API client uses it for the signature preview, which sends the
 * whole body at every keystroke. Where no worker can be made (a test's DOM), or the worker fails,
 * the same fetch is made on the main thread instead, so the answer never depends on which thread
 * made it.
 */

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the page asks of the worker. */
export type FetchAsk = { kind: 'fetch'; id: number; path: string; init: FetchInit } | { kind: 'abort'; id: number };

/** What the worker answers. */
export type FetchAnswer =
  | {
      kind: 'answer';
      id: number;
      status: number;
      statusText: string;
      text: string;
      /** When the worker called fetch and when it had read the answer, in ms since the epoch. */
      startedAt: number;
      endedAt: number;
    }
  | { kind: 'failed'; id: number; aborted: boolean; message: string };

/** An answer read to its end. */
export interface TextAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  text: string;
}

const abortError = (): DOMException => new DOMException('The request was aborted.', 'AbortError');

interface Pending {
  path: string;
  init: FetchInit;
  signal: AbortSignal | undefined;
  resolve(answer: TextAnswer): void;
  reject(error: unknown): void;
}

/**
 * The worker's fetch in the page's own timeline, as a User Timing measure named "fetch <path>" (the
 * latest one of each path is kept): the page's resource timing does not see a worker's requests.
 */
function timed(path: string, startedAt: number, endedAt: number): void {
  if (typeof performance.measure !== 'function') return;
  const name = `fetch ${path}`;
  performance.clearMeasures(name);
  performance.measure(name, { start: startedAt - performance.timeOrigin, end: endedAt - performance.timeOrigin });
}

/** The part of a Worker this module uses. */
export interface FetchWorker {
  onmessage: ((event: MessageEvent<FetchAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: FetchAsk): void;
  terminate(): void;
}

export type TextFetch = (path: string, init: FetchInit, signal?: AbortSignal) => Promise<TextAnswer>;

/**
 * A fetcher that hands its fetches to the worker `makeWorker` gives (made at the first fetch), and
 * makes them on this thread when it gives none or the worker fails; `direct` is that fetch here.
 */
export function createOffThreadFetch(makeWorker: () => FetchWorker | null, direct: TextFetch): TextFetch {
  let worker: FetchWorker | null | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const start = (): FetchWorker | null => {
    let w: FetchWorker | null;
    try {
      w = makeWorker();
    } catch {
      return null;
    }
    if (!w) return null;
    const made = w;
    made.onmessage = ({ data: answer }) => {
      const p = pending.get(answer.id);
      if (!p) return;
      pending.delete(answer.id);
      if (answer.kind === 'answer') {
        const { status, statusText, text } = answer;
        timed(p.path, answer.startedAt, answer.endedAt);
        p.resolve({ ok: status >= 200 && status < 300, status, statusText, text });
      } else p.reject(answer.aborted ? abortError() : new TypeError(answer.message));
    };
    // A worker that fails (its script refused, say) is given up: what it held is fetched here again.
    made.onerror = (event) => {
      event.preventDefault();
      worker = null;
      made.terminate();
      const waiting = [...pending.values()];
      pending.clear();
      for (const p of waiting) direct(p.path, p.init, p.signal).then(p.resolve, p.reject);
    };
    return made;
  };

  return (path, init, signal) => {
    if (worker === undefined) worker = start();
    const w = worker;
    if (!w) return direct(path, init, signal);
    if (signal?.aborted) return Promise.reject(abortError());
    const id = nextId++;
    return new Promise<TextAnswer>((resolve, reject) => {
      pending.set(id, { path, init, signal, resolve, reject });
      signal?.addEventListener(
        'abort',
        () => {
          if (!pending.delete(id)) return;
          w.postMessage({ kind: 'abort', id });
          reject(abortError());
        },
        { once: true },
      );
      w.postMessage({ kind: 'fetch', id, path, init });
    });
  };
}
