import { HttpError, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { sendIdParam } from './send-progress.ts';
import type { Handler } from './types.ts';

/**
 * POST /api/sends/:id/cancel: stops a send in flight. The send itself then answers, recorded in
 * history with the error code `cancelled` and how far it had got.
 */
export function createSendCancelHandler(services: Services): Handler {
  return (ctx) => {
    const id = sendIdParam(ctx);
    if (!services.inflight.cancel(id)) {
      throw new HttpError(404, 'not-in-flight', `No send named ${id} is in flight (it may have ended).`);
    }
    sendJson(ctx.res, services.redactor, 200, { ok: true, cancelled: id });
  };
}
