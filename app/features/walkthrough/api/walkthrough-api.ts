/** POST /api/walkthrough for the current request: every intermediate value (it signs, it sends nothing). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RequestDraft } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';

const fetchWalkthrough = (draft: RequestDraft) => api.walkthrough(draft);

export const walkthroughQueryOptions = (draft: RequestDraft) =>
  queryOptions({
    queryKey: ['walkthrough', draft] as const,
    queryFn: () => fetchWalkthrough(draft),
    retry: false,
    refetchOnWindowFocus: false,
  });

export function useWalkthrough(draft: RequestDraft | null) {
  return useQuery({ ...walkthroughQueryOptions(draft ?? ({} as RequestDraft)), enabled: draft !== null });
}
