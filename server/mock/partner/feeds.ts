/**
 * The Partner API's WebSocket feeds, served after the handshake is authenticated (api.ts `upgrade`):
 *
 * - `/coreclient/{client_id}/feed`: the core client's actions, one message each time one changes status:
 *   `{id, coreClientID, type, status, timestamp, expireTime}` (the OpenAPI file's `ActionInfo` plus
 *   `coreClientID`, as docs/partner-api.md and the Signing Agent's feed carry it). An action is either a
 *   transfer that names the client in `authorize_id` (`ApproveTransfer`: pending, then expired, since
 *   core-client approval is not served) or a transfer or withdrawal whose policy has the client as a
 *   custodian (pending, then approved when its turn comes, or expired). Times are the world's timeline
 *   (world.ts), so nothing here needs a timer of its own beyond the flush.
 * - `/liquidityhub/feed`: new swaps in the liquidity hub. The mock's world has no swaps (atomic swaps are
 *   501), so this feed opens and stays silent.
 *
 * As the v1 feed (../feed.ts): `flush()` sends every change reached by `now()` that a client has not had
 * yet, oldest first; the mock flushes after every Partner request and every 250 ms while a client is
 * connected. A client hears about changes after it connected, not about those reached before.
 */
import { group } from '../../../core/checked.ts';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { derivedBytes, ksuid } from '../random.ts';
import type { PartnerWorldName } from './keys.ts';
import { type PartnerWorld, txPhase } from './world.ts';

export const CORE_CLIENT_FEED = /^\/coreclient\/([^/]+)\/feed$/;
export const LIQUIDITY_HUB_FEED = '/liquidityhub/feed';
export const PARTNER_FEED_FLUSH_INTERVAL_MS = 250;
/** Clients only listen; anything bigger than this that they send closes the connection. */
const MAX_CLIENT_MESSAGE_BYTES = 4096;

export type PartnerFeed = { kind: 'coreclient'; clientId: string } | { kind: 'liquidityhub' };

/** Which feed a path below the base is, if any. */
export function partnerFeedOf(below: string): PartnerFeed | null {
  if (below === LIQUIDITY_HUB_FEED) return { kind: 'liquidityhub' };
  const m = CORE_CLIENT_FEED.exec(below);
  return m ? { kind: 'coreclient', clientId: decodeURIComponent(group(m, 1)) } : null;
}

export interface ActionMessage {
  id: string;
  coreClientID: string;
  type: 'ApproveTransfer' | 'ApproveWithdraw';
  status: 'pending' | 'approved' | 'expired';
  /** When the action was created (the transaction's creation), Unix seconds. */
  timestamp: number;
  expireTime: number;
}

export interface ActionChange {
  /** When the action reached this status, Unix seconds. */
  at: number;
  message: ActionMessage;
}

/** The action id of a transaction waiting for a core client's authorization: derived, so stable. */
function authorizeActionId(txId: string, created: number, clientId: string): string {
  return ksuid(created, derivedBytes(`partner-action/${txId}/${clientId}`, 16));
}

/** Every status change of the client's actions reached by `now` (Unix seconds), oldest first. */
export function coreClientChanges(world: PartnerWorld, clientId: string, now: number): ActionChange[] {
  const out: ActionChange[] = [];
  for (const tx of world.txs.values()) {
    if (tx.created > now) continue;
    const phase = txPhase(tx, now);
    const type = tx.kind === 'transfer' ? 'ApproveTransfer' : 'ApproveWithdraw';
    const base = { coreClientID: clientId, type, timestamp: tx.created, expireTime: tx.expires } as const;
    const push = (id: string, status: ActionMessage['status'], at: number) =>
      out.push({ at, message: { id, ...base, status } });
    if (tx.authorizeId === clientId) {
      const id = authorizeActionId(tx.id, tx.created, clientId);
      push(id, 'pending', tx.created);
      if (phase.status === 'expired') push(id, 'expired', phase.endedAt);
    }
    const company = world.companyOf(tx.companyId);
    const mine = new Set(
      (company?.parties ?? []).filter((p) => p.type === 'coreClient' && p.address === clientId).map((p) => p.id),
    );
    tx.approvers.forEach((a, i) => {
      if (!mine.has(a.partyId)) return;
      push(a.actionId, 'pending', tx.created);
      const approvedAt = phase.approvedAt[i];
      if (approvedAt !== null && approvedAt !== undefined) push(a.actionId, 'approved', approvedAt);
      else if (phase.endedAt !== null) push(a.actionId, 'expired', phase.endedAt);
    });
  }
  // A stable sort: ties keep the order they were pushed in.
  return out.sort((a, b) => a.at - b.at);
}

const keyOf = (c: ActionChange) => `${c.message.id}/${c.message.status}`;

interface Subscriber {
  ws: WebSocket;
  world: PartnerWorldName;
  feed: PartnerFeed;
  /** Changes already sent (or reached before connecting). */
  sent: Set<string>;
}

export class PartnerFeedHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly worldOf: (name: PartnerWorldName) => PartnerWorld,
    private readonly now: () => number,
  ) {}

  /** Upgrades an authenticated handshake and streams the feed to it from now on. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, world: PartnerWorldName, feed: PartnerFeed): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const subscriber: Subscriber = { ws, world, feed, sent: this.reachedNow(world, feed) };
      this.subscribers.add(subscriber);
      // A client that talks is ignored; one that sends too much is closed by ws (maxPayload).
      ws.on('message', () => undefined);
      ws.on('close', () => {
        this.subscribers.delete(subscriber);
        if (this.subscribers.size === 0) this.stopTimer();
      });
      ws.on('error', () => ws.terminate());
      this.timer ??= setInterval(() => this.flush(), PARTNER_FEED_FLUSH_INTERVAL_MS).unref();
    });
  }

  /** Sends every change reached by now() that a client has not had yet, oldest first. */
  flush(): void {
    if (this.subscribers.size === 0) return;
    for (const s of this.subscribers) {
      if (s.feed.kind !== 'coreclient') continue;
      for (const change of this.changes(s.world, s.feed)) {
        const key = keyOf(change);
        if (s.sent.has(key)) continue;
        s.sent.add(key);
        s.ws.send(JSON.stringify(change.message));
      }
    }
  }

  /** The worlds are new (a reset): start every client's bookkeeping from them. */
  reset(): void {
    for (const s of this.subscribers) s.sent = this.reachedNow(s.world, s.feed);
  }

  close(): void {
    this.stopTimer();
    for (const s of this.subscribers) s.ws.terminate();
    this.subscribers.clear();
  }

  private changes(world: PartnerWorldName, feed: PartnerFeed): ActionChange[] {
    if (feed.kind !== 'coreclient') return [];
    return coreClientChanges(this.worldOf(world), feed.clientId, Math.floor(this.now() / 1000));
  }

  private reachedNow(world: PartnerWorldName, feed: PartnerFeed): Set<string> {
    return new Set(this.changes(world, feed).map(keyOf));
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
