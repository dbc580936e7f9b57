/**
 * Every query key of the page, in one place: features share server state through these factories
 * (one invalidation of `history.all()` refreshes every list page), never through string literals.
 */
import type { HistoryQuery, RequestDraft } from '../../core/contract.ts';

export const queryKeys = {
  session: () => ['session'] as const,
  sign: {
    all: () => ['sign'] as const,
    preview: (draft: RequestDraft | null) => ['sign', draft] as const,
  },
  history: {
    /** Every list page; entries live under historyEntry, since a new send does not change them. */
    all: () => ['history'] as const,
    list: (query: Partial<HistoryQuery>) => ['history', 'list', query] as const,
  },
  historyEntry: {
    all: () => ['history-entry'] as const,
    one: (id: number) => ['history-entry', id] as const,
  },
  sends: {
    /** The progress of one send in flight (GET /api/sends/:id), by the id the page gave it. */
    progress: (sendId: string) => ['send-progress', sendId] as const,
  },
  walkthrough: {
    draft: (draft: RequestDraft) => ['walkthrough', draft] as const,
    example: () => ['walkthrough-example'] as const,
  },
} as const;
