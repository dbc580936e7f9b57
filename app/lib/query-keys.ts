/**
 * Every query key of the page, in one place: features share server state through these factories
 * (one invalidation of `history.all()` refreshes every list page), never through string literals.
 */
import type { Environment, HistoryQuery, RequestDraft, SavedRequestQuery } from '../../core/contract.ts';

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
    /** The IDs named in an environment's latest responses: refreshed with the lists, after each send. */
    responseIds: (environment: Environment) => ['history', 'response-ids', environment] as const,
  },
  historyEntry: {
    all: () => ['history-entry'] as const,
    one: (id: number) => ['history-entry', id] as const,
  },
  sends: {
    /** The progress of one send in flight (GET /api/sends/:id), by the id the page gave it. */
    progress: (sendId: string) => ['send-progress', sendId] as const,
  },
  workbench: {
    /** The open tabs (GET /api/workspace). */
    workspace: () => ['workbench', 'workspace'] as const,
    /** Every environment's variables. */
    variables: () => ['workbench', 'variables'] as const,
    /** Collections, their trees, searches and each saved request's history. */
    collections: () => ['workbench', 'collections'] as const,
    collection: (id: number) => ['workbench', 'collections', id] as const,
    search: (query: Partial<SavedRequestQuery>) => ['workbench', 'collections', 'search', query] as const,
    savedRequest: (id: number) => ['workbench', 'collections', 'saved', id] as const,
    savedHistory: (id: number) => ['history', 'saved', id] as const,
  },
  walkthrough: {
    draft: (draft: RequestDraft) => ['walkthrough', draft] as const,
    example: () => ['walkthrough-example'] as const,
  },
} as const;
