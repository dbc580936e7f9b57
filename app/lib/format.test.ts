import { describe, expect, it } from 'vitest';
import { groupDigits, plural } from './format.ts';

describe('groupDigits', () => {
  it('writes integers as toLocaleString("en") does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 1_000_000, 123_456_789, -4321]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en'));
    }
    expect(plural(10_000, 'request')).toBe('10,000 requests');
    expect(plural(1, 'request')).toBe('1 request');
  });
});
