import { MAX_API_BODY_BYTES, RenameItemRequest } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** PATCH /api/items/:id: renames a folder or a saved request. */
export function createItemRenameHandler(services: Services): Handler {
  return async (ctx) => {
    const id = workbenchId(ctx, 'folder or saved request');
    const { name } = await readJson(ctx.req, RenameItemRequest, MAX_API_BODY_BYTES);
    sendJson(ctx.res, services.redactor, 200, services.workbench().collections.renameItem(id, name));
  };
}
