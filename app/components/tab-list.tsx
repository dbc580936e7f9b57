import { useId, type KeyboardEvent, type ReactNode } from 'react';

const tabClass = (selected: boolean, padding: string) =>
  `-mb-px border-b-2 ${padding} text-sm focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ` +
  (selected
    ? 'border-sky-600 font-semibold text-slate-900 dark:border-sky-400 dark:text-slate-50'
    : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100');

/**
 * An ARIA tab list and its one panel: arrow keys move between tabs (wrapping), Home and End go to
 * the ends, and only the selected tab is in the Tab order.
 */
export function TabList<T extends string>(props: {
  /** The tab list's accessible name ("Response views"). */
  label: string;
  tabs: ReadonlyArray<{ id: T; label: ReactNode }>;
  selected: T;
  onSelect: (tab: T) => void;
  children: ReactNode;
  /** Classes of the row of tabs, of each tab's padding, of the panel. */
  listClassName?: string;
  tabPadding?: string;
  panelClassName?: string;
}) {
  const base = useId();
  const ids = props.tabs.map((t) => t.id);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = ids.indexOf(props.selected);
    let next: T | undefined;
    if (e.key === 'ArrowRight') next = ids[(i + 1) % ids.length];
    else if (e.key === 'ArrowLeft') next = ids[(i - 1 + ids.length) % ids.length];
    else if (e.key === 'Home') next = ids[0];
    else if (e.key === 'End') next = ids[ids.length - 1];
    if (next === undefined) return;
    e.preventDefault();
    props.onSelect(next);
    document.getElementById(`${base}-${next}-tab`)?.focus();
  };
  return (
    <>
      <div
        role="tablist"
        aria-label={props.label}
        onKeyDown={onKey}
        className={`flex gap-1 border-b border-slate-200 dark:border-slate-800 ${props.listClassName ?? ''}`}
      >
        {props.tabs.map(({ id, label }) => {
          const selected = id === props.selected;
          return (
            <button
              key={id}
              id={`${base}-${id}-tab`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls={`${base}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => props.onSelect(id)}
              className={tabClass(selected, props.tabPadding ?? 'px-3 py-2')}
            >
              {label}
            </button>
          );
        })}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-${props.selected}-tab`}
        className={props.panelClassName}
      >
        {props.children}
      </div>
    </>
  );
}
