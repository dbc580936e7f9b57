import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { describeIssues } from '../core/contract.ts';
import type { Redactor } from './security/redact.ts';

/** An error that becomes a JSON answer `{error:{code,message,issues?}}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
  }
}

/** Writes JSON through the redactor: no answer leaves without being scrubbed of secrets. */
export function sendJson(res: ServerResponse, redactor: Redactor, status: number, value: unknown): void {
  // Value by value, so that redaction can never turn the answer into invalid JSON.
  const text = JSON.stringify(redactor.scrubValue(value));
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

export function sendError(res: ServerResponse, redactor: Redactor, error: HttpError): void {
  sendJson(res, redactor, error.status, {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  });
}

/**
 * A request body of at most `limit` bytes, or null when it is larger (a declared content-length
 * over the limit is believed at once): the rest is then drained, not kept. The playground and both
 * embedded mocks read bodies with it.
 */
export function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('data', onData);
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Reads a request body up to `limit` bytes; past it, 413 without keeping the rest. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const body = await readUpTo(req, limit);
  if (body) return body;
  const declared = Number(req.headers['content-length']);
  throw new HttpError(
    413,
    'too-large',
    declared > limit
      ? `The request body is ${declared} bytes; the limit is ${limit}.`
      : `The request body is larger than the limit of ${limit} bytes.`,
  );
}

/** Reads and validates a JSON body against a contract schema: 400 with field messages when wrong. */
export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>, limit: number): Promise<T> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'bad-content-type', 'Send the request as JSON with content-type: application/json.');
  }
  const raw = await readBody(req, limit);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new HttpError(400, 'bad-json', `The request body is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new HttpError(400, 'invalid-request', `The request is not valid: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
}

/** Reads a query string against a contract schema: 400 with field messages when wrong. */
export function readQuery<T>(url: URL, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new HttpError(400, 'invalid-query', `The ${what} query is not valid: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
}
