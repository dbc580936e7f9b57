import { ImportRequest, MAX_API_BODY_BYTES } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { importFile } from '../workbench/files.ts';
import type { Handler } from './types.ts';

/**
 * POST /api/import: a .http file (with its environment files), a Postman v2.1 collection or a
 * playground collection, into a new collection or at the end of a named one. The file is data.
 */
export function createImportHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const request = await readJson(req, ImportRequest, MAX_API_BODY_BYTES);
    const answer = importFile(services.workbench().collections, request, {
      bases: services.config.baseUrls,
      partnerBases: services.config.partnerBaseUrls,
      secretForms: services.redactor.secretForms(),
      isSecret: (text) => services.redactor.containsSecret(text),
    });
    sendJson(res, services.redactor, 201, answer);
  };
}
