import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** DELETE /api/collections/:id: the collection and everything in it (`deleted` counts its folders and requests). */
export function createCollectionDeleteHandler(services: Services): Handler {
  return (ctx) => {
    const id = workbenchId(ctx, 'collection');
    const deleted = services.workbench().collections.delete(id);
    sendJson(ctx.res, services.redactor, 200, { ok: true, deleted });
  };
}
