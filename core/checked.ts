// Reads that the code around them has already made safe (a bounds-checked index, a regular
// expression group that is not optional, a key taken from the same map), written so that a broken
// assumption fails with a message naming it instead of carrying `undefined` on.

/** The item at `index`, which the caller has checked is in range; throws rather than return undefined. */
export function itemAt<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at index ${index} of ${items.length}.`);
  return item;
}

/** The last item of a list the caller knows is not empty. */
export function lastItem<T>(items: ArrayLike<T>): T {
  return itemAt(items, items.length - 1);
}

/** Capture group `n` of a match, for a group that always takes part when the expression matches. */
export function group(match: RegExpMatchArray | RegExpExecArray, n: number): string {
  const text = match[n];
  if (text === undefined) throw new Error(`Group ${n} of ${String(match[0])} did not take part in the match.`);
  return text;
}

/** A value the caller knows is present (a key from the same map, a field a check above required). */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`Missing ${what}.`);
  return value;
}

/** Like present, for a value that may rightly be null (a JSON null): only undefined is missing. */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Missing ${what}.`);
  return value;
}
