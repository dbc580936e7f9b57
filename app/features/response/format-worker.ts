/**
 * Formats a large JSON body off the main thread. Answers with the flat line model; its typed
 * arrays are transferred, not copied.
 */
import { formatJsonLines } from './json-lines.ts';

export interface FormatJob {
  id: number;
  text: string;
}

/** The worker's global scope, typed narrowly (the project compiles against the DOM library). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FormatJob>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

scope.onmessage = (event: MessageEvent<FormatJob>) => {
  const { id, text } = event.data;
  const result = formatJsonLines(text);
  if (result.ok) {
    const { starts, depth, end } = result.model;
    scope.postMessage({ id, result }, [starts.buffer, depth.buffer, end.buffer]);
  } else {
    scope.postMessage({ id, result });
  }
};
