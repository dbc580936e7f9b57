import { CreateCollectionRequest, MAX_API_BODY_BYTES } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** POST /api/collections: a new, empty collection (names are unique, case aside). */
export function createCollectionsCreateHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const body = await readJson(req, CreateCollectionRequest, MAX_API_BODY_BYTES);
    sendJson(res, services.redactor, 201, services.workbench().collections.create(body));
  };
}
