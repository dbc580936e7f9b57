import { sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** GET /api/workspace: the open tabs as last written, with their revision. */
export function createWorkspaceGetHandler(services: Services): Handler {
  return ({ res }) => {
    sendJson(res, services.redactor, 200, services.workbench().workspace.get());
  };
}
