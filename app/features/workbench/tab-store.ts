/**
 * The open tabs as a small external store around the pure reducer (./tabs.ts), so that the tab strip,
 * the sidebar and Send read it without the whole page re-rendering on every keystroke; and the sync
 * with the server (GET and PUT /api/workspace), written a moment after the last change.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WorkspaceDraft } from '../../../core/contract.ts';
import { api } from '../../lib/api-client.ts';
import { activeTab, emptyTabs, tabsReducer, toWorkspace, type Tab, type TabsAction, type TabsState } from './tabs.ts';

/** How the page's form is reached: read the active draft, write a tab's draft into it, hear it change. */
export interface DraftPort {
  read(): WorkspaceDraft;
  write(draft: WorkspaceDraft): void;
  subscribe(onChange: () => void): () => void;
}

export type SaveStatus =
  { kind: 'loading' } | { kind: 'saved' } | { kind: 'pending' } | { kind: 'error'; message: string };

export interface TabStore {
  getState(): TabsState;
  dispatch(action: TabsAction): void;
  subscribe(listener: () => void): () => void;
  getStatus(): SaveStatus;
  subscribeStatus(listener: () => void): () => void;
  /** A fresh tab id. */
  newId(): string;
  /** Writes the tabs now instead of after the quiet spell. */
  flush(): Promise<void>;
}

/** The quiet spell after the last change before the tabs are written. */
export const SAVE_DELAY_MS = 400;

export function newTabId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return 't' + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

export function createTabStore(save: typeof api.saveWorkspace = api.saveWorkspace): TabStore & {
  /** The server's tabs were read: changes are written from now on. */
  ready(revision: number): void;
  /** They could not be read: nothing is written, so that tabs kept there are not overwritten. */
  fail(message: string): void;
} {
  let state: TabsState = emptyTabs;
  let status: SaveStatus = { kind: 'loading' };
  let revision: number | null = null;
  let lastWritten = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  const listeners = new Set<() => void>();
  const statusListeners = new Set<() => void>();
  const setStatus = (next: SaveStatus) => {
    status = next;
    statusListeners.forEach((l) => l());
  };
  const write = async () => {
    timer = null;
    if (revision === null) return;
    const workspace = toWorkspace(state);
    const json = JSON.stringify(workspace);
    if (json === lastWritten) {
      setStatus({ kind: 'saved' });
      return;
    }
    try {
      const answer = await save({ workspace, baseRevision: revision });
      revision = answer.revision;
      lastWritten = json;
      // A change made while this write was on its way is written next.
      setStatus(JSON.stringify(toWorkspace(state)) === json ? { kind: 'saved' } : { kind: 'pending' });
      if (status.kind === 'pending') schedule();
    } catch (e) {
      setStatus({ kind: 'error', message: (e as Error).message });
    }
  };
  const schedule = () => {
    if (revision === null) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      writing = writing.then(write);
    }, SAVE_DELAY_MS);
  };
  return {
    getState: () => state,
    dispatch(action) {
      const next = tabsReducer(state, action);
      if (next === state) return;
      state = next;
      listeners.forEach((l) => l());
      if (revision !== null) {
        if (status.kind !== 'pending') setStatus({ kind: 'pending' });
        schedule();
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getStatus: () => status,
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    newId: newTabId,
    ready(rev) {
      revision = rev;
      lastWritten = '';
      setStatus({ kind: 'pending' });
      schedule();
    },
    fail(message) {
      setStatus({ kind: 'error', message: `The open tabs could not be read (${message}); changes here are not kept.` });
    },
    flush() {
      if (timer) clearTimeout(timer);
      writing = writing.then(write);
      return writing;
    },
  };
}

export function useTabsState(store: TabStore): TabsState {
  return useSyncExternalStore(store.subscribe, store.getState);
}

export function useActiveTab(store: TabStore): Tab | null {
  return useSyncExternalStore(store.subscribe, () => activeTab(store.getState()));
}

/** The active tab's saved request (a number, so that typing in the tab does not re-render the reader). */
export function useActiveSavedRequestId(store: TabStore): number | null {
  return useSyncExternalStore(store.subscribe, () => activeTab(store.getState())?.savedRequestId ?? null);
}

export function useSaveStatus(store: TabStore): SaveStatus {
  return useSyncExternalStore(store.subscribeStatus, store.getStatus);
}

/**
 * The tab store for the page's form: the server's tabs are read once (the active one written into
 * the form), the form's changes become the active tab's edits, and a tab made active has its draft
 * written into the form.
 */
export function useTabStore(port: DraftPort): TabStore {
  const [store] = useState(() => createTabStore());
  useEffect(() => {
    let cancelled = false;
    let applied: string | null = null;
    const applyActive = () => {
      const tab = activeTab(store.getState());
      if (!tab || tab.id === applied) return;
      applied = tab.id;
      port.write(tab.draft);
    };
    const offStore = store.subscribe(applyActive);
    let offForm: (() => void) | null = null;
    const start = (revision: number | null) => {
      if (cancelled) return;
      if (store.getState().tabs.length === 0) {
        const id = store.newId();
        applied = id;
        store.dispatch({ type: 'open', id, draft: port.read() });
      }
      applyActive();
      offForm = port.subscribe(() => store.dispatch({ type: 'edit', draft: port.read() }));
      if (revision !== null) store.ready(revision);
    };
    api.workspace().then(
      (state) => {
        if (cancelled) return;
        if (state.workspace.tabs.length > 0) store.dispatch({ type: 'load', workspace: state.workspace });
        start(state.revision);
      },
      (e: Error) => {
        start(null);
        store.fail(e.message);
      },
    );
    const hidden = () => {
      if (document.visibilityState === 'hidden') void store.flush();
    };
    document.addEventListener('visibilitychange', hidden);
    return () => {
      cancelled = true;
      offStore();
      offForm?.();
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [store, port]);
  return store;
}
