import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceDraft } from '../../../../core/contract.ts';
import { createTabStore } from '../tab-store.ts';
import { TabStrip } from './tab-strip.tsx';

const draft = (path: string, method = 'GET'): WorkspaceDraft => ({
  environment: 'mock',
  method,
  path,
  body: '',
  headers: [],
});

function setup() {
  const save = vi.fn(async () => ({
    revision: 1,
    updatedAt: 1,
    workspace: { tabs: [], activeTabId: null },
    overwrote: false,
  }));
  const store = createTabStore(save);
  store.dispatch({ type: 'open', id: 'a', draft: draft('/balance') });
  store.dispatch({ type: 'open', id: 'b', draft: draft('/transaction', 'POST'), title: 'Transfer', savedRequestId: 3 });
  store.dispatch({ type: 'edit', draft: draft('/transaction?x=1', 'POST') });
  render(<TabStrip store={store} newDraft={() => draft('/new')} />);
  return { store, save };
}

describe('TabStrip', () => {
  it('names each tab by its saved name or method and path, marks the unsaved one, and selects the active', () => {
    setup();
    const tabs = within(screen.getByRole('tablist', { name: 'Request tabs' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['GET /balance', 'Transfer, unsaved changes']);
    expect(tabs[1]).toHaveAttribute('aria-selected', 'true');
  });

  it('closes a tab and brings it back with Undo close', async () => {
    const { store } = setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Close tab Transfer' }));
    expect(screen.queryByRole('tab', { name: /Transfer/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Undo close (Transfer)' }));
    expect(screen.getByRole('tab', { name: /Transfer/ })).toHaveAttribute('aria-selected', 'true');
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('moves the focused tab with Alt+Arrow and switches with the arrows alone', async () => {
    const { store } = setup();
    const user = userEvent.setup();
    screen.getByRole('tab', { name: /Transfer/ }).focus();
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['b', 'a']);
    await user.keyboard('{ArrowRight}');
    expect(store.getState().activeId).toBe('a');
  });

  it('opens a new tab and duplicates the active one', async () => {
    const { store } = setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New tab' }));
    expect(store.getState().tabs).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Duplicate tab' }));
    expect(store.getState().tabs.map((t) => t.draft.path)).toEqual(['/balance', '/transaction?x=1', '/new', '/new']);
  });
});
