import type { ReactNode } from 'react';

/** The history pane while its code loads: the same frame and heading, so nothing moves when it arrives. */
export function HistoryLoading({ headerAction }: { headerAction?: ReactNode }) {
  return (
    <section
      aria-label="History"
      aria-busy="true"
      className="flex h-full min-h-0 flex-col gap-2 p-2 text-slate-900 dark:text-slate-100"
    >
      <div className="flex items-center gap-2 px-1">
        {headerAction}
        <h2 className="text-sm font-semibold">History</h2>
      </div>
      <p className="px-1 text-xs text-slate-500 dark:text-slate-400">Loading history…</p>
    </section>
  );
}
