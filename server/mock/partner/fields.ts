/**
 * Reading request bodies and query parameters for the Partner API mock. A reader that meets a wrong
 * value throws an HttpError with a reason naming the field; the router turns it into the answer.
 * Bodies are parsed only after the signature has been verified over their raw bytes.
 */
import { type ApiResult, errorResult } from '../errors.ts';

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    reason: string,
  ) {
    super(reason);
  }
  toResult(): ApiResult {
    return errorResult(this.status, this.message);
  }
}

export const badRequest = (reason: string) => new HttpError(400, reason);
export const notFound = (reason: string) => new HttpError(404, reason);
export const conflict = (reason: string) => new HttpError(409, reason);

export type Json = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as a JSON object. An empty body reads as `{}` when `emptyIsObject`, else it is refused. */
export function readJsonObject(body: Uint8Array, emptyIsObject = false): Json {
  if (body.length === 0) {
    if (emptyIsObject) return {};
    throw badRequest('the request needs a JSON object body');
  }
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    throw badRequest("the body starts with a UTF-8 byte order mark, which JSON parsers such as Go's refuse");
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw badRequest('the body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('the body must be a JSON object');
  }
  return value as Json;
}

export function asObject(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`"${field}" must be an object`);
  return value as Json;
}

export function optionalString(obj: Json, field: string, prefix = ''): string {
  const v = obj[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw badRequest(`"${prefix}${field}" must be a string`);
  return v;
}

export function requiredString(obj: Json, field: string, prefix = ''): string {
  const v = obj[field];
  if (v === undefined || v === null) throw badRequest(`"${prefix}${field}" is required`);
  if (typeof v !== 'string') throw badRequest(`"${prefix}${field}" must be a string`);
  if (v.trim() === '') throw badRequest(`"${prefix}${field}" must not be empty`);
  return v;
}

/**
 * A positive whole number of base units (amounts are never fractions: docs/partner-api.md,
 * "Core workflow").
 */
export function requiredAmount(obj: Json, field: string, prefix = ''): number {
  const v = obj[field];
  if (v === undefined || v === null) throw badRequest(`"${prefix}${field}" is required`);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    throw badRequest(
      `"${prefix}${field}" must be a positive whole number of base units (satoshi, gwei); got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/**
 * Epoch seconds, as a number or a numeric string (the swagger types `expires` as a string:
 * docs/partner-api.md, "Discrepancies between sources").
 */
export function requiredEpochSeconds(obj: Json, field: string): number {
  const v = obj[field];
  if (v === undefined || v === null || v === '') throw badRequest(`"${field}" is required (Unix seconds)`);
  const n = typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
    throw badRequest(`"${field}" must be Unix seconds, a whole number; got ${JSON.stringify(v)}`);
  }
  if (n > 99_999_999_999) throw badRequest(`"${field}" ${n} looks like milliseconds: send Unix seconds`);
  return n;
}

export function optionalStringArray(obj: Json, field: string, prefix = ''): string[] | null {
  const v = obj[field];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw badRequest(`"${prefix}${field}" must be an array of strings`);
  return v as string[];
}

/** A query parameter that must be a whole number within bounds, or its default when absent. */
export function queryInt(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest(
      `query parameter "${name}" must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}

export function queryEnum<T extends string>(
  query: URLSearchParams,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw badRequest(`query parameter "${name}" must be one of ${values.join(', ')}; got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}
