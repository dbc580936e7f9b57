import { MAX_WORKSPACE_BYTES, PutWorkspaceRequest } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import type { Handler } from './types.ts';

/** Room for the envelope around a workspace of the largest size kept. */
const ENVELOPE_BYTES = 64 * 1024;

/** PUT /api/workspace: the open tabs, whole; the last write wins and takes the next revision. */
export function createWorkspacePutHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const body = await readJson(req, PutWorkspaceRequest, MAX_WORKSPACE_BYTES + ENVELOPE_BYTES);
    sendJson(res, services.redactor, 200, services.workbench().workspace.put(body));
  };
}
