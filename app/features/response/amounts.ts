/**
 * Base-unit amounts read in whole units, as an annotation beside the body (the body itself is never
 * changed): Qredo answers carry a `scale` beside the amounts it applies to, the number of base units
 * in one whole coin (100000000 for BTC). A scale that is not a power of ten is read as an exponent
 * (amount ÷ 10^scale). Exact decimal arithmetic on the digits: no floating point. No React.
 */
import { lineText, type LineModel } from './json-lines.ts';

const MEMBER = /^"((?:[^"\\]|\\.)*)": (?:(-?\d+)|"(-?\d+)")(,?)$/;
const OPENS = /^"((?:[^"\\]|\\.)*)": [{[]$/;
/** Integer fields beside a scale that are not amounts. */
const NOT_AMOUNT = /(^|_)(id|index|count|nonce|timestamp|time|created|updated|expires|chainid|decimals)$/i;
/** A camel-case identifier ("txID", "fundId"); "id" and "wallet_id" are NOT_AMOUNT, and "paid" is an amount. */
const ID_KEY = /[a-z0-9]I[dD]$/;

/** How many decimal places a scale stands for, or null when it is not one. */
export function scaleDigits(scale: string): number | null {
  if (!/^\d{1,40}$/.test(scale)) return null;
  if (/^10*$/.test(scale)) return scale.length - 1;
  const n = Number(scale);
  return n >= 0 && n <= 36 ? n : null;
}

/** `units` ÷ 10^digits as a decimal, trailing zeros dropped: ("791606057", 8) → "7.91606057". */
export function wholeUnits(units: string, digits: number): string {
  const negative = units.startsWith('-');
  const abs = (negative ? units.slice(1) : units).replace(/^0+(?=\d)/, '');
  const padded = abs.padStart(digits + 1, '0');
  const int = padded.slice(0, padded.length - digits);
  const frac = padded.slice(padded.length - digits).replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return negative && text !== '0' ? `-${text}` : text;
}

/** An asset code as Qredo writes them ("BTC-TESTNET", "ETH-GOERLI"), to name the unit. */
const ASSET_CODE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;

/**
 * For each line of a formatted JSON body that holds an amount beside a `scale`, the annotation to
 * show: "= 7.91606057 BTC-TESTNET". One pass over the lines.
 */
export function amountAnnotations(model: LineModel): Map<number, string> {
  const out = new Map<number, string>();
  interface Frame {
    end: number;
    memberDepth: number;
    unit: string | null;
    digits: number | null;
    amounts: Array<[line: number, units: string]>;
  }
  const stack: Frame[] = [];
  for (let i = 0; i < model.lineCount; i++) {
    const top = stack[stack.length - 1];
    const depth = model.depth[i] ?? 0;
    const end = model.end[i] ?? -1;
    if (top && depth === top.memberDepth) {
      // A member line has a key and the digits, bare or in quotes.
      const [, key, bare, quoted] = MEMBER.exec(lineText(model, i)) ?? [];
      const units = bare ?? quoted;
      if (key !== undefined && units !== undefined) {
        if (key === 'scale') top.digits = scaleDigits(units);
        else if (!NOT_AMOUNT.test(key) && !ID_KEY.test(key)) top.amounts.push([i, units]);
      }
    }
    if (end > i) {
      const name = OPENS.exec(lineText(model, i))?.[1] ?? null;
      stack.push({
        end,
        memberDepth: depth + 1,
        unit: name && ASSET_CODE.test(name) ? name : null,
        digits: null,
        amounts: [],
      });
    }
    // Close every block that ends here (a line can close one and that is all).
    for (let f = stack.at(-1); f?.end === i; f = stack.at(-1)) {
      stack.pop();
      if (f.digits === null || f.digits === 0) continue;
      for (const [line, units] of f.amounts)
        out.set(line, `= ${wholeUnits(units, f.digits)}${f.unit ? ` ${f.unit}` : ''}`);
    }
  }
  return out;
}
