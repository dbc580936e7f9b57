/**
 * The live signature, one path: a draft feed, told of every change from the form's own change event
 * (before React renders it), settles the draft (a change after a pause at once, a burst of
 * keystrokes collapsed into its last, about one frame apart) and starts the signing request for it
 * right there; the signing panel reads the same query for the settled draft. The string-to-sign
 * itself is laid out in the page from the draft (preview-state.ts); only the signature needs the
 * server, which holds the secret.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RequestDraft } from '../../../../core/contract.ts';
import { signedOnlyOnSend, signPreviewQueryOptions } from '../../../lib/queries.ts';

/** About a frame: typing faster than this asks for one signature per burst, never one per key. */
export const PREVIEW_DEBOUNCE_MS = 16;

export interface DraftFeed {
  /** The draft changed (call it from the form's change event): it settles, and its signature is asked for. */
  changed(): void;
  subscribe(listener: () => void): () => void;
  /** The draft last settled. */
  settled(): RequestDraft;
}

export function createDraftFeed(client: QueryClient, read: () => RequestDraft): DraftFeed {
  let settled = read();
  let lastEmit = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<() => void>();
  const emit = () => {
    timer = null;
    lastEmit = performance.now();
    settled = read();
    if (!signedOnlyOnSend(settled)) void client.prefetchQuery(signPreviewQueryOptions(settled));
    for (const l of listeners) l();
  };
  return {
    changed() {
      if (timer !== null) return;
      const quiet = performance.now() - lastEmit;
      if (quiet >= PREVIEW_DEBOUNCE_MS) emit();
      else timer = setTimeout(emit, PREVIEW_DEBOUNCE_MS - quiet);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => settled,
  };
}

/**
 * A feed for the page's form: `read` gives the current draft (keep it stable), `subscribe` is the
 * form's own change event. The component that holds it does not re-render as the draft settles.
 */
export function useDraftFeedSource(
  read: () => RequestDraft,
  subscribe: (onChange: () => void) => () => void,
): DraftFeed {
  const client = useQueryClient();
  const feed = useMemo(() => createDraftFeed(client, read), [client, read]);
  useEffect(() => subscribe(() => feed.changed()), [feed, subscribe]);
  return feed;
}

/** The draft a feed last settled: the component re-renders as it settles. */
export function useSettledDraft(feed: DraftFeed): RequestDraft {
  return useSyncExternalStore(feed.subscribe, feed.settled, feed.settled);
}

/**
 * A feed for the page's form, and the draft it last settled: `read` gives the current draft (keep
 * it stable), `subscribe` is the form's own change event.
 */
export function useDraftFeed(
  read: () => RequestDraft,
  subscribe: (onChange: () => void) => () => void,
): { feed: DraftFeed; settled: RequestDraft } {
  const feed = useDraftFeedSource(read, subscribe);
  return { feed, settled: useSettledDraft(feed) };
}

/** The signature of a settled draft (none for null). */
export function useSignPreview(settled: RequestDraft | null) {
  return useQuery(signPreviewQueryOptions(settled));
}
