/**
 * History as server state: fetchers → query options → hooks. The list is fetched in pages as the
 * person scrolls; an entry (request as sent, response) is fetched when it is selected.
 */
import {
  keepPreviousData,
  queryOptions,
  skipToken,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Environment, HistoryQuery, ReplayRequest } from '../../../../core/contract.ts';
import { api, ApiRequestError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const HISTORY_PAGE_SIZE = 200;

/** What the person filters by (everything but paging). */
export type HistoryFilter = Pick<Partial<HistoryQuery>, 'environment' | 'method' | 'status' | 'q'>;

export function historyQueryOptions(filter: Partial<HistoryQuery>) {
  return queryOptions({
    queryKey: queryKeys.history.list(filter),
    queryFn: () => api.history(filter),
    placeholderData: keepPreviousData,
    // The list changes through this page's own mutations, which invalidate it. Without a stale time,
    // every observer that mounts later (the list under the sidebar's first page, a page scrolled back
    // into view) would fetch the same page again: the first load asked for page 0 twice.
    staleTime: 60_000,
  });
}

/** One page of the list: rows page × HISTORY_PAGE_SIZE onwards. */
export function historyPageQueryOptions(filter: HistoryFilter, page: number) {
  return historyQueryOptions({ ...filter, limit: HISTORY_PAGE_SIZE, offset: page * HISTORY_PAGE_SIZE });
}

/** The full entry: the request as sent, its string to sign, hashes, response and timings. */
export function historyEntryQueryOptions(id: number) {
  return queryOptions({
    queryKey: queryKeys.historyEntry.one(id),
    queryFn: () => api.historyEntry(id),
    staleTime: Infinity,
    retry: (count, error) => count < 2 && !(error instanceof ApiRequestError && error.status === 404),
  });
}

export function useHistoryPages(filter: HistoryFilter, pages: number[]) {
  return useQueries({ queries: pages.map((p) => historyPageQueryOptions(filter, p)) });
}

export function useHistoryFirstPage(filter: HistoryFilter) {
  return useQuery(historyPageQueryOptions(filter, 0));
}

export function useHistoryEntry(id: number | null) {
  return useQuery(
    id === null ? { queryKey: queryKeys.historyEntry.one(-1), queryFn: skipToken } : historyEntryQueryOptions(id),
  );
}

export function useResend() {
  const client = useQueryClient();
  return useMutation({
    /** `confirm`: the person confirmed sending it to production. */
    mutationFn: ({ id, confirm }: { id: number; confirm: boolean }) => api.resend(id, confirm ? { confirm } : {}),
    retry: false,
    onSuccess: (result) => client.setQueryData(queryKeys.historyEntry.one(result.id), result),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.history.all() }),
  });
}

export function useReplay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: ReplayRequest }) => api.replay(id, request),
    retry: false,
    onSuccess: (result) => client.setQueryData(queryKeys.historyEntry.one(result.id), result),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.history.all() }),
  });
}

export function useDeleteEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.deleteHistoryEntry(id),
    retry: false,
    onSuccess: (_ok, id) => client.removeQueries({ queryKey: queryKeys.historyEntry.one(id) }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.history.all() }),
  });
}

export function useClearHistory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.clearHistory(),
    retry: false,
    onSuccess: () => client.removeQueries({ queryKey: queryKeys.historyEntry.all() }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.history.all() }),
  });
}

/** The IDs named in the environment's latest responses, newest first (GET /api/response-ids). */
export function useResponseIds(environment: Environment) {
  return useQuery({
    queryKey: queryKeys.history.responseIds(environment),
    queryFn: () => api.responseIds(environment),
    staleTime: 60_000,
  });
}
