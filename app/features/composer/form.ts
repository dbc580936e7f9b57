/**
 * What the person types in the composer (the values of its form, lib/form-store.ts) and the pure mapping from those
 * values to the RequestDraft the server signs and sends. No React here.
 */
import { fillPath, OPERATIONS, operationTakesBody, type Operation } from '../../../core/catalogue.ts';
import type { DemoKey, Environment, HistoryEntry, PartnerDemoKey, RequestDraft } from '../../../core/contract.ts';
import { demoPartnerOf } from '../../../core/constants.ts';
import { PARTNER_OPERATIONS, type PartnerOperation } from '../../../core/partner/catalogue.ts';
import type { SchemeId } from '../../../core/schemes.ts';
import { headerNameProblem, headerValueProblem } from '../../../core/headers.ts';
import { unexpectedBody, type UnexpectedBody } from '../../../core/request-body.ts';
import { formatTimestamp, type TimestampUnit } from '../../../core/signing/timestamp.ts';
import { checkPath } from '../../../core/signing/url.ts';

export const STANDARD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** The Method select's value that reveals the free-text method field. */
export const OTHER_METHOD = 'OTHER';

export type TimestampMode = 'send-time' | 'pinned';
export type { TimestampUnit };

export interface TimestampSettings {
  mode: TimestampMode;
  /** The pinned value, exactly as it will be sent (used only in pinned mode). */
  pinned: string;
  unit: TimestampUnit;
}

/** An operation of either API's catalogue: Qredo API v1 or the Partner API. */
export type CatalogueOperation = Operation | PartnerOperation;

/** Partner API only: which header carries the value the payload starts with. */
export type Freshness = 'timestamp' | 'nonce';

export interface ComposerValues {
  /** Which API, and so which signing scheme and catalogue. */
  scheme: SchemeId;
  /** Where it goes, and (for the mock) which demo key signs it. */
  environment: Environment;
  demoKey: DemoKey;
  /** Partner API, mock: which demo partner signs. */
  partnerKey: PartnerDemoKey;
  /** Partner API: x-timestamp (timing applies) or x-nonce (`nonce`; '' = a fresh one on every send). */
  freshness: Freshness;
  nonce: string;
  /** The catalogue operation picked in "Endpoint", or '' for a custom request. */
  operationId: string;
  /** One of STANDARD_METHODS, or OTHER_METHOD to use `customMethod`. */
  method: string;
  customMethod: string;
  path: string;
  /** Path parameters and `archived`, by name. */
  params: Record<string, string>;
  /** The exact body text; '' means no body. */
  body: string;
  /**
   * A body set aside when an operation that takes none was picked ('' = none): kept, never sent,
   * and brought back with one click (or by picking an operation that takes a body).
   */
  bodyAside: string;
  /** Headers added to the signed ones, in order, exactly as typed (a row with neither name nor value is ignored). */
  headers: Array<{ name: string; value: string }>;
  timing: TimestampSettings;
}

export const DEFAULT_OPERATION_ID = 'get-balance';
export const DEFAULT_PARTNER_OPERATION_ID = 'partner-get-assets';
export const DEFAULT_PARTNER_KEY: PartnerDemoKey = 'partner-northwind';

export function defaultComposerValues(): ComposerValues {
  return {
    scheme: 'v1',
    environment: 'mock',
    demoKey: 'full',
    partnerKey: DEFAULT_PARTNER_KEY,
    freshness: 'timestamp',
    nonce: '',
    operationId: DEFAULT_OPERATION_ID,
    method: 'GET',
    customMethod: '',
    path: '/balance',
    params: {},
    body: '',
    bodyAside: '',
    headers: [],
    timing: { mode: 'send-time', pinned: '', unit: 'seconds' },
  };
}

/** The current time as a timestamp in the unit, to prefill a pinned value. */
export function currentTimestamp(unit: TimestampUnit): string {
  return formatTimestamp(Date.now(), unit);
}

/** The operations of one API's catalogue. */
export function catalogueOf(scheme: SchemeId): readonly CatalogueOperation[] {
  return scheme === 'partner' ? PARTNER_OPERATIONS : OPERATIONS;
}

export function findOperation(id: string): CatalogueOperation | undefined {
  return OPERATIONS.find((o) => o.id === id) ?? PARTNER_OPERATIONS.find((o) => o.id === id);
}

/**
 * Values after choosing the other API: its scheme, and its first operation in place of the one
 * picked (a v1 path means nothing to the Partner API); the environment and keys stay.
 */
export function valuesForScheme(values: ComposerValues, scheme: SchemeId): ComposerValues {
  if (values.scheme === scheme) return values;
  const id = scheme === 'partner' ? DEFAULT_PARTNER_OPERATION_ID : DEFAULT_OPERATION_ID;
  const operation = findOperation(id);
  if (!operation) throw new Error(`The default operation ${id} is not in the catalogue.`);
  const cleared: ComposerValues = { ...values, scheme, params: {}, body: '', bodyAside: '', headers: [] };
  // The Partner API's timestamps are seconds.
  if (scheme === 'partner') cleared.timing = { ...values.timing, unit: 'seconds' };
  return applyOperation(cleared, operation);
}

/** The method that will be signed: the select's value, or the free text when "Other" is chosen. */
export function effectiveMethod(values: Pick<ComposerValues, 'method' | 'customMethod'>): string {
  return values.method === OTHER_METHOD ? values.customMethod : values.method;
}

/**
 * The draft the server signs and sends. Nothing is trimmed or normalised: the method, path and body
 * are used exactly as typed. An empty body editor means no body (null), whatever the method.
 */
export function draftFromForm(values: ComposerValues): RequestDraft {
  const { environment, timing } = values;
  const draft: RequestDraft = {
    environment,
    method: effectiveMethod(values),
    path: values.path,
    body: values.body === '' ? null : values.body,
    timestampUnit: timing.unit,
  };
  if (values.scheme === 'partner') {
    draft.scheme = 'partner';
    draft.timestampUnit = 'seconds';
    if (values.freshness === 'nonce') draft.nonce = values.nonce;
    else if (timing.mode === 'pinned') draft.timestamp = timing.pinned;
    if (environment === 'mock') draft.partnerKey = values.partnerKey;
  } else {
    if (timing.mode === 'pinned') draft.timestamp = timing.pinned;
    if (environment === 'mock') draft.demoKey = values.demoKey;
  }
  const headers = values.headers.filter((h) => h.name !== '' || h.value !== '');
  if (headers.length > 0) draft.headers = headers.map(({ name, value }) => ({ name, value }));
  return draft;
}

/**
 * Values after picking an operation: method and path from the catalogue, known parameters kept.
 * An operation that takes no body sets the current body aside (never silently sent with a GET);
 * one that takes a body brings back the body set aside, or else its example, when the editor is blank.
 */
export function applyOperation(values: ComposerValues, operation: CatalogueOperation): ComposerValues {
  const params: Record<string, string> = {};
  for (const p of operation.params) params[p.name] = values.params[p.name] ?? '';
  let { body, bodyAside } = values;
  if (!operationTakesBody(operation)) {
    if (body !== '') [body, bodyAside] = ['', body];
  } else if (body.trim() === '') {
    if (bodyAside !== '') [body, bodyAside] = [bodyAside, ''];
    else if (operation.exampleBody) body = operation.exampleBody;
  }
  return {
    ...values,
    operationId: operation.id,
    method: operation.method,
    customMethod: '',
    params,
    path: fillPath(operation, params),
    body,
    bodyAside,
  };
}

/** "Restore body": the body set aside comes back; a body in the editor takes its place aside. */
export function restoreBodyAside(
  values: Pick<ComposerValues, 'body' | 'bodyAside'>,
): Pick<ComposerValues, 'body' | 'bodyAside'> {
  return { body: values.bodyAside, bodyAside: values.body };
}

/** "Set body aside": the editor is emptied and its text kept aside, to be restored with one click. */
export function setBodyAside(
  values: Pick<ComposerValues, 'body' | 'bodyAside'>,
): Pick<ComposerValues, 'body' | 'bodyAside'> {
  return values.body === '' ? values : { body: '', bodyAside: values.body };
}

/** The body of the composed request when neither its method nor its operation takes one, else null. */
export function composerUnexpectedBody(
  values: Pick<ComposerValues, 'method' | 'customMethod' | 'operationId' | 'body'>,
): UnexpectedBody | null {
  if (values.body === '') return null;
  const operation = findOperation(values.operationId);
  return unexpectedBody(effectiveMethod(values), values.body, {
    operationTakesNoBody: operation !== undefined && !operationTakesBody(operation),
  });
}

/** A header row's name: true when it can be sent (or the row is empty and left out), else why not (core/headers.ts). */
export function validateHeaderName(name: string, value: string): true | string {
  if (name === '' && value === '') return true;
  return headerNameProblem(name) ?? true;
}

/** A header row's value: true when it can be sent as typed, else why not. */
export function validateHeaderValue(name: string, value: string): true | string {
  if (name === '' && value === '') return true;
  return headerValueProblem(value) ?? true;
}

/** Problems with a path parameter value, or true when it is fine. */
export function validatePathParam(value: string | undefined, name: string, path: string): true | string {
  const v = value ?? '';
  // Required only while the path still has its placeholder: a path edited by hand wins.
  if (v === '' && path.includes(`{${name}}`)) return `${name} is required`;
  if (v.includes('/')) return `${name} must not contain "/"`;
  return true;
}

function methodFields(method: string): Pick<ComposerValues, 'method' | 'customMethod'> {
  return (STANDARD_METHODS as readonly string[]).includes(method)
    ? { method, customMethod: '' }
    : { method: OTHER_METHOD, customMethod: method };
}

/** The catalogue operation whose method and path template match, with the parameter values found. */
export function matchOperation(
  method: string,
  path: string,
  scheme: SchemeId = 'v1',
): { operation: CatalogueOperation; params: Record<string, string> } | null {
  const [pathPart = '', query = ''] = path.split('?', 2);
  // Fixed paths first: /company/search is not /company/{company_id}.
  const ordered = [...catalogueOf(scheme)].sort(
    (a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0),
  );
  for (const op of ordered) {
    if (op.method !== method) continue;
    const names: string[] = [];
    const pattern = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_w, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const m = new RegExp(`^${pattern}$`).exec(pathPart);
    if (!m) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      const raw = m[i + 1] ?? '';
      // The placeholder itself, typed or left by hand, is no value.
      if (raw === `{${name}}`) {
        params[name] = '';
        return;
      }
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    const search = new URLSearchParams(query);
    for (const p of op.params) if (p.in === 'query') params[p.name] = search.get(p.name) ?? '';
    return { operation: op, params };
  }
  return null;
}

/**
 * After the person edits method or path by hand: null while they still fit the picked operation
 * (its template, whatever the parameter values), otherwise the operation they now match (with the
 * parameter values read from the path) or none ('' = "Custom request").
 */
export function operationAfterEdit(
  values: Pick<ComposerValues, 'operationId' | 'method' | 'customMethod' | 'path'> &
    Partial<Pick<ComposerValues, 'scheme'>>,
): Pick<ComposerValues, 'operationId' | 'params'> | null {
  const match = matchOperation(effectiveMethod(values), values.path, values.scheme);
  if (match && match.operation.id === values.operationId) return null;
  if (!match && values.operationId === '') return null;
  return { operationId: match?.operation.id ?? '', params: match?.params ?? {} };
}

/**
 * The timestamp settings an entry was sent with: its unit (19 digits are nanoseconds), and pinned to
 * its very timestamp when it was pinned (or replayed); at send time otherwise, and for entries
 * recorded before history kept that.
 */
export function timingFromEntry(
  entry: Pick<HistoryEntry, 'timestamp' | 'timestampAtSendTime'>,
  current: TimestampSettings,
): TimestampSettings {
  const unit: TimestampUnit = entry.timestamp.length >= 17 ? 'nanoseconds' : 'seconds';
  return entry.timestampAtSendTime === false
    ? { mode: 'pinned', pinned: entry.timestamp, unit }
    : { mode: 'send-time', pinned: current.pinned, unit };
}

/**
 * Values for "load into composer": the request as it was sent, with its environment, key (for the
 * mock, the demo key that owns the key id, else the full one) and timestamp settings.
 */
export function valuesFromEntry(
  entry: HistoryEntry,
  current: ComposerValues,
  demoKeyOf: (keyId: string) => DemoKey | null = () => null,
): ComposerValues {
  const scheme: SchemeId = entry.scheme ?? 'v1';
  const match = matchOperation(entry.request.method, entry.request.path, scheme);
  const nonce = entry.stringToSign.segments.find((s) => s.name === 'nonce');
  const partnerKey = demoPartnerOf(entry.keyId) ?? current.partnerKey;
  return {
    ...current,
    scheme,
    environment: entry.environment,
    demoKey: entry.environment === 'mock' && scheme === 'v1' ? (demoKeyOf(entry.keyId) ?? 'full') : current.demoKey,
    partnerKey: scheme === 'partner' && entry.environment === 'mock' ? partnerKey : current.partnerKey,
    // A nonce is never reused: a fresh one on the next send.
    freshness: scheme === 'partner' && nonce ? 'nonce' : 'timestamp',
    nonce: '',
    ...methodFields(entry.request.method),
    operationId: match?.operation.id ?? '',
    params: match?.params ?? {},
    path: entry.request.path,
    body: entry.request.body ?? '',
    // The loaded request replaces the composed one whole, a body set aside for it included.
    bodyAside: '',
    headers: (entry.request.extraHeaders ?? []).map(({ name, value }) => ({ name, value })),
    timing: timingFromEntry(entry, current.timing),
  };
}

/** A one-click fix for a path problem: a corrected path, or the parameter field to fill in. */
export type PathFix = { kind: 'path'; label: string; path: string } | { kind: 'param'; label: string; param: string };

export interface PathProblem {
  message: string;
  fix: PathFix | null;
}

/**
 * The path with the characters the relay cannot send as typed (controls, space, non-ASCII)
 * percent-encoded as UTF-8, or null when one cannot be (a lone surrogate has no UTF-8 form).
 */
function encodeUnsendable(path: string): string | null {
  try {
    return path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    return null;
  }
}

/**
 * What is wrong with the path, said at the Path field, and how to fix it in one click when that can
 * be done: the server's own path rules (core checkPath) first, then a `{placeholder}` left unfilled,
 * which would otherwise be signed and sent with its braces.
 */
export function pathProblem(values: Pick<ComposerValues, 'path' | 'params' | 'operationId'>): PathProblem | null {
  const { path } = values;
  const checked = checkPath(path);
  if (!checked.ok) {
    // The fix for the rule that failed, taken in checkPath's order.
    let fix: PathFix | null = null;
    if (path !== '' && !path.startsWith('/')) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(path)) fix = { kind: 'path', label: 'Add the leading "/"', path: `/${path}` };
    } else if (!path.startsWith('//') && path.length <= 2048 && /[^\x21-\x7e]/u.test(path)) {
      const encoded = encodeUnsendable(path);
      if (encoded !== null) fix = { kind: 'path', label: 'Percent-encode it', path: encoded };
    }
    return { message: checked.error, fix };
  }
  // A {{variable}} is expanded before signing: it is not a placeholder left unfilled.
  const name = /\{(\w+)\}/.exec((path.split('?', 1)[0] ?? '').replace(/\{\{[^{}]*\}\}/g, ''))?.[1];
  if (name !== undefined) {
    const operation = findOperation(values.operationId);
    const param = operation?.params.find((p) => p.name === name && p.in === 'path');
    if (!param) {
      return {
        message: `The path still has the placeholder {${name}}: replace it with a value, or it is sent with its braces.`,
        fix: null,
      };
    }
    const value = values.params[name] ?? '';
    if (value === '' || value.includes('/')) {
      return {
        message: `The path still has the placeholder {${name}}: fill in ${name} below.`,
        fix: { kind: 'param', label: `Fill in ${name}`, param: name },
      };
    }
    return {
      message: `The path still has the placeholder {${name}}, although ${name} is filled in.`,
      fix: {
        kind: 'path',
        label: `Use ${name} = ${value}`,
        path: path.replace(`{${name}}`, encodeURIComponent(value)),
      },
    };
  }
  return null;
}

/**
 * Values after importing a request into an environment: method, path and exact body, the Endpoint
 * picker following them; the timestamp settings and demo key stay as they were.
 */
export function valuesFromImport(
  fields: Pick<RequestDraft, 'method' | 'path' | 'body' | 'headers'>,
  environment: Environment,
  current: ComposerValues,
): ComposerValues {
  const match = matchOperation(fields.method, fields.path, current.scheme);
  return {
    ...current,
    ...methodFields(fields.method),
    environment,
    operationId: match?.operation.id ?? '',
    params: match?.params ?? {},
    path: fields.path,
    body: fields.body ?? '',
    bodyAside: '',
    headers: (fields.headers ?? []).map(({ name, value }) => ({ name, value })),
  };
}
