/** Status codes, their standard meanings, and the Qredo error body. Pure; no React. */

const REASONS: Record<number, string> = {
  100: 'Continue',
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  418: "I'm a teapot",
  422: 'Unprocessable Content',
  425: 'Too Early',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
};

const CLASS_NAMES: Record<string, string> = {
  '1': 'Informational',
  '2': 'Success',
  '3': 'Redirection',
  '4': 'Client error',
  '5': 'Server error',
};

export type StatusTone = 'success' | 'redirect' | 'client-error' | 'server-error' | 'info' | 'error';

/** The standard reason phrase for a status, or the upstream's own text, or the class name. */
export function statusMeaning(status: number, upstreamText = ''): string {
  return REASONS[status] ?? (upstreamText.trim() || CLASS_NAMES[String(status).charAt(0)] || 'Unknown status');
}

/** "401 Unauthorized". */
export function statusLine(status: number, upstreamText = ''): string {
  return `${status} ${statusMeaning(status, upstreamText)}`;
}

export function statusTone(status: number | null): StatusTone {
  if (status === null) return 'error';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  if (status >= 200) return 'success';
  return 'info';
}

/** What a Qredo API error body says: `{"code":401,"msg":"…","detail":{"reason":"…"}}`. */
export interface QredoError {
  code: string;
  msg: string;
  reason: string | null;
}

/** Reads a Qredo error body; null when the text is not one (or too large to be one). */
export function readQredoError(body: string): QredoError | null {
  if (body.length > 64 * 1024) return null;
  const trimmed = body.trim();
  if (!trimmed.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const code = record['code'];
  const msg = record['msg'];
  if ((typeof code !== 'string' && typeof code !== 'number') || typeof msg !== 'string') return null;
  const detail = record['detail'];
  let reason: string | null = null;
  if (typeof detail === 'object' && detail !== null) {
    const r = (detail as Record<string, unknown>)['reason'];
    if (typeof r === 'string' && r !== '') reason = r;
  }
  return { code: String(code), msg, reason };
}

/** Plain-language hints for the reasons the mock and the real API give on a 401/403. */
export function reasonHint(reason: string): string | null {
  const r = reason.toLowerCase();
  if (r.includes('signature'))
    return 'The signature did not match. Compare the string to sign with what the server expects: timestamp, method, full URL and the exact body bytes.';
  if (r.includes('timestamp') || r.includes('expired'))
    return 'The timestamp was missing, in the wrong unit or outside the accepted window.';
  if (r.includes('permission') || r.includes('privilege')) return 'The key lacks the permission this operation needs.';
  if (r.includes('account'))
    return 'This operation is not available to this kind of account (organization or personal).';
  if (r.includes('token') || r.includes('key')) return 'The API key id was missing or not recognised.';
  return null;
}
