import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { Environment } from '../../../../core/contract.ts';
import type { TabStore } from '../tab-store.ts';

// Off the first screen: their code loads when first shown.
const CollectionsPanel = lazy(() => import('./collections-panel.tsx').then((m) => ({ default: m.CollectionsPanel })));
const VariablesPanel = lazy(() => import('./variables-panel.tsx'));

type Pane = 'history' | 'collections' | 'variables';
const PANES: Array<{ id: Pane; label: string }> = [
  { id: 'history', label: 'History' },
  { id: 'collections', label: 'Collections' },
  { id: 'variables', label: 'Variables' },
];

/** The sidebar: the history, the collections of saved requests, or the variables. */
export function WorkbenchSidebar({
  history,
  store,
  environment,
  onShowEntry,
}: {
  history: ReactNode;
  store: TabStore;
  environment: Environment;
  onShowEntry: (id: number) => void;
}) {
  const [pane, setPane] = useState<Pane>('history');
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div
        role="tablist"
        aria-label="Sidebar"
        className="flex shrink-0 gap-0.5 border-b border-slate-200 px-2 pt-1.5 dark:border-slate-800"
      >
        {PANES.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            aria-selected={pane === p.id}
            onClick={() => setPane(p.id)}
            className="-mb-px rounded-t border-b-2 border-transparent px-2 py-1 text-xs font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 aria-selected:border-sky-600 aria-selected:text-slate-900 dark:text-slate-300 dark:hover:text-white dark:aria-selected:border-sky-400 dark:aria-selected:text-white"
          >
            {p.label}
          </button>
        ))}
      </div>
      {/* The history stays mounted (its scroll position and selection kept) while another pane shows. */}
      <div className={`min-h-0 flex-1 flex-col ${pane === 'history' ? 'flex' : 'hidden'}`}>{history}</div>
      {pane !== 'history' && (
        <Suspense
          fallback={
            <p role="status" className="p-3 text-xs text-slate-500">
              Loading…
            </p>
          }
        >
          {pane === 'collections' ? (
            <CollectionsPanel store={store} onShowEntry={onShowEntry} />
          ) : (
            <VariablesPanel store={store} environment={environment} />
          )}
        </Suspense>
      )}
    </div>
  );
}
