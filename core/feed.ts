/**
 * The transaction feed, as page and server see it: where it lives relative to an environment's base
 * URL, and what a frame of it is. Pure: no I/O, no clock.
 */
import { group } from './checked.ts';
import { joinUrl } from './signing/url.ts';

/** The feed's path below the base URL (the OpenAPI file's `GET /transactions/feed`). */
export const FEED_PATH = '/transactions/feed';

/** The stages a transaction moves through on the feed, in order. */
export const FEED_STAGES = ['created', 'pending', 'authorized', 'approved'] as const;
export type FeedStage = (typeof FEED_STAGES)[number];

/**
 * The WebSocket URL of an environment's feed: its configured base URL with `http:` → `ws:` and
 * `https:` → `wss:`, then the feed path. This is the URL the handshake is signed over (the mock's
 * convention: `timestamp + "GET" + this URL`). A base URL of any other scheme has no feed.
 */
export function feedUrlFor(baseUrl: string): string | null {
  const m = /^(https?):\/\//i.exec(baseUrl);
  if (!m) return null;
  const scheme = group(m, 1).toLowerCase() === 'https' ? 'wss' : 'ws';
  return joinUrl(`${scheme}://${baseUrl.slice(m[0].length)}`, FEED_PATH);
}

/** The Partner API's feeds the playground opens (docs/partner-api.md, "Feeds"). */
export const PARTNER_FEEDS = ['coreclient', 'liquidityhub'] as const;
export type PartnerFeedName = (typeof PARTNER_FEEDS)[number];

/** A Partner feed's path below the Partner base: `/coreclient/{client_id}/feed` or `/liquidityhub/feed`. */
export function partnerFeedPath(feed: PartnerFeedName, clientId?: string): string {
  return feed === 'coreclient' ? `/coreclient/${encodeURIComponent(clientId ?? '')}/feed` : '/liquidityhub/feed';
}

/**
 * The WebSocket URL of a Partner feed: the environment's Partner base URL (…/api/v1/p) with `http:` →
 * `ws:` and `https:` → `wss:`, then the feed's path. The handshake is signed over exactly this URL,
 * value + URL with no body (the Partner scheme).
 */
export function partnerFeedUrlFor(partnerBaseUrl: string, feed: PartnerFeedName, clientId?: string): string | null {
  const m = /^(https?):\/\//i.exec(partnerBaseUrl);
  if (!m) return null;
  const scheme = group(m, 1).toLowerCase() === 'https' ? 'wss' : 'ws';
  return joinUrl(`${scheme}://${partnerBaseUrl.slice(m[0].length)}`, partnerFeedPath(feed, clientId));
}
