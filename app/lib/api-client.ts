/**
 * The only place in the page that calls the playground API (the signature preview's calls go through
 * the fetch worker of app/lib/off-thread.ts), typed by the wire contract in core/contract.ts; every
 * call carries the launch token (app/lib/launch-token.ts).
 *
 * Answers are not re-validated here with the contract's zod schemas: that would put zod (about a
 * sixth of the page's first-screen JavaScript) on the first screen and parse every answer twice.
 * The server builds each answer typed by the contract, and its tests parse the answers of every
 * route with those schemas. Here an answer must at least be a JSON object, and error answers are
 * read field by field.
 */
import type {
  ApiOk,
  CollectionDetail,
  CollectionList,
  CollectionSummary,
  CreateCollectionRequest,
  CreateItemRequest,
  CredentialsRequest,
  DoctorRequest,
  DoctorResponse,
  Environment,
  EnvironmentInfo,
  EnvironmentVariables,
  ExportResponse,
  FeedEvent,
  FeedQuery,
  FileFormat,
  HistoryEntry,
  HistoryList,
  HistoryQuery,
  ImportRequest,
  ImportResponse,
  MockResetResponse,
  MoveItemRequest,
  PutVariablesResponse,
  PutWorkspaceRequest,
  PutWorkspaceResponse,
  PartnerCredentialsRequest,
  PartnerEnvironmentInfo,
  PartnerWalkthroughResponse,
  RelayResult,
  ReplayRequest,
  ResponseIdsAnswer,
  SavedRequest,
  SavedRequestQuery,
  SavedRequestSearch,
  SendCancelResponse,
  SendProgress,
  SendRequest,
  SessionInfo,
  SignRequest,
  SignResponse,
  StoredItem,
  StoredRequest,
  UpdateCollectionRequest,
  Variable,
  WalkthroughRequest,
  WalkthroughResponse,
  WorkspaceState,
} from '../../core/contract.ts';
import { launchToken, reportTokenRefused } from './launch-token.ts';
import { createOffThreadFetch, type FetchInit, type TextAnswer } from './off-thread.ts';

/** A failed /api call: the server's error code and message, or a network failure. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

let sessionPromise: Promise<SessionInfo> | null = null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `error` of an ApiError answer ({ error: { code, message, issues? } }), or null. */
function apiError(json: unknown): { code: string; message: string; issues: string[] } | null {
  if (!isObject(json) || !isObject(json.error)) return null;
  const { code, message, issues } = json.error;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return {
    code,
    message,
    issues: Array.isArray(issues) ? issues.filter((i): i is string => typeof i === 'string') : [],
  };
}

/** The method, headers (with the launch token) and body of one call of the playground API. */
function requestInit(method: string, accept: string, body: unknown): FetchInit {
  const headers: Record<string, string> = { accept };
  const token = launchToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body === undefined) return { method, headers };
  headers['content-type'] = 'application/json';
  return { method, headers, body: JSON.stringify(body) };
}

/** A failure to connect as an ApiRequestError; an abort stays what it is. */
function networkFailure(cause: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return cause;
  return new ApiRequestError(
    0,
    'network',
    `The playground server did not answer (${String(cause)}). Is it still running?`,
  );
}

/** One fetch of the playground API with the launch token, its answer left to be read as it streams. */
async function request(
  method: string,
  path: string,
  accept: string,
  body: unknown,
  signal: AbortSignal | undefined,
): Promise<Response> {
  try {
    return await fetchHere(path, requestInit(method, accept, body), signal);
  } catch (cause) {
    throw networkFailure(cause, signal);
  }
}

/** A fetch of this origin on this thread. */
function fetchHere(path: string, init: FetchInit, signal: AbortSignal | undefined): Promise<Response> {
  return fetch(path, { ...init, credentials: 'same-origin', signal });
}

/** A fetch on this thread, its answer read whole. */
async function fetchText(path: string, init: FetchInit, signal?: AbortSignal): Promise<TextAnswer> {
  const res = await fetchHere(path, init, signal);
  return { ok: res.ok, status: res.status, statusText: res.statusText, text: await res.text() };
}

/** The same, made by the page's fetch worker (app/lib/fetch-worker.ts), or here when there is none. */
const fetchTextOffThread = createOffThreadFetch(
  () =>
    typeof Worker === 'undefined'
      ? null
      : new Worker(new URL('./fetch-worker.ts', import.meta.url), { type: 'module', name: 'playground-fetch' }),
  fetchText,
);

/** One fetch of the playground API with the launch token, its answer read whole; off the main thread if asked. */
async function requestText(
  method: string,
  path: string,
  body: unknown,
  signal: AbortSignal | undefined,
  offThread: boolean,
): Promise<TextAnswer> {
  const init = requestInit(method, 'application/json', body);
  try {
    return await (offThread ? fetchTextOffThread : fetchText)(path, init, signal);
  } catch (cause) {
    throw networkFailure(cause, signal);
  }
}

/** The error of an answer that is not ok, from its ApiError body when it has one. */
function failure(res: { status: number; statusText: string }, json: unknown): ApiRequestError {
  const error = apiError(json);
  if (!error)
    return new ApiRequestError(res.status, 'http', `The playground server answered ${res.status} ${res.statusText}.`);
  if (res.status === 401) {
    sessionPromise = null;
    reportTokenRefused();
  }
  return new ApiRequestError(res.status, error.code, error.message, error.issues);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal; offThread?: boolean } = {},
): Promise<T> {
  const res = await requestText(method, path, body, options.signal, options.offThread ?? false);
  const json = parseJson(res.text);
  if (!res.ok) throw failure(res, json);
  if (res.status === 204) return undefined as T;
  if (!isObject(json)) {
    throw new ApiRequestError(
      res.status,
      'contract',
      `The playground server sent an answer this page does not understand (${method} ${path}).`,
    );
  }
  return json as T;
}

/** The session (environments, demo keys, warnings); fetched once per page load. */
export function getSession(): Promise<SessionInfo> {
  sessionPromise ??= call<SessionInfo>('GET', '/api/session').catch((e: unknown) => {
    sessionPromise = null;
    throw e;
  });
  return sessionPromise;
}

/**
 * GET /api/feed: the environment's transaction feed, read as it streams (application/x-ndjson, one
 * FeedEvent a line), each event handed to `onEvent` as it arrives. Resolves when the server ends the
 * stream, and quietly when `signal` aborts it (which closes the upstream socket too); a refusal before
 * the stream starts (no key, a bad query, the launch token) rejects with an ApiRequestError.
 */
async function streamFeed(query: FeedQuery, onEvent: (event: FeedEvent) => void, signal: AbortSignal): Promise<void> {
  const params = new URLSearchParams({ environment: query.environment });
  if (query.demoKey) params.set('demoKey', query.demoKey);
  if (query.scheme) params.set('scheme', query.scheme);
  if (query.feed) params.set('feed', query.feed);
  if (query.clientId) params.set('clientId', query.clientId);
  if (query.partnerKey) params.set('partnerKey', query.partnerKey);
  const path = `/api/feed?${params}`;
  let res: Response;
  try {
    res = await request('GET', path, 'application/x-ndjson', undefined, signal);
  } catch (e) {
    if (signal.aborted) return;
    throw e;
  }
  if (!res.ok) throw failure(res, parseJson(await res.text()));
  if (!res.body) throw new ApiRequestError(res.status, 'contract', 'The playground server sent no feed stream.');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  const emit = (line: string) => {
    if (line.trim() === '') return;
    const event = parseJson(line);
    if (!isObject(event) || typeof event.type !== 'string')
      throw new ApiRequestError(
        res.status,
        'contract',
        `The feed sent a line this page does not understand (${path}).`,
      );
    onEvent(event as FeedEvent);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += value;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        emit(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    }
    emit(pending);
  } catch (e) {
    if (signal.aborted) return;
    if (e instanceof ApiRequestError) throw e;
    throw new ApiRequestError(0, 'network', `The feed stream from the playground server broke off (${String(e)}).`);
  } finally {
    reader.releaseLock();
  }
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const api = {
  session: getSession,
  /** Asked at every keystroke with the whole body: made by a worker, so the typing is not held up. */
  sign: (draft: SignRequest, signal?: AbortSignal) =>
    call<SignResponse>('POST', '/api/sign', draft, { signal, offThread: true }),
  send: (request: SendRequest) => call<RelayResult>('POST', '/api/send', request),
  /** How far a send given a `sendId` has got; a 404 once it has ended. */
  sendProgress: (sendId: string, signal?: AbortSignal) =>
    call<SendProgress>('GET', `/api/sends/${encodeURIComponent(sendId)}`, undefined, { signal }),
  /** Stops a send in flight; its POST /api/send then answers with the error code `cancelled`. */
  cancelSend: (sendId: string) =>
    call<SendCancelResponse>('POST', `/api/sends/${encodeURIComponent(sendId)}/cancel`, {}),
  history: (query: Partial<HistoryQuery>) => call<HistoryList>('GET', `/api/history${queryString(query)}`),
  historyEntry: (id: number) => call<HistoryEntry>('GET', `/api/history/${id}`),
  responseIds: (environment: Environment) =>
    call<ResponseIdsAnswer>('GET', `/api/response-ids?environment=${encodeURIComponent(environment)}`),
  deleteHistoryEntry: (id: number) => call<ApiOk>('DELETE', `/api/history/${id}`),
  clearHistory: () => call<ApiOk>('DELETE', '/api/history'),
  resend: (id: number, request: ReplayRequest = {}) => call<RelayResult>('POST', `/api/history/${id}/resend`, request),
  replay: (id: number, request: ReplayRequest) => call<RelayResult>('POST', `/api/history/${id}/replay`, request),
  setCredentials: (environment: Environment, credentials: CredentialsRequest) =>
    call<EnvironmentInfo>('PUT', `/api/credentials/${environment}`, credentials),
  deleteCredentials: (environment: Environment) => call<EnvironmentInfo>('DELETE', `/api/credentials/${environment}`),
  doctor: (request: DoctorRequest) => call<DoctorResponse>('POST', '/api/doctor', request),
  /** v1 answers a WalkthroughResponse; a draft with `scheme: "partner"` a PartnerWalkthroughResponse. */
  walkthrough: (draft: WalkthroughRequest) =>
    call<WalkthroughResponse | PartnerWalkthroughResponse>('POST', '/api/walkthrough', draft),
  feed: streamFeed,
  resetMock: () => call<MockResetResponse>('POST', '/api/mock/reset', {}),

  // The workbench: collections, saved requests, variables, open tabs, files.
  collections: () => call<CollectionList>('GET', '/api/collections'),
  createCollection: (request: CreateCollectionRequest) => call<CollectionSummary>('POST', '/api/collections', request),
  collection: (id: number) => call<CollectionDetail>('GET', `/api/collections/${id}`),
  updateCollection: (id: number, change: UpdateCollectionRequest) =>
    call<CollectionSummary>('PATCH', `/api/collections/${id}`, change),
  duplicateCollection: (id: number, name?: string) =>
    call<CollectionSummary>('POST', `/api/collections/${id}/duplicate`, name === undefined ? {} : { name }),
  deleteCollection: (id: number) => call<ApiOk>('DELETE', `/api/collections/${id}`),
  exportCollection: (id: number, format: FileFormat) =>
    call<ExportResponse>('GET', `/api/collections/${id}/export${queryString({ format })}`),
  /** Saves a request, or makes a folder, in a collection (at the end of its top unless placed). */
  addToCollection: (collectionId: number, request: CreateItemRequest) =>
    call<StoredItem>('POST', `/api/collections/${collectionId}/items`, request),
  renameItem: (id: number, name: string) => call<StoredItem>('PATCH', `/api/items/${id}`, { name }),
  moveItem: (id: number, move: MoveItemRequest) => call<StoredItem>('POST', `/api/items/${id}/move`, move),
  duplicateItem: (id: number, name?: string) =>
    call<StoredItem>('POST', `/api/items/${id}/duplicate`, name === undefined ? {} : { name }),
  deleteItem: (id: number) => call<ApiOk>('DELETE', `/api/items/${id}`),
  searchSavedRequests: (query: Partial<SavedRequestQuery>) =>
    call<SavedRequestSearch>('GET', `/api/saved-requests${queryString(query)}`),
  savedRequest: (id: number) => call<StoredRequest>('GET', `/api/saved-requests/${id}`),
  updateSavedRequest: (id: number, request: SavedRequest) =>
    call<StoredRequest>('PUT', `/api/saved-requests/${id}`, request),
  savedRequestHistory: (id: number, query: Partial<HistoryQuery> = {}) =>
    call<HistoryList>('GET', `/api/saved-requests/${id}/history${queryString(query)}`),
  variables: () => call<EnvironmentVariables>('GET', '/api/variables'),
  setVariables: (environment: Environment, variables: Variable[]) =>
    call<PutVariablesResponse>('PUT', `/api/variables/${environment}`, { variables }),
  workspace: () => call<WorkspaceState>('GET', '/api/workspace'),
  saveWorkspace: (request: PutWorkspaceRequest) => call<PutWorkspaceResponse>('PUT', '/api/workspace', request),
  importFile: (request: ImportRequest) => call<ImportResponse>('POST', '/api/import', request),
  /** The Partner API's keys: the X-API-KEY and/or a private key (PKCS#1 or PKCS#8), never returned. */
  setPartnerCredentials: (environment: Environment, request: PartnerCredentialsRequest) =>
    call<PartnerEnvironmentInfo>('PUT', `/api/partner-credentials/${environment}`, request),
  deletePartnerCredentials: (environment: Environment) =>
    call<PartnerEnvironmentInfo>('DELETE', `/api/partner-credentials/${environment}`),
  /** A new 2048-bit key pair made on the server: the answer has its public key only. */
  generatePartnerKeyPair: (environment: Environment) =>
    call<PartnerEnvironmentInfo>('POST', `/api/partner-credentials/${environment}/key-pair`, {}),
};
