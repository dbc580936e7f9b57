/** The live signature preview: the server signs the draft exactly as Send would (but sends nothing). */
import { keepPreviousData, queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { RequestDraft } from '../../../../core/contract.ts';
import { needsConfirmation } from '../../../../core/guardrails.ts';
import { api } from '../../../lib/api-client.ts';
import { signQueryKeyHash } from '../../../lib/sign-query-hash.ts';

const fetchSignPreview = (draft: RequestDraft, signal: AbortSignal) => api.sign(draft, signal);

const SIGN_KEY = 'sign';

/**
 * One query per draft, asked as soon as the draft changes (no debounce): the request for a draft that
 * was typed over is aborted through the signal.
 */
export const signPreviewQueryOptions = (draft: RequestDraft) =>
  queryOptions({
    queryKey: [SIGN_KEY, draft] as const,
    queryKeyHashFn: signQueryKeyHash,
    queryFn: ({ signal }) => fetchSignPreview(draft, signal),
    // Keep showing the last preview while the next one is on its way, so the panel never flashes.
    placeholderData: keepPreviousData,
    // A 400 for a bad path will not get better by asking again.
    retry: false,
    refetchOnWindowFocus: false,
    // An answer is good for the panel that comes to show it just after it arrived (the request was
    // started ahead, from the form): without a stale time that panel would ask again on mount.
    staleTime: 5_000,
    // Each answer carries the whole body: earlier drafts are not worth keeping for long.
    gcTime: 5_000,
  });

/**
 * A production mutation is never signed ahead: its signature could be used to move funds. Its
 * string-to-sign is still laid out in the page; Send signs it, after the person confirms.
 */
export function signedOnlyOnSend(draft: RequestDraft): boolean {
  return needsConfirmation(draft.environment, draft.method);
}

export function useSignPreview(draft: RequestDraft | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...signPreviewQueryOptions(draft ?? ({} as RequestDraft)),
    enabled: draft !== null && !signedOnlyOnSend(draft) && (options.enabled ?? true),
  });
}

function sameDraft(a: unknown, b: RequestDraft): boolean {
  if (typeof a !== 'object' || a === null) return false;
  const d = a as RequestDraft;
  return (
    d.environment === b.environment &&
    d.method === b.method &&
    d.path === b.path &&
    d.body === b.body &&
    d.timestamp === b.timestamp &&
    d.timestampUnit === b.timestampUnit &&
    d.demoKey === b.demoKey
  );
}

/**
 * Starts signing a draft at once, from the form's change event, before React renders the change:
 * the server signs while the page renders, and the panel's query for the same draft finds the
 * request on its way (or answered). Requests and answers for earlier drafts that nothing shows are
 * dropped, so that fast typing in a large body does not pile them up.
 */
export function prefetchSignPreview(client: QueryClient, draft: RequestDraft): void {
  if (signedOnlyOnSend(draft)) return;
  const cache = client.getQueryCache();
  for (const query of cache.findAll({ queryKey: [SIGN_KEY] })) {
    if (query.getObserversCount() > 0 || sameDraft(query.queryKey[1], draft)) continue;
    void query.cancel();
    cache.remove(query);
  }
  void client.prefetchQuery(signPreviewQueryOptions(draft));
}

/** How long the panel waits for the server's answer to a new draft before laying it out provisionally. */
export const PROVISIONAL_AFTER_MS = 50;

/** Whether the server has answered (or refused) this draft. */
function answered(client: QueryClient, draft: RequestDraft): boolean {
  return client
    .getQueryCache()
    .findAll({ queryKey: [SIGN_KEY] })
    .some((q) => sameDraft(q.queryKey[1], draft) && q.state.status !== 'pending' && q.state.fetchStatus === 'idle');
}

/**
 * The draft the signing panel shows. A new draft is shown as soon as the server has signed it, so
 * that the string-to-sign and its signature change together in one update, or after
 * PROVISIONAL_AFTER_MS when the server is slower, the string-to-sign then laid out provisionally in
 * the page until the answer comes. Typing never waits for either: the panel follows behind.
 */
export function useShownDraft(draft: RequestDraft, live: boolean): RequestDraft {
  const client = useQueryClient();
  const [shown, setShown] = useState(draft);
  useEffect(() => {
    if (!live || shown === draft) return;
    let done = false;
    const show = () => {
      if (done) return;
      done = true;
      setShown(draft);
    };
    const timer = setTimeout(show, PROVISIONAL_AFTER_MS);
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        sameDraft(event.query.queryKey[1], draft) &&
        event.query.state.fetchStatus === 'idle'
      )
        show();
    });
    if (answered(client, draft) || signedOnlyOnSend(draft)) queueMicrotask(show);
    // Asked already when the draft came from typing; not when it changed otherwise (environment, key).
    else prefetchSignPreview(client, draft);
    return () => {
      done = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client, draft, shown, live]);
  return live ? shown : draft;
}
