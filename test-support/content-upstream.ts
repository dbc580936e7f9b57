/**
 * A stand-in for a remote Qredo environment, for the answers the embedded mock never gives: large
 * JSON bodies, HTML with script tags, binary bytes, a connection closed without an answer. It does
 * not check signatures. The e2e playgrounds point sandbox (and production, where a spec asks) at it;
 * the bench's large-response row points sandbox at it and fetches the same bytes from a bare page.
 *
 *   /qapi/v1/large?size=N   JSON of about N bytes (default 3,000,000)
 *   /qapi/v1/big/N          JSON of exactly N bytes (jsonBody), kept for the next request
 *   /raw/N                  the same bytes as /qapi/v1/big/N, for a bare page on this origin
 *   /qapi/v1/html           text/html with <script> tags
 *   /qapi/v1/binary         application/octet-stream bytes
 *   /qapi/v1/close          the socket is destroyed before any answer
 *   /qapi/v1/deep?depth=N   JSON nested N levels deep (default 10,000)
 *   /qapi/v1/big-header     a 12 KB header value beside a small JSON body
 *   /qapi/v1/transactions/feed  401 in Qredo's error shape, as a feed that refuses the handshake
 *   /qapi/v1/slow?ms=N      a small JSON answer after thinking N ms (default 800, at most 10,000)
 *   /qapi/v1/trickle?size=N&chunk=C&everyMs=T
 *                           N bytes (default 20,000,000) announced in Content-Length, sent C bytes
 *                           (default 65,536) every T ms (default 20): a long download to watch or cancel
 *   /                       a blank HTML page (the bare page's origin)
 *   anything else           a small JSON echo of method and path
 */
import { jsonBody, largeJson } from './bodies.ts';
import { startUpstream, type Answer, type Upstream } from './upstream.ts';

export function contentAnswer(): Answer {
  const exact = new Map<number, Buffer>();
  const exactBody = (bytes: number): Buffer => {
    let b = exact.get(bytes);
    if (!b) exact.set(bytes, (b = Buffer.from(jsonBody(bytes), 'utf8')));
    return b;
  };
  return (_r, res, req) => {
    const url = new URL(req.url ?? '/', 'http://upstream.test');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>reference</title><pre id="out"></pre>');
      return;
    }
    const big = /^\/(?:qapi\/v1\/big|raw)\/(\d+)$/.exec(url.pathname);
    if (big) {
      const body = exactBody(Number(big[1]));
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(body);
      return;
    }
    const route = url.pathname.replace(/^\/qapi\/v1/, '');
    if (route === '/close') {
      req.socket.destroy();
      return;
    }
    if (route === '/large') {
      const size = Math.min(Number(url.searchParams.get('size') ?? 3_000_000) || 3_000_000, 15_000_000);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(largeJson(size));
      return;
    }
    if (route === '/slow') {
      const ms = Math.min(Math.max(Number(url.searchParams.get('ms') ?? 800) || 0, 0), 10_000);
      const timer = setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ upstream: 'e2e', thoughtMs: ms }));
      }, ms);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (route === '/trickle') {
      const size = Math.min(Number(url.searchParams.get('size') ?? 20_000_000) || 20_000_000, 30_000_000);
      const chunk = Math.max(Number(url.searchParams.get('chunk') ?? 65_536) || 65_536, 1024);
      const everyMs = Math.max(Number(url.searchParams.get('everyMs') ?? 20) || 20, 1);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
      const filler = Buffer.alloc(chunk, 0x61);
      let sent = 0;
      const timer = setInterval(() => {
        const n = Math.min(chunk, size - sent);
        sent += n;
        if (sent >= size) {
          clearInterval(timer);
          res.end(filler.subarray(0, n));
        } else res.write(filler.subarray(0, n));
      }, everyMs);
      // The relay hung up (a cancelled send): stop sending.
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (route === '/html') {
      res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html><head><title>Bad gateway</title><script>document.title="pwned";window.__e2eInjected=true;</script></head>' +
          '<body><h1>Bad gateway</h1><img src=x onerror="window.__e2eInjected=true"><script>alert(1)</script></body></html>',
      );
      return;
    }
    if (route === '/deep') {
      const depth = Math.min(Number(url.searchParams.get('depth') ?? 10_000) || 10_000, 100_000);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"a":'.repeat(depth) + '"bottom"' + '}'.repeat(depth));
      return;
    }
    if (route === '/big-header') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-huge': 'h'.repeat(12 * 1024) });
      res.end('{"header":"huge"}');
      return;
    }
    if (route === '/transactions/feed') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"code":401,"msg":"Unauthorized","detail":{"reason":"the e2e upstream refuses every feed handshake"}}');
      return;
    }
    if (route === '/binary') {
      const bytes = Buffer.alloc(1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) & 0xff;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(bytes);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ upstream: 'e2e', method: req.method, path: url.pathname + url.search }));
  };
}

/** The content upstream on a free port (or `port`). */
export function startContentUpstream(opts: { port?: number } = {}): Promise<Upstream> {
  return startUpstream({ answer: contentAnswer(), ...opts });
}
