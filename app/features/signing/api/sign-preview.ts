/** The live signature preview: the server signs the draft exactly as Send would (but sends nothing). */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { RequestDraft } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';

const fetchSignPreview = (draft: RequestDraft) => api.sign(draft);

export const signPreviewQueryOptions = (draft: RequestDraft) =>
  queryOptions({
    queryKey: ['sign', draft] as const,
    queryFn: () => fetchSignPreview(draft),
    // Keep showing the last preview while the next one is on its way, so the panel never flashes.
    placeholderData: keepPreviousData,
    // A 400 for a bad path will not get better by asking again.
    retry: false,
    refetchOnWindowFocus: false,
  });

export function useSignPreview(draft: RequestDraft | null) {
  return useQuery({ ...signPreviewQueryOptions(draft ?? ({} as RequestDraft)), enabled: draft !== null });
}
