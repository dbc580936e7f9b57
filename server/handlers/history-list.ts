import { HistoryQuery, describeIssues } from '../../core/contract.ts';
import { HttpError, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** GET /api/history: entries newest first, paged and filtered. */
export function createHistoryListHandler(services: Services): Handler {
  return ({ res, url }) => {
    const parsed = HistoryQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      throw new HttpError(400, 'invalid-query', `The history query is not valid: ${issues.join('; ')}`, issues);
    }
    sendJson(res, services.redactor, 200, services.history().list(parsed.data));
  };
}
