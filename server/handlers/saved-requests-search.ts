import { SavedRequestQuery } from '../../core/contract.ts';
import { readQuery, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** GET /api/saved-requests?q=&method=&collectionId=: saved requests by name, method and path. */
export function createSavedRequestsSearchHandler(services: Services): Handler {
  return ({ res, url }) => {
    const query = readQuery(url, SavedRequestQuery, 'saved request search');
    sendJson(res, services.redactor, 200, services.workbench().collections.search(query));
  };
}
