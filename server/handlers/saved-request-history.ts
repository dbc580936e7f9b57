import { HistoryQuery } from '../../core/contract.ts';
import { readQuery, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** GET /api/saved-requests/:id/history: the history entries the saved request produced, newest first. */
export function createSavedRequestHistoryHandler(services: Services): Handler {
  return (ctx) => {
    const id = workbenchId(ctx, 'saved request');
    const query = readQuery(ctx.url, HistoryQuery, 'history');
    services.workbench().collections.getRequest(id);
    sendJson(ctx.res, services.redactor, 200, services.history().list({ ...query, savedRequestId: id }));
  };
}
