import { Environment, MAX_API_BODY_BYTES, PutVariablesRequest } from '../../core/contract.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** PUT /api/variables/:environment: replaces the environment's variables (no value may hold a secret). */
export function createVariablesSetHandler(services: Services): Handler {
  return async (ctx) => {
    const environment = Environment.safeParse(ctx.params.environment);
    if (!environment.success)
      throw new HttpError(400, 'bad-environment', 'Variables belong to "mock", "sandbox" or "production".');
    const { variables } = await readJson(ctx.req, PutVariablesRequest, MAX_API_BODY_BYTES);
    const stored = services.workbench().variables.set(environment.data, variables);
    sendJson(ctx.res, services.redactor, 200, { environment: environment.data, variables: stored });
  };
}
