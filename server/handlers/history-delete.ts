import { HttpError, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { entryId } from './history-params.ts';
import type { Handler } from './types.ts';

/** DELETE /api/history/:id */
export function createHistoryDeleteHandler(services: Services): Handler {
  return (ctx) => {
    const id = entryId(ctx);
    if (!services.history().delete(id)) throw new HttpError(404, 'not-found', `There is no history entry ${id}.`);
    sendJson(ctx.res, services.redactor, 200, { ok: true, deleted: 1 });
  };
}
