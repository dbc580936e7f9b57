import { describe, expect, it } from 'vitest';
import { applyCaptures, describeCaptures, runCaptures, setVariable } from './variables-model.ts';

describe('variables and captures', () => {
  it('set a variable in place or at the end', () => {
    const list = [
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ];
    expect(setVariable(list, 'a', 'x')).toEqual([
      { name: 'a', value: 'x' },
      { name: 'b', value: '2' },
    ]);
    expect(setVariable(list, 'c', '3').map((v) => v.name)).toEqual(['a', 'b', 'c']);
  });

  it('carry the txID of POST /transaction into tx_id, and say why a rule found nothing', () => {
    const body = '{"txID":"2Hq0ABC","status":"pending","count":3}';
    const outcome = runCaptures(
      [
        { variable: 'tx_id', from: 'body', path: '$.txID' },
        { variable: 'n', from: 'body', path: '$.count' },
        { variable: 'fund', from: 'body', path: '$.fund_id' },
      ],
      body,
    );
    expect(outcome.set).toEqual([
      { variable: 'tx_id', value: '2Hq0ABC', path: '$.txID' },
      { variable: 'n', value: '3', path: '$.count' },
    ]);
    expect(outcome.failed).toHaveLength(1);
    expect(outcome.failed[0]!.reason).toMatch(/fund_id/);
    expect(applyCaptures([{ name: 'tx_id', value: 'old' }], outcome)).toEqual([
      { name: 'tx_id', value: '2Hq0ABC' },
      { name: 'n', value: '3' },
    ]);
    expect(describeCaptures(outcome)).toMatch(/^\{\{tx_id\}\} = 2Hq0ABC; \{\{n\}\} = 3; \{\{fund\}\} not set/);
  });

  it('set nothing from a response without a body', () => {
    expect(runCaptures([{ variable: 'x', from: 'body', path: '$.x' }], null).set).toEqual([]);
  });
});
