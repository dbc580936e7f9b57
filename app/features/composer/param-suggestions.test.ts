import { describe, expect, it } from 'vitest';
import { paramSuggestions } from './param-suggestions.ts';

const ids = [
  { key: 'txID', value: 'T2', entryId: 9, method: 'POST', path: '/transaction' },
  { key: 'fundID', value: 'F1', entryId: 8, method: 'GET', path: '/funds' },
  { key: 'txID', value: 'T1', entryId: 7, method: 'POST', path: '/transaction' },
];

describe('paramSuggestions', () => {
  it("offers the IDs named under the field's name, newest first and saying where each came from, then the variables", () => {
    expect(paramSuggestions('tx_id', ids, [{ value: '{{tx_id}}', label: 'T0' }])).toEqual([
      { value: 'T2', label: 'txID in #9 POST /transaction' },
      { value: 'T1', label: 'txID in #7 POST /transaction' },
      { value: '{{tx_id}}', label: 'T0' },
    ]);
    expect(paramSuggestions('fund_id', ids, [])).toEqual([{ value: 'F1', label: 'fundID in #8 GET /funds' }]);
    expect(paramSuggestions('wallet_id', ids, [])).toEqual([]);
  });

  it('offers at most ten IDs for a field', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({
      key: 'txID',
      value: `T${i}`,
      entryId: i,
      method: 'POST',
      path: '/transaction',
    }));
    expect(paramSuggestions('tx_id', many, [])).toHaveLength(10);
  });
});
