import { describe, expect, it } from 'vitest';
import { amountAnnotations, scaleDigits, wholeUnits } from './amounts.ts';
import { formatJsonLines, lineText, type LineModel } from './json-lines.ts';

function model(json: string): LineModel {
  const r = formatJsonLines(json);
  if (!r.ok) throw new Error(r.message);
  return r.model;
}

describe('amounts in whole units', () => {
  it.each([
    ['791606057', 8, '7.91606057'],
    ['100000000', 8, '1'],
    ['5', 8, '0.00000005'],
    ['0', 8, '0'],
    ['-1500', 3, '-1.5'],
    ['123456789012345678901234567890', 18, '123456789012.34567890123456789'],
  ])('%s at %i places reads %s', (units, digits, text) => {
    expect(wholeUnits(units, digits)).toBe(text);
  });

  it.each([
    ['100000000', 8],
    ['1000000000', 9],
    ['1', 0],
    ['18', 18],
    ['6', 6],
    ['37', null],
    ['x', null],
  ])('a scale of %s is %s places', (scale, digits) => {
    expect(scaleDigits(scale)).toBe(digits);
  });

  it('annotates the amounts beside a scale, named by their asset, and nothing else', () => {
    const m = model(
      '{"assets":{"BTC-TESTNET":{"total":791606057,"available":"684670849","scale":100000000},"ETH-GOERLI":{"total":11163267314,"scale":1000000000}},"count":3,"wallet":{"id":7,"balance":{"total":5,"scale":100}}}',
    );
    const notes = [...amountAnnotations(m)].map(([line, note]) => [lineText(m, line), note]);
    expect(notes).toEqual([
      ['"total": 791606057,', '= 7.91606057 BTC-TESTNET'],
      ['"available": "684670849",', '= 6.84670849 BTC-TESTNET'],
      ['"total": 11163267314,', '= 11.163267314 ETH-GOERLI'],
      ['"total": 5,', '= 0.05'],
    ]);
  });

  it('tells identifiers from amounts by their names', () => {
    const m = model('{"BTC":{"paid":150000000,"txID":5,"fundId":"7","wallet_id":8,"scale":100000000}}');
    expect([...amountAnnotations(m)].map(([line, note]) => [lineText(m, line), note])).toEqual([
      ['"paid": 150000000,', '= 1.5 BTC'],
    ]);
  });

  it('annotates nothing without a scale', () => {
    expect(amountAnnotations(model('{"total":5,"items":[{"amount":1}]}')).size).toBe(0);
  });
});
