import { MAX_API_BODY_BYTES, MoveItemRequest } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** POST /api/items/:id/move: to another folder or collection, at a position among its new siblings. */
export function createItemMoveHandler(services: Services): Handler {
  return async (ctx) => {
    const id = workbenchId(ctx, 'folder or saved request');
    const move = await readJson(ctx.req, MoveItemRequest, MAX_API_BODY_BYTES);
    sendJson(ctx.res, services.redactor, 200, services.workbench().collections.moveItem(id, move));
  };
}
