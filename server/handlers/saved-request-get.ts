import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** GET /api/saved-requests/:id */
export function createSavedRequestGetHandler(services: Services): Handler {
  return (ctx) => {
    const id = workbenchId(ctx, 'saved request');
    sendJson(ctx.res, services.redactor, 200, services.workbench().collections.getRequest(id));
  };
}
