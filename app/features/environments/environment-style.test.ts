import { describe, expect, it } from 'vitest';
import { isMutatingMethod, needsConfirmation } from './environment-style.ts';

describe('needsConfirmation', () => {
  it('asks only for mutating methods on production', () => {
    expect(needsConfirmation('production', 'POST')).toBe(true);
    expect(needsConfirmation('production', 'delete')).toBe(true);
    expect(needsConfirmation('production', 'PROPFIND')).toBe(true);
    expect(needsConfirmation('production', 'GET')).toBe(false);
    expect(needsConfirmation('production', 'head')).toBe(false);
    expect(needsConfirmation('sandbox', 'POST')).toBe(false);
    expect(needsConfirmation('mock', 'POST')).toBe(false);
    expect(isMutatingMethod('get')).toBe(false);
  });
});
