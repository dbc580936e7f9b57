import { useTextJob, type TextJob } from '../../lib/use-text-job.ts';
import { formatJsonLines, type FormatResult } from './json-lines.ts';

export type JsonModelState = { state: 'idle' } | { state: 'formatting' } | { state: 'done'; result: FormatResult };

const FORMAT: TextJob<FormatResult> = {
  run: formatJsonLines,
  makeWorker: () => new Worker(new URL('./format-worker.ts', import.meta.url), { type: 'module' }),
  failed: { ok: false, message: 'The formatter stopped unexpectedly; the body is shown as text.', offset: 0 },
};

/**
 * The body's line model, formatted only when `enabled`. Bodies over the text job's in-place limit are
 * formatted in a Web Worker so the page stays responsive; the worker is ended when the body changes
 * or the view goes.
 */
export function useJsonModel(text: string, enabled: boolean): JsonModelState {
  const job = useTextJob(text, enabled, FORMAT);
  return job.state === 'working' ? { state: 'formatting' } : job;
}
