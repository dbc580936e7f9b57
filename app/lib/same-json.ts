/**
 * Whether two JSON-shaped values (plain objects, arrays, strings, numbers, booleans, null) are the
 * same, as JSON.stringify would print them, except that the order of an object's keys does not
 * count. A key set to undefined counts as absent, as it does in JSON. Strings are compared as they
 * are: a large body that did not change costs one comparison, and nothing is serialised.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const kx = keys(x);
  return kx.length === keys(y).length && kx.every((k) => Object.hasOwn(y, k) && sameJson(x[k], y[k]));
}
