import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { checkSite, type GuardVerdict, type PerimeterOptions } from './guard.ts';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * The site checks in front of everything the web server answers besides /api (which the router
 * checks itself and answers in JSON): the page, module files, `/@fs/`, `/__open-in-editor`.
 */
export function createSiteGuard(options: () => PerimeterOptions): Middleware {
  return (req, res, next) => {
    if (isApiPath(req.url ?? '/')) {
      next();
      return;
    }
    let verdict = checkSite(req, options());
    // Vite's "open in editor" spawns a program: only the page's own error overlay (a same-origin fetch) may ask.
    if (
      verdict.ok &&
      (req.url ?? '').startsWith('/__open-in-editor') &&
      req.headers['sec-fetch-site'] !== 'same-origin'
    ) {
      verdict = {
        ok: false,
        status: 403,
        code: 'bad-origin',
        message: 'Refused: only the playground page itself may open files in the editor.',
      };
    }
    if (verdict.ok) {
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
