import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { checkSite, type GuardVerdict, type PerimeterOptions } from './guard.ts';
import { ownUid, peerOwner } from './socket-owner.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * On everything the server answers besides /api: no other page may frame the playground (where
 * the token is kept, a framed page could be clicked through), no file is read as another type
 * than it is served as, no address of the playground is sent to the sites it links to, and no
 * window of another site that opens it keeps a hold on it.
 */
const PAGE_HEADERS: ReadonlyArray<[string, string]> = [
  ['x-frame-options', 'DENY'],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['cross-origin-opener-policy', 'same-origin'],
];

/**
 * The site checks in front of everything the web server answers besides /api (which the router
 * checks itself and answers in JSON): the page, module files, `/@fs/`, `/__open-in-editor`.
 */
export function createSiteGuard(
  options: () => PerimeterOptions,
  /** The page's Content-Security-Policy (content-policy.ts); by default no framing, and nothing else. */
  contentPolicy = "frame-ancestors 'none'",
): Middleware {
  return (req, res, next) => {
    if (isApiPath(req.url ?? '/')) {
      next();
      return;
    }
    let verdict = checkSite(req, options());
    if (verdict.ok && (req.url ?? '').startsWith('/__open-in-editor')) verdict = checkOpenInEditor(req);
    if (verdict.ok) {
      res.setHeader('content-security-policy', contentPolicy);
      for (const [name, value] of PAGE_HEADERS) res.setHeader(name, value);
      next();
      return;
    }
    req.resume();
    const text = `${verdict.message}\n`;
    res.statusCode = verdict.status;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text);
  };
}

/**
 * Vite's "open in editor" starts a program as the user who runs the playground, and its request
 * (the error overlay's fetch) cannot carry the launch token. So it is answered only for a
 * same-origin fetch (no other site) whose connection comes from a socket of that same user (no
 * other user of the machine: headers can be forged, the kernel's socket table cannot).
 */
function checkOpenInEditor(req: IncomingMessage): GuardVerdict {
  if (req.headers['sec-fetch-site'] !== 'same-origin')
    return {
      ok: false,
      status: 403,
      code: 'bad-origin',
      message: 'Refused: only the playground page itself may open files in the editor.',
    };
  const { remotePort, localPort } = req.socket;
  const uid = ownUid();
  const peer = remotePort === undefined || localPort === undefined ? null : peerOwner(remotePort, localPort);
  if (uid === null || peer !== uid)
    return {
      ok: false,
      status: 403,
      code: 'other-user',
      message:
        peer === null
          ? 'Refused: the editor is opened only for a request whose sender can be checked to be the user running the playground, and this one cannot.'
          : 'Refused: this request comes from another user of the machine; only the user running the playground may open files in the editor.',
    };
  return { ok: true };
}

function refuseUpgrade(socket: Duplex, verdict: Exclude<GuardVerdict, { ok: true }>): void {
  const text = `${verdict.message}\n`;
  socket.end(
    `HTTP/1.1 ${verdict.status} Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/**
 * Puts the site checks in front of every WebSocket upgrade of the server (Vite's HMR socket
 * included): the upgrade listeners present now are moved behind one that refuses first.
 */
export function guardUpgrades(server: Server, options: () => PerimeterOptions): void {
  const listeners = server.listeners('upgrade') as Array<(req: IncomingMessage, socket: Duplex, head: Buffer) => void>;
  server.removeAllListeners('upgrade');
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkSite(req, options());
    if (!verdict.ok) {
      socket.on('error', () => undefined);
      refuseUpgrade(socket, verdict);
      return;
    }
    for (const listener of listeners) listener.call(server, req, socket, head);
  });
}
