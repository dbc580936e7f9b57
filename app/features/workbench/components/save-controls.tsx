import { lazy, Suspense } from 'react';
import type { WorkspaceDraft } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { useSavedRequest, useUpdateSavedRequest } from '../api/workbench-api.ts';
import { savedRequestFromDraft } from '../saved.ts';
import { useActiveTab, useTabsState, type TabStore } from '../tab-store.ts';

const SaveDialog = lazy(() => import('./save-dialog.tsx').then((m) => ({ default: m.SaveDialog })));

/** Save (the saved request the tab came from) and Save to collection… (a new one), beside the tabs. */
export function SaveControls({ store, onSaveAs }: { store: TabStore; onSaveAs: (tabId: string) => void }) {
  const tab = useActiveTab(store);
  const saved = useSavedRequest(tab?.savedRequestId ?? null);
  const update = useUpdateSavedRequest();
  if (!tab) return null;
  const save = () => {
    const current = saved.data;
    if (!current || tab.savedRequestId === undefined) return;
    const id = tab.savedRequestId;
    update.mutate(
      { id, request: savedRequestFromDraft(current.name, tab.draft, current.captures) },
      {
        onSuccess: (s) => {
          store.dispatch({ type: 'saved', id: tab.id, savedRequestId: s.id, title: s.name });
          announce(`Saved ${s.name}.`);
        },
        onError: (e) => announce(`Could not save: ${e.message}`),
      },
    );
  };
  return (
    <>
      {tab.savedRequestId !== undefined && (
        <Button size="sm" variant="ghost" disabled={!tab.dirty || !saved.data || update.isPending} onClick={save}>
          Save
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={() => onSaveAs(tab.id)}>
        Save to collection…
      </Button>
    </>
  );
}

/** The Save to collection dialog for one tab, its code loaded when first opened. */
export function SaveTabDialog({ store, tabId, onClose }: { store: TabStore; tabId: string; onClose: () => void }) {
  const state = useTabsState(store);
  const tab = state.tabs.find((t) => t.id === tabId);
  if (!tab) return null;
  return (
    <Suspense fallback={null}>
      <SaveDialog
        draft={tab.draft}
        {...(tab.title ? { initialName: tab.title } : {})}
        onClose={onClose}
        onSaved={(s) => {
          store.dispatch({ type: 'saved', id: tab.id, savedRequestId: s.id, title: s.name });
          onClose();
        }}
      />
    </Suspense>
  );
}

/**
 * The Save to collection dialog for a request that is not in a tab (the doctor's corrected request,
 * an imported bundle's entry), its code loaded when first opened.
 */
export function SaveDraftDialog({
  draft,
  onClose,
  onSaved,
}: {
  draft: WorkspaceDraft;
  onClose: () => void;
  onSaved: (saved: { id: number; name: string }) => void;
}) {
  return (
    <Suspense fallback={null}>
      <SaveDialog draft={draft} onClose={onClose} onSaved={onSaved} />
    </Suspense>
  );
}
