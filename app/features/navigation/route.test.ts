import { describe, expect, it } from 'vitest';
import { viewFromHash } from './route.ts';

describe('viewFromHash', () => {
  it.each([
    ['', 'playground'],
    ['#', 'playground'],
    ['#/', 'playground'],
    ['#/doctor', 'doctor'],
    ['#/Doctor/', 'doctor'],
    ['#/walkthrough', 'walkthrough'],
    ['#/feed', 'feed'],
    ['#/Feed/', 'feed'],
    ['#/bundle', 'bundle'],
    ['#bundle=eyJ9', 'bundle'],
    ['#/nowhere', 'playground'],
  ])('%s → %s', (hash, view) => {
    expect(viewFromHash(hash)).toBe(view);
  });
});
