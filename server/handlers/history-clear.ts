import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** DELETE /api/history: removes every entry. */
export function createHistoryClearHandler(services: Services): Handler {
  return ({ res }) => {
    const deleted = services.history().clear();
    sendJson(res, services.redactor, 200, { ok: true, deleted });
  };
}
