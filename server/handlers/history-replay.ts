import { MAX_API_BODY_BYTES, ReplayRequest } from '../../core/contract.ts';
import { RELAY_WRITTEN_HEADERS } from '../../core/headers.ts';
import { sha256Hex } from '../crypto.ts';
import { exchange } from '../exchange.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { entryId } from './history-params.ts';
import type { Handler } from './types.ts';

/**
 * POST /api/history/:id/replay: the stored signed bytes again, same timestamp and signature.
 * Needs an explicit confirmation; refused for production, where a replayed POST can move funds.
 */
export function createHistoryReplayHandler(services: Services): Handler {
  return async (ctx) => {
    const { confirm } = await readJson(ctx.req, ReplayRequest, MAX_API_BODY_BYTES);
    const id = entryId(ctx);
    const entry = services.history().get(id);
    if (!entry) throw new HttpError(404, 'not-found', `There is no history entry ${id}.`);
    if (entry.environment === 'production') {
      throw new HttpError(
        403,
        'replay-refused',
        'Replaying exact bytes is refused for production; use Re-send, which signs again.',
      );
    }
    if (confirm !== true) {
      throw new HttpError(
        403,
        'confirmation-required',
        'Replay sends the same timestamp and signature again, so it happens only after you confirm it. Confirm it in the page first.',
      );
    }
    if (entry.request.bodyTruncated) {
      throw new HttpError(
        409,
        'body-truncated',
        'This entry’s body was cut at the history limit, so it cannot be replayed.',
      );
    }
    const base = services.config.baseUrls[entry.environment];
    if (!entry.request.url.startsWith(base + '/')) {
      throw new HttpError(
        409,
        'base-changed',
        `This entry was sent to ${entry.request.url}, which is no longer under ${base}.`,
      );
    }
    // The headers written last time, but those the relay writes itself (host, content-length, connection).
    const headers = Object.entries(entry.request.headers).filter(
      ([name]) => !RELAY_WRITTEN_HEADERS.includes(name.toLowerCase()),
    );
    const bodyBytes = entry.request.body === null ? null : new TextEncoder().encode(entry.request.body);
    const result = await exchange(
      services,
      {
        scheme: entry.scheme ?? 'v1',
        environment: entry.environment,
        keyId: entry.keyId,
        method: entry.request.method,
        path: entry.request.path,
        url: entry.request.url,
        timestamp: entry.timestamp,
        freshness: entry.stringToSign.segments.some((s) => s.name === 'nonce') ? 'nonce' : 'timestamp',
        timestampAtSendTime: false,
        signature: entry.signature,
        stringToSign: entry.stringToSign,
        headers,
        extraHeaders: entry.request.extraHeaders ?? [],
        body: entry.request.body,
        bodyBytes,
        bodySha256: sha256Hex(bodyBytes ?? new Uint8Array()),
      },
      'replay',
      entry.savedRequestId !== undefined ? { savedRequestId: entry.savedRequestId } : {},
    );
    sendJson(ctx.res, services.redactor, 200, result);
  };
}
