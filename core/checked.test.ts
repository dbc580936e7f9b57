import { describe, expect, it } from 'vitest';
import { group, itemAt, lastItem, present } from './checked.ts';

describe('checked reads', () => {
  it('return what is there', () => {
    expect(itemAt([1, 2, 3], 1)).toBe(2);
    expect(itemAt('abc', 2)).toBe('c');
    expect(itemAt(new Uint8Array([0, 7]), 0)).toBe(0);
    expect(lastItem(['a', 'b'])).toBe('b');
    expect(group(/(a)(b)?/.exec('ab')!, 2)).toBe('b');
    expect(present(0, 'zero')).toBe(0);
    expect(present('', 'empty')).toBe('');
  });

  it('throw, naming what is missing, instead of returning undefined', () => {
    expect(() => itemAt([1], 1)).toThrow('No item at index 1 of 1.');
    expect(() => lastItem([])).toThrow('No item at index -1 of 0.');
    expect(() => group(/(a)|(b)/.exec('b')!, 1)).toThrow('Group 1 of b did not take part in the match.');
    expect(() => present(undefined, 'the wallet')).toThrow('Missing the wallet.');
    expect(() => present(null, 'the wallet')).toThrow('Missing the wallet.');
  });
});
