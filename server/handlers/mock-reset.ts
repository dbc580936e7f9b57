import type { MockResetResponse } from '../../core/contract.ts';
import { HttpError, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/**
 * POST /api/mock/reset: puts the embedded mock back to its seeded state (transactions created through
 * it forgotten, counters from zero) and answers the seed. Only the mock environment has this.
 */
export function createMockResetHandler(services: Services): Handler {
  return async ({ req, res }) => {
    req.resume();
    let seed: number;
    try {
      ({ seed } = await services.resetMock());
    } catch (e) {
      throw new HttpError(502, 'mock-reset-failed', `The embedded mock could not be reset: ${(e as Error).message}`);
    }
    const body: MockResetResponse = { reset: true, seed };
    sendJson(res, services.redactor, 200, body);
  };
}
