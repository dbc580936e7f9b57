import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** GET /api/variables: the variables of every environment. */
export function createVariablesListHandler(services: Services): Handler {
  return ({ res }) => {
    sendJson(res, services.redactor, 200, services.workbench().variables.all());
  };
}
