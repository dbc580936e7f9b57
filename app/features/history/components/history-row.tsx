import type { CSSProperties, FocusEvent, MouseEvent } from 'react';
import type { HistorySummary } from '../../../../core/contract.ts';
import { formatDuration } from '../../../lib/format.ts';
import type { KeyName } from '../../../lib/key-label.ts';
import { ENV_BADGE, statusClasses } from '../history-style.ts';
import { formatRelativeTime, historyRowName, middleSplit } from '../relative-time.ts';

/** The whole path of a row, shown over it on hover and focus (the row itself cuts it in the middle). */
export interface PathHint {
  text: string;
  rect: { left: number; top: number; width: number };
}

export const ROW_HEIGHT = 52;

export function HistoryRow(props: {
  entry: HistorySummary;
  index: number;
  total: number;
  now: number;
  selected: boolean;
  onSelect: (id: number) => void;
  style: CSSProperties;
  id: string;
  /** How the page names the key that signed it. */
  keyName: (keyId: string) => KeyName;
  /** The duration links to the entry's timing waterfall. */
  onShowTiming?: (id: number) => void;
  /** The row wants its whole path shown (null: no longer). */
  onHint?: (hint: PathHint | null) => void;
}) {
  const { entry, now, selected, onHint } = props;
  const key = props.keyName(entry.keyId);
  const { head, tail } = middleSplit(entry.path);
  const hint = (e: FocusEvent<HTMLElement> | MouseEvent<HTMLElement>) => {
    if (!onHint || head === '') return;
    const r = e.currentTarget.getBoundingClientRect();
    onHint({ text: `${entry.method} ${entry.path}`, rect: { left: r.left, top: r.top, width: r.width } });
  };
  const unhint = () => onHint?.(null);
  return (
    <div
      role="listitem"
      style={props.style}
      className="absolute top-0 left-0 w-full px-1 py-0.5"
      aria-setsize={props.total}
      aria-posinset={props.index + 1}
    >
      <button
        id={props.id}
        type="button"
        aria-label={historyRowName(entry, now, key.name)}
        aria-current={selected ? 'true' : undefined}
        onClick={() => props.onSelect(entry.id)}
        onFocus={hint}
        onBlur={unhint}
        onMouseEnter={hint}
        onMouseLeave={unhint}
        className={
          'flex h-full w-full flex-col justify-center gap-0.5 rounded-md px-2 text-left focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-sky-500 ' +
          (selected
            ? 'bg-sky-100 ring-1 ring-sky-400 dark:bg-sky-950 dark:ring-sky-700'
            : 'hover:bg-slate-100 dark:hover:bg-slate-800/70')
        }
      >
        <span className="flex w-full items-center gap-2 font-mono text-[12px]">
          <span className="w-14 shrink-0 font-semibold text-slate-700 dark:text-slate-200">{entry.method}</span>
          {/* Cut in the middle: the start shrinks with an ellipsis, the end is always whole. */}
          <span className="flex min-w-0 flex-1 text-slate-900 dark:text-slate-100">
            {head && <span className="min-w-0 shrink-[1000] truncate">{head}</span>}
            {/* In a row too narrow even for the end, it gives way from its start (the ellipsis on the
                left, the last characters kept): right-to-left overflow around left-to-right text. */}
            <span className="min-w-0 truncate whitespace-pre [direction:rtl]">
              <bdi dir="ltr">{tail}</bdi>
            </span>
          </span>
          <span className={`shrink-0 font-semibold ${statusClasses(entry.status)}`}>
            {entry.status ?? entry.errorCode ?? '—'}
          </span>
          {entry.status !== null && entry.errorCode && (
            <span className={`shrink-0 font-semibold ${statusClasses(null)}`}>{entry.errorCode}</span>
          )}
        </span>
        <span className="flex w-full items-center gap-2 text-[11px] text-slate-500 dark:text-slate-400">
          <span className={`shrink-0 rounded px-1.5 leading-4 ${ENV_BADGE[entry.environment]}`}>
            {entry.environment}
          </span>
          {entry.kind !== 'send' && (
            <span className="shrink-0 italic">{entry.kind === 'replay' ? 'replay' : 're-send'}</span>
          )}
          <span className="min-w-0 flex-1 truncate font-mono" title={key.title}>
            {key.name}
          </span>
          {/* The duration's place: the link over it sits outside the button (no control inside a control). */}
          <span className={`shrink-0 tabular-nums ${props.onShowTiming ? 'invisible' : ''}`}>
            {formatDuration(entry.totalMs)}
          </span>
          <span className="w-[5.5rem] shrink-0 truncate text-right tabular-nums">
            {formatRelativeTime(entry.createdAt, now)}
          </span>
        </span>
      </button>
      {props.onShowTiming && (
        <a
          href={`#timing-${entry.id}`}
          onClick={(e) => {
            e.preventDefault();
            props.onShowTiming?.(entry.id);
          }}
          aria-label={`Timing of #${entry.id}: ${formatDuration(entry.totalMs)}`}
          title="Where the time went (waterfall)"
          className="absolute right-[calc(5.5rem+0.75rem+0.5rem)] bottom-[0.55rem] rounded px-0.5 text-[11px] leading-4 text-sky-700 tabular-nums underline decoration-dotted underline-offset-2 hover:text-sky-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400 dark:hover:text-sky-200"
        >
          {formatDuration(entry.totalMs)}
        </a>
      )}
    </div>
  );
}

export function PlaceholderRow(props: { style: CSSProperties }) {
  return (
    <div role="listitem" style={props.style} className="absolute top-0 left-0 w-full px-1 py-0.5" aria-busy="true">
      <div className="flex h-full flex-col justify-center gap-1.5 rounded-md px-2">
        <span className="h-3 w-3/4 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <span className="h-2.5 w-1/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <span className="sr-only">Loading</span>
      </div>
    </div>
  );
}
