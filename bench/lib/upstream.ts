/**
 * A local upstream for large-response: the playground's sandbox environment points at it
 * (PLAYGROUND_SANDBOX_BASE_URL), and it answers GET {base}/big/BYTES with a JSON body of exactly BYTES
 * bytes, whatever the signature. GET /raw/BYTES gives the same bytes and / a blank page, so a bare page
 * on this origin can fetch them as the reference.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonBody } from './data.ts';

export interface Upstream {
  port: number;
  baseUrl: string;
  origin: string;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const bodies = new Map<number, Buffer>();
  const bodyOf = (bytes: number) => {
    let b = bodies.get(bytes);
    if (!b) {
      b = Buffer.from(jsonBody(bytes), 'utf8');
      bodies.set(bytes, b);
    }
    return b;
  };
  const server = http.createServer((req, res) => {
    const m = /^\/(?:qapi\/v1\/big|raw)\/(\d+)$/.exec(req.url ?? '');
    if (m) {
      const body = bodyOf(Number(m[1]));
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(body);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>reference</title><pre id="out"></pre>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/qapi/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Warms the cache so the first request is not slowed by building the body. */
export async function prepare(upstream: Upstream, bytes: number): Promise<void> {
  const res = await fetch(`${upstream.origin}/raw/${bytes}`);
  await res.arrayBuffer();
}
