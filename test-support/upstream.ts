/**
 * The family of fake upstreams: one recording server on 127.0.0.1 (HTTP, or HTTPS with the test
 * certificate in tls/), told how to answer by an `answer` function. faults.ts and
 * content-upstream.ts are answers for it; this file has the server, the record and the default answer.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** The self-signed certificate for localhost and 127.0.0.1 (tls/README.md): trust it with `ca`. */
export const TEST_TLS = {
  cert: readFileSync(new URL('./tls/test-upstream.crt', import.meta.url)),
  key: readFileSync(new URL('./tls/test-upstream.key', import.meta.url)),
};

export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
  /** True once the answer to this request was written to its end. */
  finished: boolean;
  /** Bytes the upstream has written on the connection while answering this request (head and body). */
  readonly bytesOut: number;
  /** Resolves when the answer is over: written to its end, or its connection gone. */
  settled: Promise<void>;
}

/** Answers one request whose body has been read (`received.body`). */
export type Answer = (received: Received, res: ServerResponse, req: IncomingMessage) => void;

export interface Upstream {
  port: number;
  /** http(s)://127.0.0.1:PORT */
  origin: string;
  /** origin + basePath (default /qapi/v1) */
  baseUrl: string;
  /** Every request received, in order. */
  received: Received[];
  /** Every connection accepted, open or closed. */
  sockets: Set<Socket>;
  server: Server;
  close(): Promise<void>;
}

export interface UpstreamOptions {
  answer?: Answer;
  /** HTTPS with TEST_TLS instead of HTTP. */
  tls?: boolean;
  basePath?: string;
  /** A fixed port (default a free one). */
  port?: number;
}

/** The default answer: 200 `{"ok":true}`. */
export const okAnswer: Answer = (_r, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
};

/** Starts a recording upstream: every request is read to its end, recorded, then answered. */
export async function startUpstream(opts: UpstreamOptions = {}): Promise<Upstream> {
  const answer = opts.answer ?? okAnswer;
  const basePath = opts.basePath ?? '/qapi/v1';
  const received: Received[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const socket = req.socket;
      const before = socket.bytesWritten;
      let final: number | null = null;
      let settle = (): void => undefined;
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
        finished: false,
        get bytesOut() {
          return (final ?? socket.bytesWritten) - before;
        },
        settled: new Promise<void>((resolve) => (settle = resolve)),
      };
      received.push(r);
      const over = (): void => {
        final ??= socket.bytesWritten;
        settle();
      };
      res.on('finish', () => {
        r.finished = true;
        over();
      });
      res.on('close', over);
      answer(r, res, req);
    });
  };
  const server: Server = opts.tls ? createTlsServer(TEST_TLS, handle) : createServer(handle);
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    port,
    origin,
    baseUrl: `${origin}${basePath}`,
    received,
    sockets,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
