/**
 * Signing helpers for the tests of the embedded Partner API, on top of the raw client
 * (http-client.ts): each signed element can be changed on its own.
 */
import { createPrivateKey, sign } from 'node:crypto';
import {
  PARTNER_BASE_PATH,
  type PartnerValueKind,
  type RsaSha256Signer,
  buildPartnerPayload,
  partnerSignedHeaders,
  signPartner,
} from '../core/partner/index.ts';
import { findPartnerDemoKey } from '../server/mock/partner/keys.ts';
import WebSocket from 'ws';
import { rawRequest, type Answer } from './http-client.ts';
import { type FeedClient, type FeedRefusal, settleFeed } from './mock-client.ts';

export const nodeRsaSigner =
  (pem: string): RsaSha256Signer =>
  (payload) =>
    new Uint8Array(sign('RSA-SHA256', payload, createPrivateKey(pem)));

export interface PartnerSigning {
  keyId: string;
  kind?: PartnerValueKind;
  value: string;
  url: string;
  body: string | null;
}

/** The three headers for these exact inputs, signed with a demo partner's private key. */
export async function partnerHeaders(s: PartnerSigning): Promise<Record<string, string>> {
  const key = findPartnerDemoKey(s.keyId);
  const kind = s.kind ?? 'timestamp';
  const sig = await signPartner(
    nodeRsaSigner(key.privateKeyPem),
    buildPartnerPayload({ kind, value: s.value, url: s.url, body: s.body }),
  );
  return partnerSignedHeaders(key.apiKey, kind, s.value, sig.value);
}

/** A correctly signed request to the mock at `port` (path below /api/v1/p). */
export async function partnerRequest(
  port: number,
  keyId: string,
  method: string,
  path: string,
  opts: { value: string; kind?: PartnerValueKind; body?: string | null },
): Promise<Answer> {
  const target = `${PARTNER_BASE_PATH}${path}`;
  const body = opts.body ?? null;
  const headers = await partnerHeaders({
    keyId,
    value: opts.value,
    url: `http://127.0.0.1:${port}${target}`,
    body,
    ...(opts.kind ? { kind: opts.kind } : {}),
  });
  return rawRequest({ port, method, target, headers, body });
}

/**
 * Tries a Partner feed's WebSocket handshake (path below /api/v1/p), signed over its ws:// URL with no
 * body: the open feed (its messages parsed), or the HTTP answer that refused it.
 */
export async function tryPartnerFeed(
  port: number,
  keyId: string,
  path: string,
  opts: { value: string; headers?: Record<string, string>; signedUrl?: string },
): Promise<{ client: FeedClient } | { refusal: FeedRefusal }> {
  const target = `${PARTNER_BASE_PATH}${path}`;
  const url = `ws://127.0.0.1:${port}${target}`;
  const headers =
    opts.headers ?? (await partnerHeaders({ keyId, value: opts.value, url: opts.signedUrl ?? url, body: null }));
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => undefined); // refusals are read from 'unexpected-response'
  return settleFeed(ws);
}
