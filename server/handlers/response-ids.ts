import { z } from '../../core/zod.ts';
import { Environment } from '../../core/contract-base.ts';
import { describeIssues, type ResponseIdsAnswer } from '../../core/contract.ts';
import { idsInJson, type ResponseId } from '../../core/workbench/response-ids.ts';
import { HttpError, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

const Query = z.object({ environment: Environment }).strict();

/** How many of the environment's latest entries are read for IDs. */
const RECENT = 50;
const MAX_IDS = 200;
/** Entries whose IDs are remembered: a recorded response never changes, so each is read once. */
const CACHED_ENTRIES = 500;

/**
 * GET /api/response-ids?environment=…: the IDs named in the latest responses of one environment
 * (core/workbench/response-ids.ts), newest first, each key and value once, with the entry each came
 * from, for the composer's path-parameter suggestions.
 */
export function createResponseIdsHandler(services: Services): Handler {
  // By entry id: ids are never used again (AUTOINCREMENT), and a recorded response never changes.
  const cache = new Map<number, readonly ResponseId[]>();
  const idsOf = (id: number): readonly ResponseId[] => {
    const known = cache.get(id);
    if (known) return known;
    const response = services.history().get(id)?.response;
    const found = !response || response.bodyEncoding !== 'utf8' || response.truncated ? [] : idsInJson(response.body);
    cache.set(id, found);
    if (cache.size > CACHED_ENTRIES) cache.delete(cache.keys().next().value ?? id);
    return found;
  };
  return ({ res, url }) => {
    const parsed = Query.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      throw new HttpError(400, 'invalid-query', `The query is not valid: ${issues.join('; ')}`, issues);
    }
    const { entries } = services.history().list({ environment: parsed.data.environment, limit: RECENT, offset: 0 });
    const ids: ResponseIdsAnswer['ids'] = [];
    const seen = new Set<string>();
    for (const summary of entries) {
      for (const { key, value } of idsOf(summary.id)) {
        const pair = `${key}\u0000${value}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        ids.push({ key, value, entryId: summary.id, method: summary.method, path: summary.path });
      }
      if (ids.length >= MAX_IDS) break;
    }
    sendJson(res, services.redactor, 200, { ids: ids.slice(0, MAX_IDS) });
  };
}
