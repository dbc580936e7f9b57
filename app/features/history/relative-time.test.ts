import { describe, expect, it } from 'vitest';
import { formatRelativeTime, historyRowName, middleSplit, pagesForRange } from './relative-time.ts';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('formatRelativeTime', () => {
  it.each([
    [10_000, 'just now'],
    [60_000, '1 minute ago'],
    [125_000, '2 minutes ago'],
    [3_600_000, '1 hour ago'],
    [5 * 3_600_000, '5 hours ago'],
    [26 * 3_600_000, 'yesterday'],
    [4 * 86_400_000, '4 days ago'],
    [90 * 86_400_000, '2026-08-31'],
  ])('%i ms ago reads %s', (ago, text) => {
    expect(formatRelativeTime(now - ago, now)).toBe(text);
  });
});

describe('historyRowName', () => {
  it('names a row by method, path, status, environment, key, duration and age', () => {
    const entry = {
      method: 'GET',
      path: '/balance',
      status: 200,
      errorCode: null,
      environment: 'mock',
      createdAt: now - 120_000,
      totalMs: 12.4,
    };
    expect(historyRowName(entry, now, 'read-only')).toBe('GET /balance 200 mock key read-only 12 ms 2 minutes ago');
    expect(historyRowName({ ...entry, status: null, errorCode: 'timeout', totalMs: 30_000 }, now, 'k1')).toBe(
      'GET /balance timeout mock key k1 30.00 s 2 minutes ago',
    );
    // A download cancelled after its status arrived is not read as a plain success.
    expect(historyRowName({ ...entry, errorCode: 'cancelled' }, now, 'k1')).toBe(
      'GET /balance 200 cancelled mock key k1 12 ms 2 minutes ago',
    );
  });
});

describe('pagesForRange', () => {
  it('lists the pages that hold a range of rows', () => {
    expect(pagesForRange(0, 30, 200)).toEqual([0]);
    expect(pagesForRange(190, 230, 200)).toEqual([0, 1]);
    expect(pagesForRange(9_980, 9_999, 200)).toEqual([49]);
    expect(pagesForRange(0, -1, 200)).toEqual([]);
  });
});

describe('middleSplit', () => {
  it.each([
    ['/balance', { head: '', tail: '/balance' }],
    [
      '/transactions/3Ms2YSOiRMEC9isy6uusKLvwu5W/approvals',
      { head: '/transactions/3Ms2YSOiRMEC9isy6uusKLvwu5W', tail: '/approvals' },
    ],
    [
      '/transactions/3Ms2YSOiRMEC9isy6uusKLvwu5W/status',
      { head: '/transactions/3Ms2YSOiRMEC9isy6uusKLvwu5W', tail: '/status' },
    ],
    ['/funds/abc/ledger?archived=true', { head: '/funds/abc', tail: '/ledger?archived=true' }],
    // A last segment longer than the end kept: its last characters.
    ['/balance?probe=e2e-very-long-marker', { head: '/balance?prob', tail: 'e=e2e-very-long-marker' }],
  ])('%s keeps its end whole', (path, split) => {
    expect(middleSplit(path, 22)).toEqual(split);
  });
});
