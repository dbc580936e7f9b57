/**
 * A value the whole page shares outside React's state (the live region's message, an imported
 * bundle): set from anywhere, read in components with useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';

export interface PageStore<T> {
  get(): T;
  set(next: T): void;
  /** The current value, re-rendering the component when it changes. */
  use(): T;
}

export function createPageStore<T>(initial: T): PageStore<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  const get = () => current;
  return {
    get,
    set(next) {
      current = next;
      listeners.forEach((l) => l());
    },
    use: () => useSyncExternalStore(subscribe, get, get),
  };
}
