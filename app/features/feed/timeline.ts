/**
 * What the Feed view shows, from the events of GET /api/feed in the order they came: each
 * transaction's status timeline, and the state of the connection. Pure: no React, no clock.
 */
import type { FeedEvent, PartnerFeedAction, TxFeedStatus } from '../../../core/contract.ts';
import { FEED_STAGES } from '../../../core/feed.ts';

export interface StageView {
  stage: string;
  /** Reached: the feed said so, with a timestamp, a message of that status, or a later stage. */
  reached: boolean;
  /** When, in Unix seconds, as the transaction's own `timestamps` (or `events`) give it; null if unknown. */
  at: number | null;
  /** A message of this status arrived while the page was listening (otherwise it was read from a later one). */
  heard: boolean;
}

export interface TxTimeline {
  txID: string;
  /** The latest status the feed gave. */
  status: string;
  /** created → pending → authorized → approved, then any other status the feed gave (rejected, failed, …). */
  stages: StageView[];
  /** The latest message of this transaction, as read. */
  latest: TxFeedStatus;
  /** How many messages of this transaction arrived. */
  messages: number;
  /** Server time (ms) of the first and the latest message. */
  firstAt: number;
  lastAt: number;
}

/** The feed's stages, then the statuses outside them in the order they first appeared. */
function stageNames(statuses: readonly string[]): string[] {
  const regular: readonly string[] = FEED_STAGES;
  return [...regular, ...statuses.filter((s, i) => !regular.includes(s) && statuses.indexOf(s) === i)];
}

/** Every transaction heard of, the one heard of most recently first. */
export function buildTimelines(events: readonly FeedEvent[]): TxTimeline[] {
  const byTx = new Map<
    string,
    {
      frames: TxFeedStatus[];
      latest: TxFeedStatus;
      heard: string[];
      firstAt: number;
      lastAt: number;
      timestamps: Record<string, number>;
    }
  >();
  for (const e of events) {
    if (e.type !== 'message' || !e.parsed) continue;
    const frame = e.parsed;
    let tx = byTx.get(frame.txID);
    if (!tx) {
      tx = { frames: [], latest: frame, heard: [], firstAt: e.at, lastAt: e.at, timestamps: {} };
      byTx.set(frame.txID, tx);
    }
    tx.frames.push(frame);
    tx.latest = frame;
    tx.heard.push(frame.status);
    tx.lastAt = e.at;
    Object.assign(tx.timestamps, frame.timestamps ?? {});
    for (const ev of frame.events ?? [])
      if (ev.status && typeof ev.timestamp === 'number' && tx.timestamps[ev.status] === undefined)
        tx.timestamps[ev.status] = ev.timestamp;
  }
  const out: TxTimeline[] = [];
  for (const [txID, tx] of byTx) {
    const { latest } = tx;
    const names = stageNames([...Object.keys(tx.timestamps), ...tx.heard]);
    const known = (name: string) => tx.timestamps[name] !== undefined || tx.heard.includes(name);
    const lastRegular = Math.max(-1, ...FEED_STAGES.map((s, i) => (known(s) ? i : -1)));
    const stages = names.map((stage, i) => ({
      stage,
      reached: known(stage) || (i < FEED_STAGES.length && i <= lastRegular),
      at: tx.timestamps[stage] ?? null,
      heard: tx.heard.includes(stage),
    }));
    out.push({
      txID,
      status: latest.status,
      stages,
      latest,
      messages: tx.frames.length,
      firstAt: tx.firstAt,
      lastAt: tx.lastAt,
    });
  }
  return out.sort((a, b) => b.lastAt - a.lastAt);
}

export interface ActionTimeline {
  id: string;
  type: string;
  coreClientID: string | null;
  /** The latest status the feed gave. */
  status: string;
  /** Every status heard, in the order the messages came (pending, then approved / expired / rejected). */
  statuses: string[];
  /** The action's creation and expiry, Unix seconds, as the latest message gives them. */
  timestamp: number | null;
  expireTime: number | null;
  latest: PartnerFeedAction;
  messages: number;
  /** Server time (ms) of the latest message. */
  lastAt: number;
}

/** Every core client action heard of on a Partner API feed, the one heard of most recently first. */
export function buildActions(events: readonly FeedEvent[]): ActionTimeline[] {
  const byId = new Map<string, ActionTimeline>();
  for (const e of events) {
    if (e.type !== 'message' || !e.action) continue;
    const a = e.action;
    const known = byId.get(a.id);
    const statuses = known ? [...known.statuses.filter((s) => s !== a.status), a.status] : [a.status];
    byId.set(a.id, {
      id: a.id,
      type: a.type,
      coreClientID: a.coreClientID ?? known?.coreClientID ?? null,
      status: a.status,
      statuses,
      timestamp: a.timestamp ?? known?.timestamp ?? null,
      expireTime: a.expireTime ?? known?.expireTime ?? null,
      latest: a,
      messages: (known?.messages ?? 0) + 1,
      lastAt: e.at,
    });
  }
  return [...byId.values()].sort((a, b) => b.lastAt - a.lastAt);
}

export type FeedConnection =
  | { state: 'connecting' }
  | { state: 'open'; url: string; keyId: string; since: number }
  | { state: 'refused'; status: number; reason: string | null; message: string }
  | { state: 'failed'; message: string }
  | { state: 'closed'; message: string; url: string | null };

/** The connection as the events so far describe it. */
export function connectionFrom(events: readonly FeedEvent[]): FeedConnection {
  let connection: FeedConnection = { state: 'connecting' };
  let url: string | null = null;
  for (const e of events) {
    if (e.type === 'open') {
      url = e.url;
      connection = { state: 'open', url: e.url, keyId: e.keyId, since: e.at };
    } else if (e.type === 'error') {
      connection =
        e.code === 'upstream-refused' && e.status !== undefined
          ? { state: 'refused', status: e.status, reason: e.reason ?? null, message: e.message }
          : { state: 'failed', message: e.message };
    } else if (e.type === 'closed' && (connection.state === 'open' || connection.state === 'connecting')) {
      connection = { state: 'closed', message: e.message, url };
    }
  }
  return connection;
}

/** HH:MM:SS of a Unix time in seconds, in the page's time zone. */
export function clockTime(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
