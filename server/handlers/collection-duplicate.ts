import { DuplicateRequest, MAX_API_BODY_BYTES } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** POST /api/collections/:id/duplicate: a copy with every folder, request and variable. */
export function createCollectionDuplicateHandler(services: Services): Handler {
  return async (ctx) => {
    const id = workbenchId(ctx, 'collection');
    const { name } = await readJson(ctx.req, DuplicateRequest, MAX_API_BODY_BYTES);
    sendJson(ctx.res, services.redactor, 201, services.workbench().collections.duplicate(id, name));
  };
}
