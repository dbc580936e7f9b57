import { SendId } from '../../core/contract.ts';
import { HttpError, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler, RouteContext } from './types.ts';

export function sendIdParam(ctx: RouteContext): string {
  const parsed = SendId.safeParse(ctx.params.id);
  if (!parsed.success) throw new HttpError(400, 'bad-send-id', parsed.error.issues[0]?.message ?? 'Not a send id.');
  return parsed.data;
}

/** GET /api/sends/:id: how far a send in flight has got (404 once it has ended). */
export function createSendProgressHandler(services: Services): Handler {
  return (ctx) => {
    const id = sendIdParam(ctx);
    const progress = services.inflight.progress(id);
    if (!progress) throw new HttpError(404, 'not-in-flight', `No send named ${id} is in flight (it may have ended).`);
    sendJson(ctx.res, services.redactor, 200, progress);
  };
}
