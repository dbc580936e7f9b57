import { describe, expect, it } from 'vitest';
import { isSafeMethod, needsConfirmation, pinnedTimestampRefusal } from './guardrails.ts';

describe('needsConfirmation', () => {
  it('asks for every non-safe method to production, in any case', () => {
    for (const m of ['POST', 'delete', 'PuT', 'PATCH', 'PROPFIND'])
      expect(needsConfirmation('production', m)).toBe(true);
    for (const m of ['GET', 'head', 'OPTIONS', 'options']) expect(needsConfirmation('production', m)).toBe(false);
  });
  it('never asks for the mock or the sandbox', () => {
    expect(needsConfirmation('sandbox', 'POST')).toBe(false);
    expect(needsConfirmation('mock', 'DELETE')).toBe(false);
  });
  it('knows the safe methods', () => {
    expect(isSafeMethod('get')).toBe(true);
    expect(isSafeMethod('TRACE')).toBe(false);
  });
});

describe('pinnedTimestampRefusal', () => {
  const now = Date.UTC(2026, 11, 1);
  const s = (offset: number) => String(Math.floor(now / 1000) + offset);
  it('refuses a production mutation pinned more than five minutes ahead, in seconds or nanoseconds', () => {
    expect(pinnedTimestampRefusal('production', 'POST', s(301), now)).toMatch(/5 minutes ahead/);
    expect(pinnedTimestampRefusal('production', 'post', '4102444800', now)).toMatch(/days ahead/);
    expect(pinnedTimestampRefusal('production', 'POST', `${s(3600)}000000000`, now)).toMatch(/hour/);
  });
  it('refuses a production mutation pinned with leading zeros, whose unit a server could read otherwise', () => {
    // 18 digits: nanoseconds (1970) by the digit count, 2000000000 seconds (2033) by the value.
    expect(pinnedTimestampRefusal('production', 'POST', '000000002000000000', now)).toMatch(/starts with 0/);
    expect(pinnedTimestampRefusal('production', 'POST', `0${s(0)}`, now)).toMatch(/starts with 0/);
    expect(pinnedTimestampRefusal('sandbox', 'POST', '000000002000000000', now)).toBeNull();
  });
  it('lets through a timestamp near now, in the past, at send time, or a safe method', () => {
    expect(pinnedTimestampRefusal('production', 'POST', s(300), now)).toBeNull();
    expect(pinnedTimestampRefusal('production', 'POST', s(-86_400), now)).toBeNull();
    expect(pinnedTimestampRefusal('production', 'POST', undefined, now)).toBeNull();
    expect(pinnedTimestampRefusal('production', 'GET', '4102444800', now)).toBeNull();
    expect(pinnedTimestampRefusal('sandbox', 'POST', '4102444800', now)).toBeNull();
  });
});
