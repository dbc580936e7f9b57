import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** DELETE /api/items/:id: a saved request, or a folder with its contents (`deleted` counts them). */
export function createItemDeleteHandler(services: Services): Handler {
  return (ctx) => {
    const id = workbenchId(ctx, 'folder or saved request');
    const deleted = services.workbench().collections.deleteItem(id);
    sendJson(ctx.res, services.redactor, 200, { ok: true, deleted });
  };
}
