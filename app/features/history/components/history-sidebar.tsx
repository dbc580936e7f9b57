import { groupDigits } from '../../../lib/format.ts';
import { useRef, useState, type ReactNode } from 'react';
import type { HistoryEntry, RelayResult } from '../../../../core/contract.ts';
import { describeHistorySearch, parseHistorySearch, searchParts } from '../../../../core/history-search.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import type { ConfirmSend } from '../../../lib/confirm-send.ts';
import type { KeyName } from '../../../lib/key-label.ts';
import { useClearHistory, useHistoryFirstPage, type HistoryFilter } from '../api/history-api.ts';
import { useDebounced } from '../../../lib/debounce.ts';
import { useShortcut } from '../../../lib/shortcuts.ts';
import { useNow } from '../../../lib/use-now.ts';
import { EntryActions } from './entry-actions.tsx';
import { EMPTY_FILTERS, HistoryFilters, type FilterValues } from './history-filters.tsx';
import { HistoryList } from './history-list.tsx';

export interface HistorySidebarProps {
  selectedId: number | null;
  onSelect: (id: number) => void;
  onLoad: (entry: HistoryEntry) => void;
  onResult: (result: RelayResult) => void;
  /** How the page names a key (a demo key by its name); by default, its key id. */
  keyName?: (keyId: string) => KeyName;
  /** The page's production question, asked before a re-send. */
  confirmSend?: ConfirmSend;
  /** A control at the start of the header (the layout's Hide history). */
  headerAction?: ReactNode;
  /** A row's duration was followed: show that entry's timing. */
  onShowTiming?: (id: number) => void;
  /** "Diagnose": the entry goes to the signature doctor. */
  onDiagnose?: (entry: HistoryEntry) => void;
  /** "Compare": the entry is one side of a comparison. */
  onCompare?: (entry: HistoryEntry) => void;
  /** "New request from history": the entry's request in a new tab. */
  onNewTab?: (entry: HistoryEntry) => void;
  /** "Save to collection": the entry's request saved as a named request. */
  onSaveToCollection?: (entry: HistoryEntry) => void;
}

const byKeyId = (keyId: string): KeyName => ({ name: keyId, title: `Key id ${keyId}`, demoKey: null });

function toFilter(v: FilterValues): HistoryFilter {
  const f: HistoryFilter = {};
  const q = v.text.trim();
  if (q) f.q = q;
  if (v.environment) f.environment = v.environment;
  if (v.method) f.method = v.method;
  if (v.status) f.status = v.status;
  return f;
}

/** Every request sent from this playground, newest first, searchable, with its actions. */
export function HistorySidebar({
  selectedId,
  onSelect,
  onLoad,
  onResult,
  keyName = byKeyId,
  confirmSend,
  headerAction,
  onShowTiming,
  onDiagnose,
  onCompare,
  onNewTab,
  onSaveToCollection,
}: HistorySidebarProps) {
  const [values, setValues] = useState<FilterValues>(EMPTY_FILTERS);
  const settled = useDebounced(values, 250);
  // The search as core reads it: while part of it cannot be read, the last search that could stays.
  const search = parseHistorySearch(settled.text);
  const [readable, setReadable] = useState(settled.text);
  if (search.problems.length === 0 && readable !== settled.text) setReadable(settled.text);
  const filter = toFilter({ ...settled, text: readable });
  const usesFields = searchParts(settled.text).some((p) => p.field !== null);
  const meaning =
    search.problems.length > 0
      ? { text: search.problems.join(' '), problem: true }
      : usesFields
        ? { text: `Finds: ${describeHistorySearch(search)}.`, problem: false }
        : null;
  const filtered = Object.keys(filter).length > 0;
  const first = useHistoryFirstPage(filter);
  const total = first.data?.total ?? 0;
  const now = useNow(30_000);
  const clear = useClearHistory();
  const [confirmClear, setConfirmClear] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useShortcut('/', 'Search the history', () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  });

  // After a delete, select the neighbour in the first page when there is one.
  const onDeleted = (id: number) => {
    const entries = first.data?.entries ?? [];
    const i = entries.findIndex((e) => e.id === id);
    const next = i >= 0 ? (entries[i + 1] ?? entries[i - 1]) : undefined;
    if (next) onSelect(next.id);
  };

  return (
    <section aria-label="History" className="flex h-full min-h-0 flex-col gap-2 p-2 text-slate-900 dark:text-slate-100">
      <div className="flex items-center gap-2 px-1">
        {headerAction}
        <h2 className="text-sm font-semibold">History</h2>
        <span
          className="min-w-0 truncate text-xs whitespace-nowrap text-slate-500 tabular-nums dark:text-slate-400"
          aria-live="polite"
        >
          {first.data ? `${groupDigits(total)} ${total === 1 ? 'request' : 'requests'}${filtered ? ' found' : ''}` : ''}
        </span>
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto shrink-0"
          disabled={clear.isPending || (!filtered && first.isSuccess && total === 0)}
          onClick={() => setConfirmClear(true)}
        >
          Clear history
        </Button>
      </div>
      <HistoryFilters value={values} onChange={setValues} ref={searchRef} meaning={meaning} />

      {first.isPending ? (
        <p role="status" className="px-1 py-4 text-sm text-slate-600 dark:text-slate-400">
          Loading history…
        </p>
      ) : first.isError ? (
        <div role="alert" className="flex flex-col items-start gap-2 px-1 py-3 text-sm text-red-700 dark:text-red-400">
          <p>The history could not be loaded: {first.error.message}</p>
          <Button size="sm" onClick={() => void first.refetch()}>
            Try again
          </Button>
        </div>
      ) : total === 0 ? (
        <div className="flex flex-col items-start gap-2 px-1 py-4 text-sm text-slate-600 dark:text-slate-400">
          {filtered ? (
            <>
              <p>No requests match this search and these filters.</p>
              <Button size="sm" onClick={() => setValues(EMPTY_FILTERS)}>
                Clear filters
              </Button>
            </>
          ) : (
            <p>No requests yet. Send one and it appears here.</p>
          )}
        </div>
      ) : (
        <HistoryList
          filter={filter}
          total={total}
          now={now}
          selectedId={selectedId}
          onSelect={onSelect}
          keyName={keyName}
          onShowTiming={onShowTiming}
        />
      )}

      {clear.error && (
        <p role="alert" className="px-1 text-xs text-red-700 dark:text-red-400">
          {clear.error.message}
        </p>
      )}
      {selectedId !== null && (
        <EntryActions
          key={selectedId}
          id={selectedId}
          onLoad={onLoad}
          onResult={onResult}
          onDeleted={onDeleted}
          confirmSend={confirmSend}
          onDiagnose={onDiagnose}
          onCompare={onCompare}
          onNewTab={onNewTab}
          onSaveToCollection={onSaveToCollection}
        />
      )}

      <Dialog open={confirmClear} title="Clear the whole history?" tone="danger" onClose={() => setConfirmClear(false)}>
        <div className="flex flex-col gap-3 text-sm text-slate-700 dark:text-slate-300">
          <p>
            {filtered
              ? 'Every stored request and response is deleted, not only the ones this search shows.'
              : `All ${groupDigits(total)} stored ${total === 1 ? 'request and its response are' : 'requests and their responses are'} deleted.`}{' '}
            This cannot be undone.
          </p>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setConfirmClear(false)}>Cancel</Button>
            <Button
              variant="danger"
              onClick={() => {
                setConfirmClear(false);
                clear.mutate();
              }}
            >
              Clear all history
            </Button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}
