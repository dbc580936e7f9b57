import { useEffect, useState } from 'react';

/**
 * The value as it was `delayMs` after it last changed. Values are compared by `keyOf` (JSON by
 * default), so a new object with the same content does not restart the timer.
 */
export function useDebouncedValue<T>(value: T, delayMs: number, keyOf: (v: T) => string = (v) => JSON.stringify(v)): T {
  const [settled, setSettled] = useState(value);
  const key = keyOf(value);
  const settledKey = keyOf(settled);
  useEffect(() => {
    if (key === settledKey) return;
    const t = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(t);
    // `value` is represented by `key`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, settledKey, delayMs]);
  return key === settledKey ? value : settled;
}
