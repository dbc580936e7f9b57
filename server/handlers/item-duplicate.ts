import { DuplicateRequest, MAX_API_BODY_BYTES } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** POST /api/items/:id/duplicate: a copy right after the original (a folder with its contents). */
export function createItemDuplicateHandler(services: Services): Handler {
  return async (ctx) => {
    const id = workbenchId(ctx, 'folder or saved request');
    const { name } = await readJson(ctx.req, DuplicateRequest, MAX_API_BODY_BYTES);
    sendJson(ctx.res, services.redactor, 201, services.workbench().collections.duplicateItem(id, name));
  };
}
