/** The Qredo error shape: `{"code": <status>, "msg": "<text>", "detail": {"reason": "<text>"}}`. */
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

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

/** The same answer written on a raw socket, then closed: for a WebSocket handshake refused before the upgrade. */
export function writeResultToSocket(socket: Duplex, result: ApiResult): void {
  const text = JSON.stringify(result.body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    connection: 'close',
    ...result.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${result.status} ${MESSAGES[result.status] ?? 'Error'}\r\n${head}\r\n${text}`);
}
