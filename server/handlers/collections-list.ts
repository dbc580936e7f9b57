import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** GET /api/collections: every collection, by name, with how many requests and folders it holds. */
export function createCollectionsListHandler(services: Services): Handler {
  return ({ res }) => {
    sendJson(res, services.redactor, 200, { collections: services.workbench().collections.list() });
  };
}
