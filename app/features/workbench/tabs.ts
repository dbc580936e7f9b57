/**
 * The request tabs as a pure reducer: several drafts open at once, one of them active, each with the
 * saved request it came from (if any) and whether it changed since it was opened or saved. Closing
 * a tab keeps it on a short undo stack. Ids are given by the caller, so the reducer stays pure.
 *
 * The page keeps the active tab's draft in its form: `edit` is the form's change, and whenever the
 * active tab changes the page writes that tab's draft into the form.
 */
import type { Workspace, WorkspaceDraft, WorkspaceTab } from '../../../core/contract.ts';
import { sameJson } from '../../lib/same-json.ts';

export interface Tab {
  id: string;
  /** The saved request's name, once it is one. */
  title?: string;
  savedRequestId?: number;
  draft: WorkspaceDraft;
  dirty: boolean;
  /** The draft as last opened or saved, to tell an edit back to it from a change; unknown after a reload of a changed tab. */
  baseline?: WorkspaceDraft;
}

export interface ClosedTab {
  tab: Tab;
  index: number;
}

export interface TabsState {
  tabs: Tab[];
  activeId: string | null;
  /** Most recently closed last; at most MAX_CLOSED. */
  closed: ClosedTab[];
}

export const MAX_CLOSED = 20;

export type TabsAction =
  | { type: 'load'; workspace: Workspace }
  /** A new tab after the active one (or at the end), made active. */
  | { type: 'open'; id: string; draft: WorkspaceDraft; title?: string; savedRequestId?: number; dirty?: boolean }
  /** The active tab's draft as the form now holds it. */
  | { type: 'edit'; draft: WorkspaceDraft }
  | { type: 'activate'; id: string }
  | { type: 'close'; id: string }
  /** Undo the last close: the tab comes back where it was, active. */
  | { type: 'reopen' }
  | { type: 'move'; id: string; to: number }
  | { type: 'duplicate'; id: string; newId: string }
  /** The tab was saved as (or into) a saved request: named, linked, no longer changed. */
  | { type: 'saved'; id: string; savedRequestId: number; title: string }
  /** A saved request was renamed or deleted: the tabs showing it follow. */
  | { type: 'saved-renamed'; savedRequestId: number; title: string }
  | { type: 'saved-deleted'; savedRequestId: number };

export const emptyTabs: TabsState = { tabs: [], activeId: null, closed: [] };

/** The method a draft signs: the free text when "Other" was picked. */
export function draftMethod(draft: Pick<WorkspaceDraft, 'method' | 'customMethod'>): string {
  return draft.method === 'OTHER' ? (draft.customMethod ?? '') : draft.method;
}

/** A tab's title: its saved name, or its method and path. */
export function tabTitle(tab: Pick<Tab, 'title' | 'draft'>): string {
  if (tab.title) return tab.title;
  const path = tab.draft.path.split('?', 1)[0] ?? '';
  return `${draftMethod(tab.draft) || '?'} ${path || '/'}`;
}

export function activeTab(state: TabsState): Tab | null {
  return state.tabs.find((t) => t.id === state.activeId) ?? null;
}

function replace(state: TabsState, id: string, change: (t: Tab) => Tab): TabsState {
  return { ...state, tabs: state.tabs.map((t) => (t.id === id ? change(t) : t)) };
}

export function tabsReducer(state: TabsState, action: TabsAction): TabsState {
  switch (action.type) {
    case 'load': {
      const tabs = action.workspace.tabs.map((t): Tab => ({
        id: t.id,
        ...(t.title !== undefined ? { title: t.title } : {}),
        ...(t.savedRequestId !== undefined ? { savedRequestId: t.savedRequestId } : {}),
        draft: t.draft,
        dirty: t.dirty,
        ...(t.dirty ? {} : { baseline: t.draft }),
      }));
      const activeId = tabs.some((t) => t.id === action.workspace.activeTabId)
        ? action.workspace.activeTabId
        : (tabs[0]?.id ?? null);
      return { tabs, activeId, closed: [] };
    }
    case 'open': {
      if (state.tabs.some((t) => t.id === action.id)) return state;
      const tab: Tab = {
        id: action.id,
        ...(action.title !== undefined ? { title: action.title } : {}),
        ...(action.savedRequestId !== undefined ? { savedRequestId: action.savedRequestId } : {}),
        draft: action.draft,
        dirty: action.dirty ?? false,
        ...(action.dirty ? {} : { baseline: action.draft }),
      };
      const at = state.tabs.findIndex((t) => t.id === state.activeId);
      const tabs = [...state.tabs];
      tabs.splice(at === -1 ? tabs.length : at + 1, 0, tab);
      return { ...state, tabs, activeId: tab.id };
    }
    case 'edit': {
      const tab = activeTab(state);
      if (!tab) return state;
      // Compared, not serialised: this runs on every keystroke, with the body in the draft.
      if (sameJson(action.draft, tab.draft)) return state;
      const dirty = tab.baseline === undefined ? true : !sameJson(action.draft, tab.baseline);
      return replace(state, tab.id, (t) => ({ ...t, draft: action.draft, dirty }));
    }
    case 'activate':
      if (state.activeId === action.id || !state.tabs.some((t) => t.id === action.id)) return state;
      return { ...state, activeId: action.id };
    case 'close': {
      const index = state.tabs.findIndex((t) => t.id === action.id);
      // The last tab stays: there is always a draft to compose.
      if (index === -1 || state.tabs.length === 1) return state;
      const tab = state.tabs[index];
      if (!tab) return state;
      const tabs = state.tabs.filter((t) => t.id !== action.id);
      const activeId =
        state.activeId === action.id ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? null) : state.activeId;
      const closed = [...state.closed, { tab, index }].slice(-MAX_CLOSED);
      return { tabs, activeId, closed };
    }
    case 'reopen': {
      const last = state.closed[state.closed.length - 1];
      if (!last) return state;
      const closed = state.closed.slice(0, -1);
      if (state.tabs.some((t) => t.id === last.tab.id)) return { ...state, closed };
      const tabs = [...state.tabs];
      tabs.splice(Math.min(last.index, tabs.length), 0, last.tab);
      return { tabs, activeId: last.tab.id, closed };
    }
    case 'move': {
      const from = state.tabs.findIndex((t) => t.id === action.id);
      if (from === -1) return state;
      const to = Math.max(0, Math.min(action.to, state.tabs.length - 1));
      if (to === from) return state;
      const tabs = [...state.tabs];
      const [tab] = tabs.splice(from, 1);
      if (!tab) return state;
      tabs.splice(to, 0, tab);
      return { ...state, tabs };
    }
    case 'duplicate': {
      const index = state.tabs.findIndex((t) => t.id === action.id);
      const source = state.tabs[index];
      if (!source || state.tabs.some((t) => t.id === action.newId)) return state;
      // A copy is a new, unsaved request: not linked to the saved one, so saving it makes another.
      const copy: Tab = { id: action.newId, draft: source.draft, dirty: true };
      const tabs = [...state.tabs];
      tabs.splice(index + 1, 0, copy);
      return { ...state, tabs, activeId: copy.id };
    }
    case 'saved':
      return replace(state, action.id, (t) => ({
        ...t,
        title: action.title,
        savedRequestId: action.savedRequestId,
        dirty: false,
        baseline: t.draft,
      }));
    case 'saved-renamed':
      return {
        ...state,
        tabs: state.tabs.map((t) => (t.savedRequestId === action.savedRequestId ? { ...t, title: action.title } : t)),
      };
    case 'saved-deleted':
      return {
        ...state,
        tabs: state.tabs.map((t) => {
          if (t.savedRequestId !== action.savedRequestId) return t;
          // The draft stays open, unsaved: what was typed is not lost with the saved request.
          const { savedRequestId: _gone, title: _name, baseline: _b, ...rest } = t;
          return { ...rest, dirty: true };
        }),
      };
  }
}

/** The tabs as the server keeps them (PUT /api/workspace): order, drafts, links and marks, no undo stack. */
export function toWorkspace(state: TabsState): Workspace {
  return {
    tabs: state.tabs.map((t): WorkspaceTab => ({
      id: t.id,
      ...(t.title !== undefined ? { title: t.title } : {}),
      ...(t.savedRequestId !== undefined ? { savedRequestId: t.savedRequestId } : {}),
      draft: t.draft,
      dirty: t.dirty,
    })),
    activeTabId: state.activeId,
  };
}
