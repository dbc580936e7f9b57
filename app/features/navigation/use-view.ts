import { useCallback, useSyncExternalStore } from 'react';
import { VIEW_HASH, viewFromHash, type View } from './route.ts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The view named by the URL hash, and a function that goes to another view (a new history step). */
export function useView(): [View, (view: View) => void] {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  const go = useCallback((view: View) => {
    if (viewFromHash(window.location.hash) === view && !window.location.hash.includes('bundle=')) return;
    window.location.hash = VIEW_HASH[view];
  }, []);
  return [viewFromHash(hash), go];
}
