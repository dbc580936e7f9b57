import { Text } from '@uiw/react-codemirror';
import { describe, expect, it } from 'vitest';
import { COLOUR_LIMIT, hasLineOver, WRAP_LIMIT } from './long-lines.ts';

const asDoc = (text: string) => Text.of(text.split('\n'));

describe('hasLineOver', () => {
  it('counts a line of exactly the limit as not over it, and one more character as over', () => {
    for (const make of [(t: string) => t, asDoc]) {
      expect(hasLineOver(make('x'.repeat(10)), 10)).toBe(false);
      expect(hasLineOver(make('x'.repeat(11)), 10)).toBe(true);
    }
  });

  it('looks at every line, the first, a middle one and the last', () => {
    const short = 'y'.repeat(10);
    const long = 'x'.repeat(11);
    for (const make of [(t: string) => t, asDoc]) {
      expect(hasLineOver(make([short, short, short].join('\n')), 10)).toBe(false);
      expect(hasLineOver(make([long, short, short].join('\n')), 10)).toBe(true);
      expect(hasLineOver(make([short, long, short].join('\n')), 10)).toBe(true);
      expect(hasLineOver(make([short, short, long].join('\n')), 10)).toBe(true);
    }
  });

  it('ends a line only at LF: a CR is part of the line, as in the editor', () => {
    expect(hasLineOver(`${'x'.repeat(6)}\r${'x'.repeat(6)}`, 10)).toBe(true);
    expect(hasLineOver(`${'x'.repeat(6)}\n${'x'.repeat(6)}`, 10)).toBe(false);
  });

  it('stops colouring only well after it stops wrapping', () => {
    expect(COLOUR_LIMIT).toBeGreaterThan(WRAP_LIMIT);
  });
});
