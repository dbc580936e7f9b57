/** POST /api/walkthrough for the current request: every intermediate value (it signs, it sends nothing). */
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { RequestDraft } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const walkthroughQueryOptions = (draft: RequestDraft | null) =>
  queryOptions({
    queryKey: draft ? queryKeys.walkthrough.draft(draft) : (['walkthrough', null] as const),
    queryFn: draft ? () => api.walkthrough(draft) : skipToken,
    retry: false,
    refetchOnWindowFocus: false,
  });

export function useWalkthrough(draft: RequestDraft | null) {
  return useQuery(walkthroughQueryOptions(draft));
}
