import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { WorkspaceDraft } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { useSaveStatus, useTabsState, type TabStore } from '../tab-store.ts';
import { tabTitle, type Tab } from '../tabs.ts';

const METHOD_TINT: Record<string, string> = {
  GET: 'text-emerald-700 dark:text-emerald-400',
  POST: 'text-amber-700 dark:text-amber-400',
  PUT: 'text-sky-700 dark:text-sky-400',
  PATCH: 'text-violet-700 dark:text-violet-400',
  DELETE: 'text-red-700 dark:text-red-400',
};

/**
 * The request tabs above the composer: one per open draft, its title its saved name or method and
 * path, a dot while it has unsaved changes. Arrow keys move between tabs, Alt+Arrow moves the tab
 * itself (or drag it); closing can be undone.
 */
export function TabStrip({
  store,
  newDraft,
  actions,
}: {
  store: TabStore;
  /** The draft of a new, blank tab. */
  newDraft: () => WorkspaceDraft;
  /** Beside the tab tools (Save to collection). */
  actions?: ReactNode;
}) {
  const state = useTabsState(store);
  const status = useSaveStatus(store);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const [dragging, setDragging] = useState<string | null>(null);
  const active = state.tabs.find((t) => t.id === state.activeId) ?? null;
  const lastClosed = state.closed[state.closed.length - 1];
  const listRef = useRef<HTMLDivElement>(null);

  // The active tab is kept in view in a strip that scrolls sideways (only the strip scrolls).
  useEffect(() => {
    const list = listRef.current;
    const el = state.activeId ? refs.current.get(state.activeId)?.parentElement : null;
    if (!list || !el) return;
    const left = el.offsetLeft - list.offsetLeft;
    if (left < list.scrollLeft) list.scrollLeft = left;
    else if (left + el.offsetWidth > list.scrollLeft + list.clientWidth)
      list.scrollLeft = left + el.offsetWidth - list.clientWidth;
  }, [state.activeId, state.tabs.length]);

  const focusTab = (id: string | undefined) => {
    if (!id) return;
    queueMicrotask(() => refs.current.get(id)?.focus());
  };
  const activate = (id: string) => store.dispatch({ type: 'activate', id });
  const close = (tab: Tab) => {
    store.dispatch({ type: 'close', id: tab.id });
    announce(`Closed tab ${tabTitle(tab)}. Undo close brings it back.`);
  };
  const move = (tab: Tab, to: number) => {
    store.dispatch({ type: 'move', id: tab.id, to });
    announce(`Moved tab ${tabTitle(tab)} to place ${Math.max(1, Math.min(to + 1, state.tabs.length))}.`);
    focusTab(tab.id);
  };

  const onKey = (e: KeyboardEvent, tab: Tab, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0 && e.altKey) {
      e.preventDefault();
      move(tab, index + step);
    } else if (step !== 0) {
      e.preventDefault();
      const next = state.tabs[(index + step + state.tabs.length) % state.tabs.length];
      if (next) {
        activate(next.id);
        focusTab(next.id);
      }
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const next = e.key === 'Home' ? state.tabs[0] : state.tabs[state.tabs.length - 1];
      if (next) {
        activate(next.id);
        focusTab(next.id);
      }
    } else if (e.key === 'Delete' && state.tabs.length > 1) {
      e.preventDefault();
      close(tab);
    }
  };

  const onDrop = (e: DragEvent, index: number) => {
    e.preventDefault();
    const tab = state.tabs.find((t) => t.id === dragging);
    setDragging(null);
    if (tab) move(tab, index);
  };

  const statusText =
    status.kind === 'error'
      ? status.message
      : status.kind === 'loading'
        ? 'Opening tabs…'
        : status.kind === 'pending'
          ? 'Saving tabs…'
          : 'Tabs saved';

  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex min-w-0 items-end gap-1 border-b border-slate-200 dark:border-slate-800">
        <div
          ref={listRef}
          role="tablist"
          aria-label="Request tabs"
          className="-mb-px flex min-w-0 flex-1 gap-0.5 overflow-x-auto"
        >
          {state.tabs.map((tab, index) => {
            const selected = tab.id === state.activeId;
            const title = tabTitle(tab);
            const method = tab.title ? null : (title.split(' ', 1)[0] ?? '');
            return (
              <div
                key={tab.id}
                draggable
                onDragStart={(e) => {
                  setDragging(tab.id);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(e) => dragging && e.preventDefault()}
                onDrop={(e) => onDrop(e, index)}
                onDragEnd={() => setDragging(null)}
                className={
                  'group flex max-w-56 shrink-0 items-center rounded-t-md border border-b-0 text-xs ' +
                  (selected
                    ? 'border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900'
                    : 'border-transparent bg-slate-100 hover:bg-slate-200/70 dark:bg-slate-800/60 dark:hover:bg-slate-800') +
                  (dragging === tab.id ? ' opacity-50' : '')
                }
              >
                <button
                  ref={(el) => {
                    if (el) refs.current.set(tab.id, el);
                    else refs.current.delete(tab.id);
                  }}
                  type="button"
                  role="tab"
                  id={`request-tab-${tab.id}`}
                  aria-selected={selected}
                  aria-controls="request-composer"
                  tabIndex={selected ? 0 : -1}
                  title={`${title}${tab.dirty ? ' (unsaved changes)' : ''} · Alt+←/→ moves it`}
                  onClick={() => activate(tab.id)}
                  onKeyDown={(e) => onKey(e, tab, index)}
                  className="flex min-w-0 items-center gap-1.5 py-1.5 pr-1 pl-2.5 focus-visible:outline-2 focus-visible:outline-sky-500"
                >
                  <span className="truncate">
                    {method ? (
                      <>
                        <span className={`font-mono font-semibold ${METHOD_TINT[method] ?? ''}`}>{method}</span>
                        <span className="font-mono text-slate-700 dark:text-slate-200">
                          {title.slice(method.length)}
                        </span>
                      </>
                    ) : (
                      <span className="font-medium text-slate-800 dark:text-slate-100">{title}</span>
                    )}
                  </span>
                  {tab.dirty && (
                    <span className="flex items-center" title="Unsaved changes">
                      <span aria-hidden="true" className="size-1.5 rounded-full bg-amber-500" />
                      <span className="sr-only">, unsaved changes</span>
                    </span>
                  )}
                </button>
                <button
                  type="button"
                  aria-label={`Close tab ${title}`}
                  disabled={state.tabs.length === 1}
                  onClick={() => close(tab)}
                  className="mr-1 grid size-5 shrink-0 place-items-center rounded text-slate-400 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:invisible dark:hover:bg-slate-700 dark:hover:text-slate-100"
                >
                  <svg
                    aria-hidden="true"
                    viewBox="0 0 16 16"
                    className="size-3"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2"
                  >
                    <path d="m4 4 8 8M12 4l-8 8" />
                  </svg>
                </button>
              </div>
            );
          })}
        </div>
        <button
          type="button"
          aria-label="New tab"
          title="New tab"
          onClick={() => {
            const id = store.newId();
            store.dispatch({ type: 'open', id, draft: newDraft() });
            focusTab(id);
          }}
          className="mb-1 grid size-7 shrink-0 place-items-center rounded-md text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800 dark:hover:text-white"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 16 16"
            className="size-4"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.75"
          >
            <path d="M8 3v10M3 8h10" />
          </svg>
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <Button
          size="sm"
          variant="ghost"
          disabled={!active}
          onClick={() => {
            if (!active) return;
            const id = store.newId();
            store.dispatch({ type: 'duplicate', id: active.id, newId: id });
            announce(`Duplicated ${tabTitle(active)} into a new tab.`);
          }}
        >
          Duplicate tab
        </Button>
        {lastClosed && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              store.dispatch({ type: 'reopen' });
              announce(`Reopened ${tabTitle(lastClosed.tab)}.`);
              focusTab(lastClosed.tab.id);
            }}
          >
            Undo close ({tabTitle(lastClosed.tab)})
          </Button>
        )}
        {actions}
        <span
          role="status"
          className={`ml-auto text-[11px] ${status.kind === 'error' ? 'text-env-production dark:text-env-production-night' : 'text-slate-500 dark:text-slate-400'}`}
        >
          {statusText}
        </span>
      </div>
    </div>
  );
}
