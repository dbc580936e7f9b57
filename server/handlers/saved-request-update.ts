import { MAX_API_BODY_BYTES, UpdateSavedRequestRequest } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { workbenchId } from './workbench-params.ts';
import type { Handler } from './types.ts';

/** PUT /api/saved-requests/:id: saves a tab's request over the saved one (its place stays). */
export function createSavedRequestUpdateHandler(services: Services): Handler {
  return async (ctx) => {
    const id = workbenchId(ctx, 'saved request');
    const request = await readJson(ctx.req, UpdateSavedRequestRequest, MAX_API_BODY_BYTES);
    sendJson(ctx.res, services.redactor, 200, services.workbench().collections.updateRequest(id, request));
  };
}
