/** The Qredo error shape: `{"code": <status>, "msg": "<text>", "detail": {"reason": "<text>"}}`. */
import type { ServerResponse } from 'node:http';

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export function errorResult(status: number, reason: string, headers?: Record<string, string>): ApiResult {
  return {
    status,
    body: { code: status, msg: MESSAGES[status] ?? 'Error', detail: { reason } },
    ...(headers ? { headers } : {}),
  };
}

export function writeResult(res: ServerResponse, result: ApiResult, closeConnection = false): void {
  const text = JSON.stringify(result.body);
  res.writeHead(result.status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...(closeConnection ? { connection: 'close' } : {}),
    ...result.headers,
  });
  res.end(text);
}
