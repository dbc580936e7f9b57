/** One polite live region for the whole page: status changes are announced through announce(). */
import { useSyncExternalStore } from 'react';

let current = { message: '', seq: 0 };
const listeners = new Set<() => void>();

export function announce(message: string): void {
  current = { message, seq: current.seq + 1 };
  listeners.forEach((l) => l());
}

export function useAnnouncement(): { message: string; seq: number } {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    () => current,
  );
}
