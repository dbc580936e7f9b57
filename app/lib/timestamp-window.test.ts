import { describe, expect, it } from 'vitest';
import { describeWindow, timestampWindow } from './timestamp-window.ts';

describe('the timestamp window', () => {
  it('says whether a timestamp is inside the window, in seconds or nanoseconds', () => {
    const now = 1_700_000_100_000;
    expect(timestampWindow('1700000000', now)).toEqual({ valid: true, untilMs: 1_700_000_300_000 });
    expect(timestampWindow('1700000000000000000', now).valid).toBe(true);
    expect(timestampWindow('1699999000', now).valid).toBe(false);
    expect(timestampWindow('x', now)).toEqual({ valid: false, untilMs: null });
    expect(describeWindow('1700000000', now, () => 'T')).toMatch(
      /^Valid only inside the timestamp window: until about T/,
    );
    expect(describeWindow('1699999000', now, () => 'T')).toMatch(/^Outside the timestamp window since about T/);
  });
});
