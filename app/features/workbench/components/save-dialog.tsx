import { useId, useState, type FormEvent } from 'react';
import type { TreeItem, WorkspaceDraft } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { announce } from '../../../lib/announce.ts';
import { useAddToCollection, useCollection, useCollections, useCreateCollection } from '../api/workbench-api.ts';
import { defaultRequestName, savedRequestFromDraft } from '../saved.ts';

const NEW = 'new';
const input =
  'h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm dark:border-slate-700 dark:bg-slate-900';
const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300';

/** Every folder of a tree, with its depth, in order. */
function folders(items: readonly TreeItem[], depth = 0): Array<{ id: number; name: string; depth: number }> {
  return items.flatMap((i) =>
    i.type === 'folder' ? [{ id: i.id, name: i.name, depth }, ...folders(i.items, depth + 1)] : [],
  );
}

/**
 * "Save to collection": a name, a collection (or a new one) and a folder. The draft is saved as it
 * is typed, {{variables}} and all; no secret is part of it.
 */
export function SaveDialog({
  draft,
  initialName,
  onClose,
  onSaved,
}: {
  draft: WorkspaceDraft;
  initialName?: string;
  onClose: () => void;
  onSaved: (saved: { id: number; name: string }) => void;
}) {
  const nameId = useId();
  const collectionId = useId();
  const newNameId = useId();
  const folderId = useId();
  const collections = useCollections();
  const [name, setName] = useState(initialName ?? defaultRequestName(draft));
  const [target, setTarget] = useState<string>('');
  const [newName, setNewName] = useState('My requests');
  const [folder, setFolder] = useState('');
  const list = collections.data?.collections ?? [];
  const chosen = target === '' ? (list[0] ? String(list[0].id) : NEW) : target;
  const tree = useCollection(chosen === NEW ? null : Number(chosen));
  const create = useCreateCollection();
  const add = useAddToCollection();
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const id = chosen === NEW ? (await create.mutateAsync(newName.trim())).id : Number(chosen);
      const item = await add.mutateAsync({
        collectionId: id,
        request: { item: savedRequestFromDraft(name.trim(), draft), ...(folder ? { folderId: Number(folder) } : {}) },
      });
      announce(`Saved ${item.name} to the collection.`);
      onSaved({ id: item.id, name: item.name });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <Dialog open title="Save to collection" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <div>
          <label htmlFor={nameId} className={label}>
            Request name
          </label>
          <input id={nameId} className={input} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div>
          <label htmlFor={collectionId} className={label}>
            Collection
          </label>
          <select
            id={collectionId}
            className={input}
            value={chosen}
            onChange={(e) => {
              setTarget(e.target.value);
              setFolder('');
            }}
          >
            {list.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
            <option value={NEW}>New collection…</option>
          </select>
        </div>
        {chosen === NEW ? (
          <div>
            <label htmlFor={newNameId} className={label}>
              New collection name
            </label>
            <input
              id={newNameId}
              className={input}
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              required
            />
          </div>
        ) : (
          <div>
            <label htmlFor={folderId} className={label}>
              Folder
            </label>
            <select id={folderId} className={input} value={folder} onChange={(e) => setFolder(e.target.value)}>
              <option value="">(top of the collection)</option>
              {folders(tree.data?.items ?? []).map((f) => (
                <option key={f.id} value={String(f.id)}>
                  {'\u2003'.repeat(f.depth)}
                  {f.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Saved as typed: method, path, headers, body, environment and key. {'{{Variables}}'} stay references; no secret
          is ever saved.
        </p>
        {error && (
          <p role="alert" className="text-sm text-env-production dark:text-env-production-night">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending || add.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
