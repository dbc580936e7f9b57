import { describe, expect, it } from 'vitest';
import type { WorkspaceDraft } from '../../../core/contract.ts';
import { activeTab, emptyTabs, tabTitle, tabsReducer, toWorkspace, type TabsAction, type TabsState } from './tabs.ts';

const draft = (path: string, method = 'GET', extra: Partial<WorkspaceDraft> = {}): WorkspaceDraft => ({
  environment: 'mock',
  method,
  path,
  body: '',
  headers: [],
  ...extra,
});

const run = (...actions: TabsAction[]): TabsState => actions.reduce(tabsReducer, emptyTabs);

describe('request tabs', () => {
  it('open after the active tab and make the new one active', () => {
    const s = run(
      { type: 'open', id: 'a', draft: draft('/balance') },
      { type: 'open', id: 'b', draft: draft('/fund') },
      { type: 'activate', id: 'a' },
      { type: 'open', id: 'c', draft: draft('/transactions') },
    );
    expect(s.tabs.map((t) => t.id)).toEqual(['a', 'c', 'b']);
    expect(s.activeId).toBe('c');
  });

  it('mark a tab changed when edited, and unchanged again when edited back', () => {
    let s = run({ type: 'open', id: 'a', draft: draft('/balance') });
    s = tabsReducer(s, { type: 'edit', draft: draft('/balances') });
    expect(activeTab(s)?.dirty).toBe(true);
    s = tabsReducer(s, { type: 'edit', draft: draft('/balance') });
    expect(activeTab(s)?.dirty).toBe(false);
  });

  it('ignore an edit that changes nothing (the form written with the tab’s own draft)', () => {
    const s = run({ type: 'open', id: 'a', draft: draft('/balance') });
    expect(tabsReducer(s, { type: 'edit', draft: draft('/balance') })).toBe(s);
  });

  it('take a title from the saved name, else method and path without the query', () => {
    expect(tabTitle({ draft: draft('/transactions?limit=5', 'POST') })).toBe('POST /transactions');
    expect(tabTitle({ draft: draft('/x', 'OTHER', { customMethod: 'PROPFIND' }) })).toBe('PROPFIND /x');
    expect(tabTitle({ title: 'Balance', draft: draft('/balance') })).toBe('Balance');
  });

  it('close a tab, activate its neighbour, and bring it back in place with undo', () => {
    let s = run(
      { type: 'open', id: 'a', draft: draft('/a') },
      { type: 'open', id: 'b', draft: draft('/b') },
      { type: 'open', id: 'c', draft: draft('/c') },
      { type: 'activate', id: 'b' },
      { type: 'edit', draft: draft('/b2') },
      { type: 'close', id: 'b' },
    );
    expect(s.tabs.map((t) => t.id)).toEqual(['a', 'c']);
    expect(s.activeId).toBe('c');
    s = tabsReducer(s, { type: 'reopen' });
    expect(s.tabs.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(activeTab(s)).toMatchObject({ id: 'b', dirty: true, draft: { path: '/b2' } });
    expect(s.closed).toEqual([]);
  });

  it('never close the last tab', () => {
    const s = run({ type: 'open', id: 'a', draft: draft('/a') });
    expect(tabsReducer(s, { type: 'close', id: 'a' })).toBe(s);
  });

  it('reorder, clamping the place to the strip', () => {
    const s = run(
      { type: 'open', id: 'a', draft: draft('/a') },
      { type: 'open', id: 'b', draft: draft('/b') },
      { type: 'open', id: 'c', draft: draft('/c') },
      { type: 'move', id: 'c', to: 0 },
      { type: 'move', id: 'a', to: 99 },
    );
    expect(s.tabs.map((t) => t.id)).toEqual(['c', 'b', 'a']);
  });

  it('duplicate as a new unsaved tab beside the original', () => {
    const s = run(
      { type: 'open', id: 'a', draft: draft('/a'), title: 'Saved A', savedRequestId: 4 },
      { type: 'open', id: 'b', draft: draft('/b') },
      { type: 'duplicate', id: 'a', newId: 'a2' },
    );
    expect(s.tabs.map((t) => t.id)).toEqual(['a', 'a2', 'b']);
    expect(activeTab(s)).toEqual({ id: 'a2', draft: draft('/a'), dirty: true });
  });

  it('follow a saved request: saved, renamed, deleted (the draft stays open)', () => {
    let s = run({ type: 'open', id: 'a', draft: draft('/a') }, { type: 'edit', draft: draft('/a1') });
    s = tabsReducer(s, { type: 'saved', id: 'a', savedRequestId: 7, title: 'Mine' });
    expect(activeTab(s)).toMatchObject({ title: 'Mine', savedRequestId: 7, dirty: false });
    s = tabsReducer(s, { type: 'saved-renamed', savedRequestId: 7, title: 'Ours' });
    expect(tabTitle(activeTab(s)!)).toBe('Ours');
    s = tabsReducer(s, { type: 'saved-deleted', savedRequestId: 7 });
    expect(activeTab(s)).toEqual({ id: 'a', draft: draft('/a1'), dirty: true });
  });

  it('round-trip through the workspace the server keeps, without the undo stack', () => {
    const s = run(
      { type: 'open', id: 'a', draft: draft('/a'), title: 'A', savedRequestId: 1 },
      { type: 'open', id: 'b', draft: draft('/b', 'POST', { body: '{"x":1}' }) },
      { type: 'edit', draft: draft('/b', 'POST', { body: '{"x":2}' }) },
      { type: 'open', id: 'c', draft: draft('/c') },
      { type: 'close', id: 'c' },
    );
    const workspace = toWorkspace(s);
    expect(workspace).toEqual({
      tabs: [
        { id: 'a', title: 'A', savedRequestId: 1, draft: draft('/a'), dirty: false },
        { id: 'b', draft: draft('/b', 'POST', { body: '{"x":2}' }), dirty: true },
      ],
      activeTabId: 'b',
    });
    const back = tabsReducer(emptyTabs, { type: 'load', workspace });
    expect(toWorkspace(back)).toEqual(workspace);
    expect(back.closed).toEqual([]);
    // A tab unchanged when it was stored can tell an edit back to its draft; a changed one stays changed.
    const edited = tabsReducer(tabsReducer(back, { type: 'activate', id: 'a' }), { type: 'edit', draft: draft('/z') });
    expect(tabsReducer(edited, { type: 'edit', draft: draft('/a') }).tabs[0]?.dirty).toBe(false);
  });

  it('load an active id that is not among the tabs as the first tab', () => {
    const s = tabsReducer(emptyTabs, {
      type: 'load',
      workspace: { tabs: [{ id: 'x', draft: draft('/x'), dirty: false }], activeTabId: null },
    });
    expect(s.activeId).toBe('x');
  });
});
