/**
 * The mock's own control endpoint, outside /qapi/v1 so that no Qredo client can meet it:
 * `POST /__mock/reset` puts the server back to its seeded state (`npm run mock -- --reset`).
 *
 * Only from this machine, and never from a web page: the connection must come from a loopback
 * address, the Host header must name a loopback host (a DNS-rebinding page cannot), and a request
 * carrying an Origin header (which browsers add to cross-site POSTs) is refused.
 */
import type { IncomingMessage } from 'node:http';
import { isLoopback } from '../config/config.ts';
import { type ApiResult, errorResult } from './errors.ts';
import type { MockState } from './state.ts';

export const ADMIN_PREFIX = '/__mock';
export const RESET_PATH = `${ADMIN_PREFIX}/reset`;

/** The host part of a Host header value: `127.0.0.1:8002` → `127.0.0.1`, `[::1]:8002` → `[::1]`. */
function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  const colon = header.lastIndexOf(':');
  return colon >= 0 ? header.slice(0, colon) : header;
}

function fromLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return isLoopback(address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address);
}

/** Answers a request under /__mock; the caller reads no body for it. */
export function handleAdmin(req: IncomingMessage, path: string, state: MockState): ApiResult {
  if (path !== RESET_PATH)
    return errorResult(404, `no mock control endpoint at ${path}; the one there is POST ${RESET_PATH}`);
  if (req.method !== 'POST') return errorResult(405, `use POST ${RESET_PATH}`, { allow: 'POST' });
  if (!fromLoopback(req.socket.remoteAddress))
    return errorResult(403, `${RESET_PATH} answers only connections from this machine`);
  if (!isLoopback(hostName((req.headers.host ?? '').toLowerCase())))
    return errorResult(403, `${RESET_PATH} answers only requests addressed to a loopback host`);
  if (req.headers.origin !== undefined)
    return errorResult(403, `${RESET_PATH} does not answer web pages; run npm run mock -- --reset`);
  state.reset();
  return { status: 200, body: { reset: true, seed: state.seed } };
}
