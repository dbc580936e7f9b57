import { useEffect, useRef, useState } from 'react';

/**
 * The value, at most once per `delayMs`: a change after a quiet spell comes through at once (the
 * leading edge), changes in a burst are collapsed into the last one, delivered `delayMs` after it.
 * The page's one debounce (history search, signature preview).
 */
export function useDebounced<T>(value: T, delayMs: number, opts: { leading?: boolean } = {}): T {
  const [settled, setSettled] = useState(value);
  const last = useRef(Number.NEGATIVE_INFINITY);
  const leading = opts.leading ?? false;
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const now = performance.now();
    if (leading && now - last.current >= delayMs) {
      last.current = now;
      setSettled(() => value);
      return;
    }
    const t = setTimeout(() => {
      last.current = performance.now();
      setSettled(() => value);
    }, delayMs);
    return () => clearTimeout(t);
  }, [value, settled, delayMs, leading]);
  return settled;
}
