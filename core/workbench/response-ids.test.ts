import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idName, idsForParam, idsInJson } from './response-ids.ts';

describe('idsInJson', () => {
  it('finds the IDs of a Qredo answer at any depth, in order, each key and value once', () => {
    const body = JSON.stringify({
      txID: '3Ms2YSOiRMEC9isy6uusKLvwu5W',
      funds: [
        { fundID: '2Fw1ZAqAkxDiFtXuiTU2ZAWRfUE', name: 'Treasury', wallets: [{ walletID: 'AbC123' }] },
        { fundID: '2Fw1ZAqAkxDiFtXuiTU2ZAWRfUE' },
      ],
      fund_id: 'x-1',
      chainID: 5,
      id: 42,
      video: 'not an id',
      paid: 'no',
    });
    expect(idsInJson(body)).toEqual([
      { key: 'txID', value: '3Ms2YSOiRMEC9isy6uusKLvwu5W' },
      { key: 'fundID', value: '2Fw1ZAqAkxDiFtXuiTU2ZAWRfUE' },
      { key: 'walletID', value: 'AbC123' },
      { key: 'fund_id', value: 'x-1' },
      { key: 'chainID', value: '5' },
      { key: 'id', value: '42' },
    ]);
  });

  it('takes only values that stand in a path segment as they are', () => {
    const body = JSON.stringify({
      a_id: 'has/slash',
      b_id: 'has space',
      c_id: 'q?x',
      d_id: '',
      e_id: -1,
      f_id: 1.5,
      g_id: 'x'.repeat(129),
      h_id: 'line\nbreak',
      i_id: { nested_id: 'kept' },
      j_id: '%41',
      k_id: '{{var}}',
    });
    expect(idsInJson(body)).toEqual([{ key: 'nested_id', value: 'kept' }]);
  });

  it('answers nothing for what is not JSON, and never throws', () => {
    expect(idsInJson('')).toEqual([]);
    expect(idsInJson('<html>')).toEqual([]);
    expect(idsInJson('"just a string"')).toEqual([]);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const ids = idsInJson(text);
        expect(ids.length).toBeLessThanOrEqual(200);
        for (const id of ids) expect(id.value).toMatch(/^[^\s/?#%\\{}]+$/);
      }),
    );
  });
});

describe('idsForParam', () => {
  it('matches a path parameter to keys that spell the same name, newest first, each value once', () => {
    const ids = [
      { key: 'txID', value: 'new' },
      { key: 'chainTxID', value: 'other' },
      { key: 'tx_id', value: 'old' },
      { key: 'txId', value: 'new' },
    ];
    expect(idsForParam('tx_id', ids).map((i) => i.value)).toEqual(['new', 'old']);
    expect(idsForParam('fund_id', ids)).toEqual([]);
    expect(idName('Trusted-Party_ID')).toBe('trustedpartyid');
  });
});
