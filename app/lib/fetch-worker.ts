/**
 * A worker that makes fetches for the page, so that a large request (the signature preview sends the
 * whole body at every keystroke) is written out off the main thread, which stays free for the typing.
 * It speaks app/lib/off-thread.ts's messages: a fetch to make, or one to abort; it answers with the
 * status and the text of the answer, or with the failure.
 */
import type { FetchAnswer, FetchAsk } from './off-thread.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<FetchAsk>) => void) | null;
  postMessage(message: FetchAnswer): void;
}

const scope = self as unknown as WorkerScope;
const inFlight = new Map<number, AbortController>();

scope.onmessage = ({ data: ask }) => {
  if (ask.kind === 'abort') {
    inFlight.get(ask.id)?.abort();
    return;
  }
  const controller = new AbortController();
  inFlight.set(ask.id, controller);
  const { id } = ask;
  const startedAt = performance.timeOrigin + performance.now();
  fetch(ask.path, { ...ask.init, credentials: 'same-origin', signal: controller.signal })
    .then(async (res) => {
      const text = await res.text();
      const endedAt = performance.timeOrigin + performance.now();
      scope.postMessage({
        kind: 'answer',
        id,
        status: res.status,
        statusText: res.statusText,
        text,
        startedAt,
        endedAt,
      });
    })
    .catch((cause: unknown) => {
      scope.postMessage({ kind: 'failed', id, aborted: controller.signal.aborted, message: String(cause) });
    })
    .finally(() => inFlight.delete(id));
};
