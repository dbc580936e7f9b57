/**
 * Signing helpers for the tests of the embedded Qredo API v1, on top of the raw client
 * (http-client.ts): headers signed over exactly the inputs given, so each signed element can be
 * tampered with on its own. openFeed() and refusedFeed() do the same for the transaction feed's
 * WebSocket handshake.
 */
import WebSocket from 'ws';
import type { DemoKey } from '../core/contract.ts';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  buildStringToSign,
  decodeSecret,
  sign,
} from '../core/signing/index.ts';
import { nodeHmac } from '../server/crypto.ts';
import { findDemoKey } from '../server/mock/keys.ts';
import { rawRequest, type Answer } from './http-client.ts';

/** The three headers for a request signed with a demo key over exactly these inputs. */
export async function signHeaders(
  keyName: DemoKey,
  input: { timestamp: string; method: string; url: string; body: string | null },
): Promise<Record<string, string>> {
  const key = findDemoKey(keyName);
  const secret = decodeSecret(key.secret);
  if (!secret.ok) throw new Error(secret.error);
  const signature = await sign(nodeHmac, secret.key, buildStringToSign(input));
  return { [HEADER_KEY]: key.keyId, [HEADER_TIMESTAMP]: input.timestamp, [HEADER_SIGNATURE]: signature.value };
}

/** A correctly signed request to the mock at `port` (path relative to /qapi/v1). */
export async function signedRequest(
  port: number,
  keyName: DemoKey,
  method: string,
  path: string,
  opts: { body?: string | null; timestamp: string },
): Promise<Answer> {
  const target = `/qapi/v1${path}`;
  const body = opts.body ?? null;
  const headers = await signHeaders(keyName, {
    timestamp: opts.timestamp,
    method,
    url: `http://127.0.0.1:${port}${target}`,
    body,
  });
  return rawRequest({ port, method, target, headers, body });
}

export interface FeedOptions {
  /** The `qredo-api-ts` value, also the one signed. */
  timestamp: string;
  /** Host header sent and signed; default 127.0.0.1:PORT. */
  host?: string;
  /** The URL signed, when a test signs another on purpose; default ws://HOST/qapi/v1/transactions/feed. */
  signedUrl?: string;
  /** Request target; default /qapi/v1/transactions/feed. */
  target?: string;
  /** Headers sent instead of the signed three (to leave one out, for instance). */
  headers?: Record<string, string>;
}

export interface FeedClient {
  /** Every message received so far, parsed. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read messages field by field
  messages: any[];
  /** The next message not yet taken by next(), waiting for it if need be. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  next(): Promise<any>;
  /** Resolves when the server closes the connection. */
  closed: Promise<number>;
  close(): Promise<void>;
}

export interface FeedRefusal {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field
  json: any;
}

async function feedSocket(port: number, keyName: DemoKey, opts: FeedOptions): Promise<WebSocket> {
  const host = opts.host ?? `127.0.0.1:${port}`;
  const target = opts.target ?? '/qapi/v1/transactions/feed';
  const headers =
    opts.headers ??
    (await signHeaders(keyName, {
      timestamp: opts.timestamp,
      method: 'GET',
      url: opts.signedUrl ?? `ws://${host}${target}`,
      body: null,
    }));
  const ws = new WebSocket(`ws://127.0.0.1:${port}${target}`, { headers: { ...headers, host } });
  ws.on('error', () => undefined); // refusals are read from 'unexpected-response'
  return ws;
}

/** Tries the feed's handshake with signed headers: the open feed, or the HTTP answer that refused it. */
export async function tryFeed(
  port: number,
  keyName: DemoKey,
  opts: FeedOptions,
): Promise<{ client: FeedClient } | { refusal: FeedRefusal }> {
  return settleFeed(await feedSocket(port, keyName, opts));
}

/** A feed socket as a FeedClient once it opens, or the HTTP answer that refused its handshake. */
export function settleFeed(ws: WebSocket): Promise<{ client: FeedClient } | { refusal: FeedRefusal }> {
  const messages: unknown[] = [];
  const waiting: Array<(m: unknown) => void> = [];
  let taken = 0;
  ws.on('message', (data) => {
    const message: unknown = JSON.parse(String(data));
    messages.push(message);
    waiting.shift()?.(message);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve) => {
    ws.once('open', () =>
      resolve({
        client: {
          messages,
          next: () => {
            const index = taken++;
            return index < messages.length
              ? Promise.resolve(messages[index])
              : new Promise((done) => waiting.push(done));
          },
          closed,
          close: async () => {
            ws.close();
            await closed;
          },
        },
      }),
    );
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          // Not JSON: json stays undefined.
        }
        resolve({ refusal: { status: res.statusCode ?? 0, headers: res.headers, json } });
      });
    });
  });
}

/** Opens the mock's transaction feed with signed handshake headers; rejects if the handshake is refused. */
export async function openFeed(port: number, keyName: DemoKey, opts: FeedOptions): Promise<FeedClient> {
  const result = await tryFeed(port, keyName, opts);
  if ('refusal' in result) throw new Error(`feed handshake refused: ${result.refusal.status}`);
  return result.client;
}

/** Tries the feed's handshake expecting a refusal; resolves with the HTTP answer, rejects if it opens. */
export async function refusedFeed(port: number, keyName: DemoKey, opts: FeedOptions): Promise<FeedRefusal> {
  const result = await tryFeed(port, keyName, opts);
  if ('client' in result) {
    await result.client.close();
    throw new Error('the feed handshake was accepted');
  }
  return result.refusal;
}
