/**
 * The only place in the page that calls fetch. Every answer is validated by the wire contract in
 * core/contract.ts; every state-changing call carries the per-session token.
 */
import type { z } from 'zod';
import {
  ApiError,
  ApiOk,
  CredentialsRequest,
  DoctorRequest,
  DoctorResponse,
  EnvironmentInfo,
  HistoryEntry,
  HistoryList,
  RelayResult,
  ReplayRequest,
  SendRequest,
  SessionInfo,
  SignRequest,
  SignResponse,
  TOKEN_HEADER,
  WalkthroughResponse,
  type WalkthroughRequest,
  type Environment,
  type HistoryQuery,
} from '../../core/contract.ts';

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

async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers[TOKEN_HEADER] = (await getSession()).token;
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiRequestError(
      0,
      'network',
      `The playground server did not answer (${String(cause)}). Is it still running?`,
    );
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // handled below
  }
  if (!res.ok) {
    const parsed = ApiError.safeParse(json);
    if (parsed.success) {
      if (parsed.data.error.code === 'bad-token') sessionPromise = null;
      throw new ApiRequestError(
        res.status,
        parsed.data.error.code,
        parsed.data.error.message,
        parsed.data.error.issues,
      );
    }
    throw new ApiRequestError(res.status, 'http', `The playground server answered ${res.status} ${res.statusText}.`);
  }
  if (res.status === 204) return undefined as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(
      res.status,
      'contract',
      `The playground server sent an answer this page does not understand (${method} ${path}).`,
    );
  }
  return parsed.data;
}

/** The session (token, environments, demo keys); fetched once per page load. */
export function getSession(): Promise<SessionInfo> {
  sessionPromise ??= call('GET', '/api/session', SessionInfo).catch((e: unknown) => {
    sessionPromise = null;
    throw e;
  });
  return sessionPromise;
}

export function refreshSession(): Promise<SessionInfo> {
  sessionPromise = null;
  return getSession();
}

function historyQueryString(query: Partial<HistoryQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const api = {
  session: getSession,
  sign: (draft: SignRequest) => call('POST', '/api/sign', SignResponse, draft),
  send: (request: SendRequest) => call('POST', '/api/send', RelayResult, request),
  history: (query: Partial<HistoryQuery>) => call('GET', `/api/history${historyQueryString(query)}`, HistoryList),
  historyEntry: (id: number) => call('GET', `/api/history/${id}`, HistoryEntry),
  deleteHistoryEntry: (id: number) => call('DELETE', `/api/history/${id}`, ApiOk),
  clearHistory: () => call('DELETE', '/api/history', ApiOk),
  resend: (id: number) => call('POST', `/api/history/${id}/resend`, RelayResult, {}),
  replay: (id: number, request: ReplayRequest) => call('POST', `/api/history/${id}/replay`, RelayResult, request),
  setCredentials: (environment: Environment, credentials: CredentialsRequest) =>
    call('PUT', `/api/credentials/${environment}`, EnvironmentInfo, credentials),
  deleteCredentials: (environment: Environment) => call('DELETE', `/api/credentials/${environment}`, EnvironmentInfo),
  doctor: (request: DoctorRequest) => call('POST', '/api/doctor', DoctorResponse, request),
  walkthrough: (draft: WalkthroughRequest) => call('POST', '/api/walkthrough', WalkthroughResponse, draft),
};
