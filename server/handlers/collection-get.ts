import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** GET /api/collections/:id: the whole tree of folders and saved requests, in order, and the variables. */
export function createCollectionGetHandler(services: Services): Handler {
  return (ctx) => {
    const id = workbenchId(ctx, 'collection');
    sendJson(ctx.res, services.redactor, 200, services.workbench().collections.detail(id));
  };
}
