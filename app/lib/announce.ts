/** One polite live region for the whole page: status changes are announced through announce(). */
import { createPageStore } from './page-store.ts';

const store = createPageStore({ message: '', seq: 0 });

export function announce(message: string): void {
  store.set({ message, seq: store.get().seq + 1 });
}

export function useAnnouncement(): { message: string; seq: number } {
  return store.use();
}
