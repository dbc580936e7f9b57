import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER } from '../../core/contract.ts';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export type GuardVerdict = { ok: true } | { ok: false; code: string; message: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The perimeter: only the playground's own page may use /api. The Host must be this server's own
 * loopback name and port (defeats DNS rebinding), the Origin when present must be that same origin,
 * and every state-changing call must carry the per-session token.
 */
export function checkRequest(req: IncomingMessage, opts: { token: string; extraHosts?: string[] }): GuardVerdict {
  const port = req.socket.localPort;
  const host = req.headers.host;
  const allowed = [...LOOPBACK_NAMES, ...(opts.extraHosts ?? [])].map((h) => `${h}:${port}`);
  if (!host || !allowed.includes(host.toLowerCase())) {
    return {
      ok: false,
      code: 'bad-host',
      message: `Refused: the Host header ${JSON.stringify(host ?? '')} is not this playground (${allowed[0]}).`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
    return {
      ok: false,
      code: 'bad-origin',
      message: `Refused: requests from ${JSON.stringify(origin)} may not use the playground.`,
    };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, code: 'bad-origin', message: `Refused: a ${site} request may not use the playground.` };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !sameToken(given, opts.token)) {
      return {
        ok: false,
        code: 'bad-token',
        message: `Refused: the ${TOKEN_HEADER} header is missing or out of date; reload the page to get a new session.`,
      };
    }
  }
  return { ok: true };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
