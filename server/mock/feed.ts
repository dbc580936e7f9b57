/**
 * GET /qapi/v1/transactions/feed: the Web3 API's transaction feed, a WebSocket that streams one
 * txFeedStatus message each time a transaction of the key's account reaches a new stage
 * (created → pending → authorized → approved, the timeline of transactions.ts).
 *
 * The handshake is authenticated as the mock's own convention (the real one is undocumented): the
 * three v1 headers, signed exactly as an HTTP request is (auth.ts) over
 * `timestamp + "GET" + "ws://" + Host header + request target`, with no body. A refused handshake
 * gets the usual HTTP error answer (401 with its reason, 403, 429, 503, …) and is never upgraded.
 *
 * Messages follow the server clock: `flush()` sends every stage reached by `now()` that a client has
 * not had yet, oldest first, each as it stood at its own stage time. The server flushes after every
 * request and every 250 ms while a client is connected; with an injected clock a test moves the clock
 * and calls flush() itself, so no test waits on a timer. A client hears about the transactions that
 * move after it connected, not about stages reached before.
 */
import { itemAt } from '../../core/checked.ts';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AuthInput, authenticate } from './auth.ts';
import { type ApiResult, errorResult, writeResultToSocket } from './errors.ts';
import { authorize } from './routes.ts';
import type { MockState } from './state.ts';
import { type TxRecord, feedStatusAt, stagesReached } from './transactions.ts';

export const FEED_PATH = '/transactions/feed';
/** How often the server flushes on its own while a client is connected. */
export const FEED_FLUSH_INTERVAL_MS = 250;
/** Clients only listen; anything bigger than this that they send closes the connection. */
const MAX_CLIENT_MESSAGE_BYTES = 4096;

interface Subscriber {
  ws: WebSocket;
  accountID: string;
  /** Stages already sent (or reached before connecting), per transaction. */
  sent: Map<string, number>;
}

export class FeedHub {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly state: MockState,
    private readonly now: () => number,
  ) {
    // After a reset the transactions are new: start every client's bookkeeping from the new state.
    state.onReset(() => {
      for (const s of this.subscribers) s.sent = this.reachedNow(s.accountID);
    });
  }

  /** Streams the account's transactions to this client from now on. */
  attach(ws: WebSocket, accountID: string): void {
    const subscriber: Subscriber = { ws, accountID, sent: this.reachedNow(accountID) };
    this.subscribers.add(subscriber);
    ws.on('close', () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stopTimer();
    });
    ws.on('error', () => ws.terminate());
    this.timer ??= setInterval(() => this.flush(), FEED_FLUSH_INTERVAL_MS).unref();
  }

  /** Sends every stage reached by now() that a client has not had yet, in the order the stages happened. */
  flush(): void {
    if (this.subscribers.size === 0) return;
    const nowMs = this.now();
    for (const s of this.subscribers) {
      const due: Array<{ tx: TxRecord; atMs: number; index: number }> = [];
      // Rebuilt each time, so transactions the store has let go of are forgotten here too.
      const sent = new Map<string, number>();
      for (const tx of this.state.store.forAccount(s.accountID)) {
        const reached = stagesReached(tx, nowMs);
        for (let i = s.sent.get(tx.txID) ?? 0; i < reached; i++)
          due.push({ tx, atMs: itemAt(tx.stages, i).atMs, index: i });
        sent.set(tx.txID, reached);
      }
      s.sent = sent;
      due.sort((a, b) => a.atMs - b.atMs || a.tx.createdAtMs - b.tx.createdAtMs || a.index - b.index);
      for (const d of due) s.ws.send(JSON.stringify(feedStatusAt(d.tx, d.atMs)));
    }
  }

  /** Closes every client (the server is stopping). */
  close(): void {
    this.stopTimer();
    for (const s of this.subscribers) s.ws.terminate();
    this.subscribers.clear();
  }

  private reachedNow(accountID: string): Map<string, number> {
    const nowMs = this.now();
    return new Map(this.state.store.forAccount(accountID).map((tx) => [tx.txID, stagesReached(tx, nowMs)]));
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** Other schemes a client may have signed by mistake, each with what to say about it. */
const SCHEME_HINTS: Array<[NonNullable<AuthInput['scheme']>, string]> = [
  ['http', 'it was signed over http://…; the feed handshake signs ws://HOST/qapi/v1/transactions/feed'],
  ['wss', 'it was signed over wss://…; the embedded mock is plain ws://, so sign ws://HOST/qapi/v1/transactions/feed'],
];

/**
 * The server's 'upgrade' listener: checks the handshake as an HTTP request is checked (prefix,
 * authentication, the fault keys, routing, permissions), then upgrades GET /transactions/feed only.
 */
export function createFeedUpgradeHandler(options: {
  basePath: string;
  state: MockState;
  hub: FeedHub;
  now: () => number;
  windowSeconds: number;
  /** One line per handshake: method, path, status (101 when upgraded). Never headers. */
  log?: (line: string) => void;
}) {
  const { basePath, state, hub } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });

  async function check(req: IncomingMessage): Promise<ApiResult | { accountID: string }> {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q >= 0 ? target.slice(0, q) : target;
    if (!(path === basePath || path.startsWith(`${basePath}/`)))
      return errorResult(404, `not found: the Qredo API v1 mock answers only under ${basePath}`);
    const input: AuthInput = {
      scheme: 'ws',
      method: req.method ?? 'GET',
      host: req.headers.host,
      target,
      headers: req.headers,
      body: new Uint8Array(0),
      nowMs: options.now(),
      windowSeconds: options.windowSeconds,
    };
    const auth = await authenticate(input);
    if (!auth.ok) {
      let reason = auth.reason;
      if (reason.startsWith('signature mismatch')) {
        for (const [scheme, hint] of SCHEME_HINTS)
          if ((await authenticate({ ...input, scheme })).ok) reason = `${reason}; ${hint}`;
      }
      return errorResult(auth.status, reason);
    }
    const fault = state.faults.check(auth.key);
    if (fault) return fault;
    const found = authorize({ method: input.method, path: path.slice(basePath.length), key: auth.key, state });
    if (!found.ok) return found.result;
    if (found.route.path !== FEED_PATH)
      return errorResult(
        400,
        `only GET ${FEED_PATH} is a WebSocket; ${found.route.method} ${found.route.path} is a plain HTTP request`,
      );
    return { accountID: found.account.accountID };
  }

  return function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    check(req).then(
      (verdict) => {
        const line = `${req.method ?? '?'} ${(req.url ?? '').split('?')[0]}`;
        if ('status' in verdict) {
          writeResultToSocket(socket, verdict);
          options.log?.(`${line} ${verdict.status}`);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          options.log?.(`${line} 101`);
          // A client that talks is ignored; one that sends too much is closed by ws (maxPayload).
          ws.on('message', () => undefined);
          hub.attach(ws, verdict.accountID);
        });
      },
      () => writeResultToSocket(socket, errorResult(500, 'internal error in the mock')),
    );
  };
}
