/**
 * The variables the active tab's draft is expanded with (its collection's, then its environment's),
 * as a source the page's draft feed and Send read synchronously, and hear change.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { CollectionDetail, EnvironmentVariables, RequestDraft, Segment } from '../../../core/contract.ts';
import { useCollection, useSavedRequest, useVariables } from './api/workbench-api.ts';
import { expandDraft, marksInSegments, scopesFor, type ExpandedDraft, type ExpansionMark } from './expansion.ts';
import { useActiveSavedRequestId, type TabStore } from './tab-store.ts';

export interface ExpansionSource {
  expand(draft: RequestDraft): ExpandedDraft;
  /** The marks for the segments of an expanded draft this source made (none for others). */
  marks(draft: RequestDraft, segments: readonly Segment[]): ExpansionMark[];
  subscribe(onChange: () => void): () => void;
  /** The saved request the active tab came from, to link its history entries. */
  savedRequestId(): number | undefined;
  /** Goes up whenever the variables change: a reader that lays out the draft itself depends on it. */
  version(): number;
}

/** The source's version, so that a component re-renders (and expands again) when the variables change. */
export function useExpansionVersion(source: ExpansionSource): number {
  return useSyncExternalStore(source.subscribe, source.version);
}

const CACHE = 50;

export function createExpansionSource(): ExpansionSource & {
  set(
    variables: EnvironmentVariables | undefined,
    collection: CollectionDetail | undefined,
    saved: number | undefined,
  ): void;
} {
  let variables: EnvironmentVariables | undefined;
  let collection: CollectionDetail | undefined;
  let saved: number | undefined;
  let version = 0;
  const listeners = new Set<() => void>();
  // Expanded drafts by their JSON, so that the marks of the draft the signing panel shows are found.
  const made = new Map<string, ExpandedDraft>();
  return {
    expand(draft) {
      const e = expandDraft(draft, scopesFor(draft.environment, variables?.[draft.environment] ?? [], collection));
      if (e.path.length + e.body.length > 0) {
        made.set(JSON.stringify(e.draft), e);
        const oldest = made.keys().next();
        if (made.size > CACHE && !oldest.done) made.delete(oldest.value);
      }
      return e;
    },
    marks(draft, segments) {
      const e = made.get(JSON.stringify(draft));
      return e ? marksInSegments(e, segments) : [];
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    savedRequestId: () => saved,
    version: () => version,
    set(v, c, s) {
      if (v === variables && c === collection && s === saved) return;
      variables = v;
      collection = c;
      saved = s;
      version++;
      listeners.forEach((l) => l());
    },
  };
}

export function useExpansionSource(store: TabStore): ExpansionSource {
  const [source] = useState(createExpansionSource);
  const savedId = useActiveSavedRequestId(store);
  const variables = useVariables();
  const saved = useSavedRequest(savedId);
  const collection = useCollection(saved.data?.collectionId ?? null);
  useEffect(() => {
    source.set(variables.data, savedId === null ? undefined : collection.data, savedId ?? undefined);
  }, [source, variables.data, collection.data, savedId]);
  return source;
}

/** What a path parameter field offers: the environment's variables as {{name}}, the value beside it. */
export function useVariableSuggestions(
  environment: RequestDraft['environment'],
): Array<{ value: string; label: string }> {
  const variables = useVariables();
  const list = variables.data?.[environment];
  return useMemo(
    () =>
      (list ?? []).map((v) => ({
        value: `{{${v.name}}}`,
        label: v.value.length > 40 ? `${v.value.slice(0, 40)}…` : v.value,
      })),
    [list],
  );
}
