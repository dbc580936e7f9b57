import { useEffect, useMemo, useState } from 'react';

/**
 * Work done on a text that can be large (a response body): in place for texts up to IN_PLACE_LIMIT
 * characters (a job may say otherwise), in a Web Worker for larger ones, so that the page stays
 * responsive while it is done. The worker is sent `{ id, text }` and answers `{ id, result }`; it is ended when the text changes
 * or the component goes. Where no worker can be made (a test's DOM), the work is done on a later
 * turn of the event loop.
 */

/** Texts up to this many characters are worked on in place: below it, a worker costs more than it saves. */
export const IN_PLACE_LIMIT = 256 * 1024;

export interface TextJob<R> {
  /** Defaults to IN_PLACE_LIMIT. */
  syncLimit?: number;
  run(text: string): R;
  makeWorker(): Worker;
  /** The result when the worker stops without answering. */
  failed: R;
}

export type TextJobState<R> = { state: 'idle' } | { state: 'working' } | { state: 'done'; result: R };

/** The job's result for `text`, done only when `enabled`. `job` is a module constant. */
export function useTextJob<R>(text: string, enabled: boolean, job: TextJob<R>): TextJobState<R> {
  const sync = enabled && text.length <= (job.syncLimit ?? IN_PLACE_LIMIT);
  const syncResult = useMemo(() => (sync ? { result: job.run(text) } : null), [sync, text, job]);
  const [asyncResult, setAsyncResult] = useState<{ text: string; result: R } | null>(null);

  useEffect(() => {
    if (!enabled || sync) return;
    let done = false;
    const finish = (result: R) => {
      if (done) return;
      done = true;
      setAsyncResult({ text, result });
    };
    if (typeof Worker === 'undefined') {
      const timer = setTimeout(() => finish(job.run(text)), 0);
      return () => {
        done = true;
        clearTimeout(timer);
      };
    }
    const worker = job.makeWorker();
    worker.onmessage = (event: MessageEvent<{ id: number; result: R }>) => {
      finish(event.data.result);
      worker.terminate();
    };
    worker.onerror = () => {
      worker.terminate();
      finish(job.failed);
    };
    worker.postMessage({ id: 1, text });
    return () => {
      done = true;
      worker.terminate();
    };
  }, [enabled, sync, text, job]);

  if (!enabled) return { state: 'idle' };
  if (syncResult) return { state: 'done', result: syncResult.result };
  if (asyncResult && asyncResult.text === text) return { state: 'done', result: asyncResult.result };
  return { state: 'working' };
}
