import { HttpError, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { entryId } from './history-params.ts';
import type { Handler } from './types.ts';

/** GET /api/history/:id: one entry, as sent and as answered. */
export function createHistoryGetHandler(services: Services): Handler {
  return (ctx) => {
    const id = entryId(ctx);
    const entry = services.history().get(id);
    if (!entry) throw new HttpError(404, 'not-found', `There is no history entry ${id}.`);
    sendJson(ctx.res, services.redactor, 200, entry);
  };
}
