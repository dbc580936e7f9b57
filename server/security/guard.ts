import type { IncomingMessage } from 'node:http';

/**
 * The perimeter. Every request to the server, page files and dev-server internals included, must come
 * from this machine (the socket's remote address is loopback), name this server in `Host` (defeats DNS
 * rebinding) and not come from another site (`Origin`, `Sec-Fetch-Site`). Every /api call must also
 * carry the launch token as `Authorization: Bearer …`: loopback does not tell one user of the machine
 * from another, the token does.
 */
export interface PerimeterOptions {
  /** Compares a candidate with the launch token in force, in constant time. */
  matchesToken(candidate: string): boolean;
  /** Names besides localhost, 127.0.0.1 and [::1] under which the server is reached (the loopback HOST it is bound to). */
  extraHosts?: readonly string[];
  /** PLAYGROUND_ALLOW_REMOTE=1: other machines may connect; the launch token is then the only key. */
  allowRemote?: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; code: string; message: string };

/** A socket address on this machine: 127.0.0.0/8, ::1, or either written as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** A host name that can only mean this machine. */
export function isLoopbackName(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'localhost' || n === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(n);
}

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::([1-9]\d{0,4}))?$/i;
const OWN_NAMES = ['localhost', '127.0.0.1', '[::1]'];

function hostVerdict(req: IncomingMessage, opts: PerimeterOptions): GuardVerdict {
  const host = req.headers.host ?? '';
  const port = req.socket.localPort;
  const m = HOST_HEADER.exec(host);
  const name = m?.[1]?.toLowerCase();
  const extra = (opts.extraHosts ?? []).map((h) => h.toLowerCase());
  const knownName = name !== undefined && (OWN_NAMES.includes(name) || (isLoopbackName(name) && extra.includes(name)));
  // A browser leaves the port out of Host when it is the scheme's default, and never writes a leading zero.
  const rightPort = m?.[2] === undefined ? port === 80 : m[2] === String(port);
  if (knownName && rightPort) return { ok: true };
  return {
    ok: false,
    status: 403,
    code: 'bad-host',
    message: `Refused: the Host header ${JSON.stringify(host)} is not this playground (127.0.0.1:${port}).`,
  };
}

/** The checks every request to the server passes, whatever its path (page, /@fs/, /__open-in-editor, HMR). */
export function checkSite(req: IncomingMessage, opts: PerimeterOptions): GuardVerdict {
  if (!opts.allowRemote) {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      return {
        ok: false,
        status: 403,
        code: 'not-loopback',
        message:
          'Refused: the playground answers only this machine (start it with PLAYGROUND_ALLOW_REMOTE=1 to change that).',
      };
    }
    const host = hostVerdict(req, opts);
    if (!host.ok) return host;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${(req.headers.host ?? '').toLowerCase()}`) {
    return {
      ok: false,
      status: 403,
      code: 'bad-origin',
      message: `Refused: requests from ${JSON.stringify(origin)} may not use the playground.`,
    };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return {
      ok: false,
      status: 403,
      code: 'bad-origin',
      message: `Refused: a ${site} request may not use the playground. Open the playground's address directly in the address bar.`,
    };
  }
  return { ok: true };
}

/** The launch token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const value = req.headers.authorization;
  if (typeof value !== 'string') return null;
  const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(value);
  return m?.[1] ?? null;
}

/** The /api perimeter: the site checks, then the launch token on every call. */
export function checkApiRequest(req: IncomingMessage, opts: PerimeterOptions): GuardVerdict {
  const site = checkSite(req, opts);
  if (!site.ok) return site;
  const given = bearerToken(req);
  if (given === null || !opts.matchesToken(given)) {
    return {
      ok: false,
      status: 401,
      code: given === null ? 'token-required' : 'bad-token',
      message: `${given === null ? 'This call carries no launch token' : 'The launch token is not the one in force'}: open the address the playground printed in its terminal (http://…/#token=…), or print it again with: npm run cli -- token`,
    };
  }
  return { ok: true };
}
