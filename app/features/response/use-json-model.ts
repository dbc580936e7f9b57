import { useEffect, useMemo, useState } from 'react';
import { formatJsonLines, type FormatResult } from './json-lines.ts';

/** Bodies up to this many characters are formatted in place; larger ones in a Web Worker. */
export const SYNC_FORMAT_LIMIT = 256 * 1024;

export type JsonModelState = { state: 'idle' } | { state: 'formatting' } | { state: 'done'; result: FormatResult };

/**
 * The body's line model, formatted only when `enabled`. Large bodies are formatted in a Web
 * Worker so the page stays responsive; the worker is ended when the body changes or the view goes.
 */
export function useJsonModel(text: string, enabled: boolean): JsonModelState {
  const sync = enabled && text.length <= SYNC_FORMAT_LIMIT;
  const syncResult = useMemo(() => (sync ? formatJsonLines(text) : null), [sync, text]);
  const [asyncResult, setAsyncResult] = useState<{ text: string; result: FormatResult } | null>(null);

  useEffect(() => {
    if (!enabled || sync) return;
    let done = false;
    const finish = (result: FormatResult) => {
      if (done) return;
      done = true;
      setAsyncResult({ text, result });
    };
    if (typeof Worker === 'undefined') {
      const timer = setTimeout(() => finish(formatJsonLines(text)), 0);
      return () => {
        done = true;
        clearTimeout(timer);
      };
    }
    const worker = new Worker(new URL('./format-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; result: FormatResult }>) => {
      finish(event.data.result);
      worker.terminate();
    };
    worker.onerror = () => {
      worker.terminate();
      finish({ ok: false, message: 'The formatter stopped unexpectedly; the body is shown as text.', offset: 0 });
    };
    worker.postMessage({ id: 1, text });
    return () => {
      done = true;
      worker.terminate();
    };
  }, [enabled, sync, text]);

  if (!enabled) return { state: 'idle' };
  if (syncResult) return { state: 'done', result: syncResult };
  if (asyncResult && asyncResult.text === text) return { state: 'done', result: asyncResult.result };
  return { state: 'formatting' };
}
