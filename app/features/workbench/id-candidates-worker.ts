/** Finds the ID-like fields of a large response body off the main thread (see use-text-job.ts). */
import { findIds } from './find-ids.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ id: number; text: string }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const { id, text } = event.data;
  scope.postMessage({ id, result: findIds(text) });
};
