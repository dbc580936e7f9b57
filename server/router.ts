import { errorText } from './error-text.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCollectionDeleteHandler } from './handlers/collection-delete.ts';
import { createCollectionDuplicateHandler } from './handlers/collection-duplicate.ts';
import { createCollectionExportHandler } from './handlers/collection-export.ts';
import { createCollectionGetHandler } from './handlers/collection-get.ts';
import { createCollectionItemsCreateHandler } from './handlers/collection-items-create.ts';
import { createCollectionUpdateHandler } from './handlers/collection-update.ts';
import { createCollectionsCreateHandler } from './handlers/collections-create.ts';
import { createCollectionsListHandler } from './handlers/collections-list.ts';
import { createCredentialsDeleteHandler } from './handlers/credentials-delete.ts';
import { createCredentialsSetHandler } from './handlers/credentials-set.ts';
import { createPartnerCredentialsDeleteHandler } from './handlers/partner-credentials-delete.ts';
import { createPartnerCredentialsSetHandler } from './handlers/partner-credentials-set.ts';
import { createPartnerKeyPairHandler } from './handlers/partner-key-pair.ts';
import { createDoctorHandler } from './handlers/doctor.ts';
import { createFeedHandler } from './handlers/feed.ts';
import { createHistoryClearHandler } from './handlers/history-clear.ts';
import { createHistoryDeleteHandler } from './handlers/history-delete.ts';
import { createHistoryGetHandler } from './handlers/history-get.ts';
import { createHistoryListHandler } from './handlers/history-list.ts';
import { createResponseIdsHandler } from './handlers/response-ids.ts';
import { createHistoryReplayHandler } from './handlers/history-replay.ts';
import { createHistoryResendHandler } from './handlers/history-resend.ts';
import { createImportHandler } from './handlers/import.ts';
import { createItemDeleteHandler } from './handlers/item-delete.ts';
import { createItemDuplicateHandler } from './handlers/item-duplicate.ts';
import { createItemMoveHandler } from './handlers/item-move.ts';
import { createItemRenameHandler } from './handlers/item-rename.ts';
import { createMockResetHandler } from './handlers/mock-reset.ts';
import { createSavedRequestGetHandler } from './handlers/saved-request-get.ts';
import { createSavedRequestHistoryHandler } from './handlers/saved-request-history.ts';
import { createSavedRequestUpdateHandler } from './handlers/saved-request-update.ts';
import { createSavedRequestsSearchHandler } from './handlers/saved-requests-search.ts';
import { createSendCancelHandler } from './handlers/send-cancel.ts';
import { createSendProgressHandler } from './handlers/send-progress.ts';
import { createSendHandler } from './handlers/send.ts';
import { createSessionHandler } from './handlers/session.ts';
import { createSignHandler } from './handlers/sign.ts';
import { createVariablesListHandler } from './handlers/variables-list.ts';
import { createVariablesSetHandler } from './handlers/variables-set.ts';
import { createWalkthroughHandler } from './handlers/walkthrough.ts';
import { createWorkspaceGetHandler } from './handlers/workspace-get.ts';
import { createWorkspacePutHandler } from './handlers/workspace-put.ts';
import type { Handler } from './handlers/types.ts';
import { CredentialsError } from './config/credentials.ts';
import { CorruptEntryError } from './history/store.ts';
import { ImportError } from '../core/import/types.ts';
import { WORKBENCH_ERROR_STATUS, WorkbenchError } from './workbench/errors.ts';
import { HttpError, sendError } from './http.ts';
import { checkApiRequest, type PerimeterOptions } from './security/guard.ts';
import type { Services } from './services.ts';

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Every /api route, listed once. */
function routes(services: Services): Route[] {
  return [
    { method: 'GET', pattern: /^\/api\/session$/, handler: createSessionHandler(services) },
    { method: 'POST', pattern: /^\/api\/sign$/, handler: createSignHandler(services) },
    { method: 'POST', pattern: /^\/api\/send$/, handler: createSendHandler(services) },
    { method: 'GET', pattern: /^\/api\/sends\/(?<id>[^/]+)$/, handler: createSendProgressHandler(services) },
    { method: 'POST', pattern: /^\/api\/sends\/(?<id>[^/]+)\/cancel$/, handler: createSendCancelHandler(services) },
    { method: 'POST', pattern: /^\/api\/doctor$/, handler: createDoctorHandler(services) },
    { method: 'POST', pattern: /^\/api\/walkthrough$/, handler: createWalkthroughHandler(services) },
    { method: 'GET', pattern: /^\/api\/feed$/, handler: createFeedHandler(services) },
    { method: 'POST', pattern: /^\/api\/mock\/reset$/, handler: createMockResetHandler(services) },
    { method: 'GET', pattern: /^\/api\/history$/, handler: createHistoryListHandler(services) },
    { method: 'DELETE', pattern: /^\/api\/history$/, handler: createHistoryClearHandler(services) },
    { method: 'GET', pattern: /^\/api\/response-ids$/, handler: createResponseIdsHandler(services) },
    { method: 'GET', pattern: /^\/api\/history\/(?<id>[^/]+)$/, handler: createHistoryGetHandler(services) },
    { method: 'DELETE', pattern: /^\/api\/history\/(?<id>[^/]+)$/, handler: createHistoryDeleteHandler(services) },
    {
      method: 'POST',
      pattern: /^\/api\/history\/(?<id>[^/]+)\/resend$/,
      handler: createHistoryResendHandler(services),
    },
    {
      method: 'POST',
      pattern: /^\/api\/history\/(?<id>[^/]+)\/replay$/,
      handler: createHistoryReplayHandler(services),
    },
    {
      method: 'PUT',
      pattern: /^\/api\/credentials\/(?<environment>[^/]+)$/,
      handler: createCredentialsSetHandler(services),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/credentials\/(?<environment>[^/]+)$/,
      handler: createCredentialsDeleteHandler(services),
    },
    {
      method: 'PUT',
      pattern: /^\/api\/partner-credentials\/(?<environment>[^/]+)$/,
      handler: createPartnerCredentialsSetHandler(services),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/partner-credentials\/(?<environment>[^/]+)$/,
      handler: createPartnerCredentialsDeleteHandler(services),
    },
    {
      method: 'POST',
      pattern: /^\/api\/partner-credentials\/(?<environment>[^/]+)\/key-pair$/,
      handler: createPartnerKeyPairHandler(services),
    },
    // The workbench: collections, their folders and saved requests, variables, open tabs, files.
    { method: 'GET', pattern: /^\/api\/collections$/, handler: createCollectionsListHandler(services) },
    { method: 'POST', pattern: /^\/api\/collections$/, handler: createCollectionsCreateHandler(services) },
    { method: 'GET', pattern: /^\/api\/collections\/(?<id>[^/]+)$/, handler: createCollectionGetHandler(services) },
    {
      method: 'PATCH',
      pattern: /^\/api\/collections\/(?<id>[^/]+)$/,
      handler: createCollectionUpdateHandler(services),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/collections\/(?<id>[^/]+)$/,
      handler: createCollectionDeleteHandler(services),
    },
    {
      method: 'POST',
      pattern: /^\/api\/collections\/(?<id>[^/]+)\/duplicate$/,
      handler: createCollectionDuplicateHandler(services),
    },
    {
      method: 'GET',
      pattern: /^\/api\/collections\/(?<id>[^/]+)\/export$/,
      handler: createCollectionExportHandler(services),
    },
    {
      method: 'POST',
      pattern: /^\/api\/collections\/(?<id>[^/]+)\/items$/,
      handler: createCollectionItemsCreateHandler(services),
    },
    { method: 'PATCH', pattern: /^\/api\/items\/(?<id>[^/]+)$/, handler: createItemRenameHandler(services) },
    { method: 'DELETE', pattern: /^\/api\/items\/(?<id>[^/]+)$/, handler: createItemDeleteHandler(services) },
    { method: 'POST', pattern: /^\/api\/items\/(?<id>[^/]+)\/move$/, handler: createItemMoveHandler(services) },
    {
      method: 'POST',
      pattern: /^\/api\/items\/(?<id>[^/]+)\/duplicate$/,
      handler: createItemDuplicateHandler(services),
    },
    { method: 'GET', pattern: /^\/api\/saved-requests$/, handler: createSavedRequestsSearchHandler(services) },
    {
      method: 'GET',
      pattern: /^\/api\/saved-requests\/(?<id>[^/]+)$/,
      handler: createSavedRequestGetHandler(services),
    },
    {
      method: 'PUT',
      pattern: /^\/api\/saved-requests\/(?<id>[^/]+)$/,
      handler: createSavedRequestUpdateHandler(services),
    },
    {
      method: 'GET',
      pattern: /^\/api\/saved-requests\/(?<id>[^/]+)\/history$/,
      handler: createSavedRequestHistoryHandler(services),
    },
    { method: 'GET', pattern: /^\/api\/variables$/, handler: createVariablesListHandler(services) },
    {
      method: 'PUT',
      pattern: /^\/api\/variables\/(?<environment>[^/]+)$/,
      handler: createVariablesSetHandler(services),
    },
    { method: 'GET', pattern: /^\/api\/workspace$/, handler: createWorkspaceGetHandler(services) },
    { method: 'PUT', pattern: /^\/api\/workspace$/, handler: createWorkspacePutHandler(services) },
    { method: 'POST', pattern: /^\/api\/import$/, handler: createImportHandler(services) },
  ];
}

/** The perimeter's settings for this server: its launch token, the HOST it is bound to, remote access. */
export function perimeterOptions(services: Services): PerimeterOptions {
  const token = services.launchToken();
  return {
    matchesToken: (candidate) => token.matches(candidate),
    extraHosts: [services.config.host],
    allowRemote: services.config.allowRemote,
  };
}

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The /api router: the perimeter guard first, then exactly one handler. Errors become JSON answers;
 * anything unexpected is a 500 whose message has been through the redactor.
 */
export function createRouter(services: Services): Middleware {
  const table = routes(services);
  return (req, res, next) => {
    const rawUrl = req.url ?? '/';
    if (!(rawUrl === '/api' || rawUrl.startsWith('/api/') || rawUrl.startsWith('/api?'))) {
      next();
      return;
    }
    void handle(services, table, req, res).catch((error: unknown) => {
      const http =
        error instanceof HttpError
          ? error
          : error instanceof CorruptEntryError
            ? new HttpError(409, 'entry-corrupt', error.message)
            : error instanceof CredentialsError
              ? new HttpError(400, 'bad-key-id', error.message)
              : error instanceof WorkbenchError
                ? new HttpError(WORKBENCH_ERROR_STATUS[error.code], error.code, error.message)
                : error instanceof ImportError
                  ? new HttpError(400, 'import-failed', error.message)
                  : new HttpError(500, 'internal', `The playground server failed: ${errorText(error)}`);
      if (http.status >= 500) services.log(`[playground] ${req.method} ${rawUrl}: ${errorText(error, 'stack')}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // After a refused upload the rest of the body is not read: close the connection once answered.
      if (http.status === 413) res.setHeader('connection', 'close');
      sendError(res, services.redactor, http);
    });
  };
}

async function handle(services: Services, table: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const verdict = checkApiRequest(req, perimeterOptions(services));
  if (!verdict.ok) {
    req.resume();
    if (verdict.status === 401) res.setHeader('www-authenticate', 'Bearer realm="qredo-api-playground"');
    throw new HttpError(verdict.status, verdict.code, verdict.message);
  }
  const url = new URL(req.url ?? '/', 'http://playground.invalid');
  const matching = table.filter((r) => r.pattern.test(url.pathname));
  if (matching.length === 0)
    throw new HttpError(404, 'not-found', `There is no ${url.pathname} in the playground API.`);
  const route = matching.find((r) => r.method === req.method);
  if (!route) {
    res.setHeader('allow', matching.map((r) => r.method).join(', '));
    throw new HttpError(405, 'method-not-allowed', `${url.pathname} does not accept ${req.method}.`);
  }
  const params = route.pattern.exec(url.pathname)?.groups ?? {};
  await route.handler({ req, res, params: { ...params }, url });
}
