/**
 * The IDs that responses name (txID, fund_id, wallet_id, company_id, …), offered in the path-parameter
 * fields of the composer: after POST /transaction, the `tx_id` field of GET /transactions/{tx_id}
 * suggests the txID just answered. A value is an ID when its key reads as one (`id`, `…_id`, `…ID`,
 * `…Id`) and it can stand in a path segment as it is (no `/`, `?`, `#`, spaces or controls). A field
 * and a key are the same name when they agree once case and separators are set aside
 * (`tx_id` = `txID`, `fund_id` = `fundId`).
 */

export interface ResponseId {
  /** The key it was found under, as the response spells it. */
  key: string;
  value: string;
}

/** The most a body is read for IDs, and the most IDs taken from one body. */
const MAX_TEXT = 1024 * 1024;
const MAX_IDS = 200;
const MAX_DEPTH = 32;
const MAX_VALUE = 128;

const ID_KEY = /(?:^id$|_id$|[a-z0-9]ID$|[a-z0-9]Id$)/;
const PATH_SAFE = /^[^\s/?#%\\{}]+$/;

/** IDs in a JSON body, in the order they appear, each key and value once; [] for what is not JSON. */
export function idsInJson(text: string): ResponseId[] {
  if (text.length > MAX_TEXT) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const out: ResponseId[] = [];
  const seen = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (out.length >= MAX_IDS || depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(node)) {
      const text = idText(v);
      if (text !== null && ID_KEY.test(key)) {
        const pair = `${key}\u0000${text}`;
        if (!seen.has(pair) && out.length < MAX_IDS) {
          seen.add(pair);
          out.push({ key, value: text });
        }
      } else walk(v, depth + 1);
    }
  };
  walk(value, 0);
  return out;
}

function idText(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? String(v) : null;
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_VALUE || !PATH_SAFE.test(v)) return null;
  return [...v].some((c) => c < ' ' || c === '\u007f') ? null : v;
}

/** A name with case and separators set aside: `tx_id`, `txID` and `tx-id` are all `txid`. */
export function idName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The IDs found under the parameter's name, in the order given (newest first), each value once. */
export function idsForParam<T extends ResponseId>(param: string, ids: readonly T[]): T[] {
  const wanted = idName(param);
  const values = new Set<string>();
  return ids.filter((id) => {
    if (idName(id.key) !== wanted || values.has(id.value)) return false;
    values.add(id.value);
    return true;
  });
}
