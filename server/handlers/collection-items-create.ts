import { CreateItemRequest, MAX_API_BODY_BYTES } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** POST /api/collections/:id/items: saves a request, or makes a folder, at a place in the collection. */
export function createCollectionItemsCreateHandler(services: Services): Handler {
  return async (ctx) => {
    const id = workbenchId(ctx, 'collection');
    const body = await readJson(ctx.req, CreateItemRequest, MAX_API_BODY_BYTES);
    sendJson(ctx.res, services.redactor, 201, services.workbench().collections.addItem(id, body));
  };
}
