import { useId, type ChangeEvent, type Ref } from 'react';
import { SEARCH_EXAMPLES } from '../../../../core/history-search.ts';
import { ENVIRONMENTS } from '../../../../core/constants.ts';
import type { Environment, StatusClass } from '../../../../core/contract.ts';

export interface FilterValues {
  text: string;
  environment: Environment | '';
  method: string;
  status: StatusClass | '';
}

export const EMPTY_FILTERS: FilterValues = { text: '', environment: '', method: '', status: '' };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const STATUS_LABELS: Record<StatusClass, string> = {
  '2xx': '2xx success',
  '3xx': '3xx redirect',
  '4xx': '4xx client error',
  '5xx': '5xx server error',
  error: 'No response',
};

const selectClass =
  'h-7 min-w-[5.5rem] flex-1 rounded-md border border-slate-300 bg-white px-1 text-[11px] text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/** The search box and the three compact filters above the list. */
export function HistoryFilters({
  value,
  onChange,
  ref,
  meaning,
}: {
  value: FilterValues;
  onChange: (next: FilterValues) => void;
  ref: Ref<HTMLInputElement>;
  /** What the search asks for, or why part of it cannot be read (core/history-search.ts). */
  meaning?: { text: string; problem: boolean } | null;
}) {
  const helpId = useId();
  const meaningId = useId();
  const set =
    <K extends keyof FilterValues>(key: K) =>
    (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      onChange({ ...value, [key]: e.target.value as FilterValues[K] });
  return (
    <div className="flex flex-col gap-1.5">
      <input
        ref={ref}
        type="search"
        aria-label="Search history"
        aria-keyshortcuts="/"
        aria-describedby={meaning ? `${helpId} ${meaningId}` : helpId}
        placeholder="Search, or status:403 method:POST  ( / )"
        value={value.text}
        onChange={set('text')}
        spellCheck={false}
        className="h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      />
      <p id={helpId} className="sr-only">
        Words are looked for in the path and the bodies. Fields: {SEARCH_EXAMPLES.join(', ')}; several of one field mean
        either, different fields must all match.
      </p>
      {meaning && (
        <p
          id={meaningId}
          aria-live="polite"
          className={`px-0.5 text-[11px] ${meaning.problem ? 'text-amber-800 dark:text-amber-300' : 'text-slate-500 dark:text-slate-400'}`}
        >
          {meaning.text}
        </p>
      )}
      <div className="flex flex-wrap gap-1.5">
        <select
          aria-label="Filter by environment"
          value={value.environment}
          onChange={set('environment')}
          className={selectClass}
        >
          <option value="">Any env</option>
          {ENVIRONMENTS.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
        <select aria-label="Filter by method" value={value.method} onChange={set('method')} className={selectClass}>
          <option value="">Any method</option>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select aria-label="Filter by status" value={value.status} onChange={set('status')} className={selectClass}>
          <option value="">Any status</option>
          {(Object.keys(STATUS_LABELS) as StatusClass[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
