/**
 * The transaction feed, as page and server see it: where it lives relative to an environment's base
 * URL, and what a frame of it is. Pure: no I/O, no clock.
 */
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
  const scheme = m[1]!.toLowerCase() === 'https' ? 'wss' : 'ws';
  return joinUrl(`${scheme}://${baseUrl.slice(m[0].length)}`, FEED_PATH);
}
