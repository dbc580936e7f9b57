/**
 * Server state that more than one feature reads, as query options: the session (environments,
 * demo keys, warnings) and the signature of a draft. Each feature's own server state stays in its
 * feature folder (fetcher → queryOptions → hook); keys come from query-keys.ts.
 */
import { hashKey, keepPreviousData, queryOptions, skipToken, useQuery, type QueryKey } from '@tanstack/react-query';
import type { RequestDraft } from '../../core/contract.ts';
import { needsConfirmation } from '../../core/guardrails.ts';
import { api } from './api-client.ts';
import { queryKeys } from './query-keys.ts';

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.session(),
    queryFn: () => api.session(),
    staleTime: Infinity,
    retry: 1,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}

/**
 * A production mutation is never signed ahead: its signature could be used to move funds. Its
 * string-to-sign is still laid out in the page; Send signs it, after the person confirms.
 */
export function signedOnlyOnSend(draft: RequestDraft): boolean {
  return needsConfirmation(draft.environment, draft.method);
}

/**
 * A draft's key hash, made once per draft object (the cache looks the query up several times per
 * keystroke): the default hash of the draft without its body, then the body as it is. The default
 * would print the body as JSON, escaping a 100 KB copy of it; joined as it is, it is not copied until
 * the cache's map reads it. Exact: the JSON part never holds a raw U+0000, so the split is unambiguous.
 */
const draftHashes = new WeakMap<object, string>();
function signKeyHash(key: QueryKey): string {
  const draft = key[1] as RequestDraft | null | undefined;
  if (typeof draft !== 'object' || draft === null) return hashKey(key);
  let hash = draftHashes.get(draft);
  if (hash === undefined) {
    const { body, ...rest } = draft;
    hash = `${hashKey([key[0], rest, body === null])}\u0000${body ?? ''}`;
    draftHashes.set(draft, hash);
  }
  return hash;
}

/** The server's signature of a draft (it sends nothing); none for a draft that is only signed on Send. */
export const signPreviewQueryOptions = (draft: RequestDraft | null) =>
  queryOptions({
    queryKey: queryKeys.sign.preview(draft),
    queryKeyHashFn: signKeyHash,
    queryFn: draft && !signedOnlyOnSend(draft) ? ({ signal }) => api.sign(draft, signal) : skipToken,
    // Keep showing the last signature (dimmed) while the next one is on its way: the panel never flashes.
    placeholderData: keepPreviousData,
    // A 400 for a bad path will not get better by asking again.
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: 5_000,
    // Each answer carries the whole body: earlier drafts are not worth keeping for long.
    gcTime: 5_000,
  });
