import { formatDuration } from '../../lib/format.ts';

/** "just now", "1 minute ago", "3 hours ago", "yesterday", "5 days ago", then a date. Pure. */
export function formatRelativeTime(thenMs: number, nowMs: number): string {
  const seconds = Math.round((nowMs - thenMs) / 1000);
  if (seconds < 45) return seconds < -45 ? 'in the future' : 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 30) return `${days} days ago`;
  return new Date(thenMs).toISOString().slice(0, 10);
}

/** The accessible name of a history row: "GET /balance 200 mock key full 12 ms 2 minutes ago". */
/**
 * How an entry ended, in the row's words: the status, and the error beside it when the exchange broke
 * off after the status came (a cancelled download reads "200 cancelled", never a plain 200).
 */
export function historyOutcome(entry: { status: number | null; errorCode: string | null }): string {
  if (entry.status === null) return entry.errorCode ?? 'no response';
  return entry.errorCode ? `${entry.status} ${entry.errorCode}` : String(entry.status);
}

export function historyRowName(
  entry: {
    method: string;
    path: string;
    status: number | null;
    errorCode: string | null;
    environment: string;
    createdAt: number;
    totalMs: number;
  },
  nowMs: number,
  key: string,
): string {
  return `${entry.method} ${entry.path} ${historyOutcome(entry)} ${entry.environment} key ${key} ${formatDuration(entry.totalMs)} ${formatRelativeTime(entry.createdAt, nowMs)}`;
}

/** Which pages of `pageSize` rows hold the rows from `first` to `last`. */
export function pagesForRange(first: number, last: number, pageSize: number): number[] {
  if (last < first || last < 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(Math.max(first, 0) / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}

/**
 * A path cut in the middle, for a row too narrow for it: the start may be cut (with an ellipsis), the
 * end never, so `/transactions/…/status` and `/transactions/…/approvals` stay apart. The end is the
 * last segment with the query, up to `tailMax` characters, else the last `tailMax` characters.
 */
export function middleSplit(path: string, tailMax = 16): { head: string; tail: string } {
  if (path.length <= tailMax) return { head: '', tail: path };
  const q = path.indexOf('?');
  const pathPart = q < 0 ? path : path.slice(0, q);
  const slash = pathPart.lastIndexOf('/');
  const tailStart = slash > 0 ? slash : 0;
  const tail = path.slice(tailStart);
  if (tailStart > 0 && tail.length <= tailMax) return { head: path.slice(0, tailStart), tail };
  return { head: path.slice(0, path.length - tailMax), tail: path.slice(path.length - tailMax) };
}
