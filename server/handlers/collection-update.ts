import { MAX_API_BODY_BYTES, UpdateCollectionRequest } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** PATCH /api/collections/:id: renames it and/or replaces its variables. */
export function createCollectionUpdateHandler(services: Services): Handler {
  return async (ctx) => {
    const id = workbenchId(ctx, 'collection');
    const change = await readJson(ctx.req, UpdateCollectionRequest, MAX_API_BODY_BYTES);
    sendJson(ctx.res, services.redactor, 200, services.workbench().collections.update(id, change));
  };
}
