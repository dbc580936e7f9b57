import { useId, useState, type ReactNode } from 'react';
import type { CollectionSummary, FileFormat, StoredRequest, TreeItem } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { useDebounced } from '../../../lib/debounce.ts';
import { downloadText } from '../../../lib/download.ts';
import { announce } from '../../../lib/announce.ts';
import { api } from '../../../lib/api-client.ts';
import {
  useCollection,
  useCollections,
  useCreateCollection,
  useItemActions,
  useSavedHistory,
  useSavedSearch,
  useAddToCollection,
} from '../api/workbench-api.ts';
import { draftFromSaved } from '../saved.ts';
import type { TabStore } from '../tab-store.ts';
import { ImportFiles } from './import-files.tsx';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const input =
  'h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-900';

/** "post /trans" searches POST requests whose name or path holds "/trans". */
export function searchQuery(text: string): { q?: string; method?: string } {
  const t = text.trim();
  if (!t) return {};
  const [first = '', ...rest] = t.split(/\s+/);
  if (METHODS.has(first.toUpperCase())) {
    const q = rest.join(' ');
    return { method: first.toUpperCase(), ...(q ? { q } : {}) };
  }
  return { q: t };
}

/** Opens a saved request in a tab: the tab that already shows it, or a new one. */
export function openSaved(
  store: TabStore,
  saved: Pick<StoredRequest, 'id' | 'name'> & Parameters<typeof draftFromSaved>[0],
) {
  const open = store.getState().tabs.find((t) => t.savedRequestId === saved.id);
  if (open) store.dispatch({ type: 'activate', id: open.id });
  else
    store.dispatch({
      type: 'open',
      id: store.newId(),
      draft: draftFromSaved(saved),
      title: saved.name,
      savedRequestId: saved.id,
    });
  announce(`Opened ${saved.name} in a tab.`);
}

/**
 * Collections of saved requests, in folders: search by name, method and path; open a request in a
 * tab; rename, duplicate, move and delete; each request's history; files in and out.
 */
export function CollectionsPanel({
  store,
  onShowEntry,
}: {
  store: TabStore;
  /** A history entry a saved request produced, picked: the page shows it. */
  onShowEntry: (id: number) => void;
}) {
  const searchId = useId();
  const [text, setText] = useState('');
  const query = useDebounced(text, 150);
  const collections = useCollections();
  const create = useCreateCollection();
  const [selected, setSelected] = useState<number | null>(null);
  const search = useSavedSearch(query.trim() ? { ...searchQuery(query), limit: 50 } : null);

  const select = (id: number) => setSelected((s) => (s === id ? s : id));

  return (
    <section aria-label="Collections" className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto p-2">
      <div className="flex flex-wrap items-center gap-1.5">
        <h2 className="text-sm font-semibold">Collections</h2>
        <Button
          size="sm"
          className="ml-auto"
          onClick={() =>
            create.mutate(`Collection ${(collections.data?.collections.length ?? 0) + 1}`, {
              onSuccess: (c) => announce(`Made collection ${c.name}.`),
            })
          }
        >
          New collection
        </Button>
      </div>
      <label htmlFor={searchId} className="sr-only">
        Search saved requests
      </label>
      <input
        id={searchId}
        type="search"
        placeholder="Search by name, method, path…"
        className={input}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <ImportFiles />
      {query.trim() ? (
        <div>
          <p role="status" className="mb-1 text-[11px] text-slate-500 dark:text-slate-400">
            {search.isPending ? 'Searching…' : `${search.data?.total ?? 0} saved request(s) match`}
          </p>
          <ul aria-label="Search results" className="space-y-0.5">
            {search.data?.results.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  onClick={() => {
                    void api.savedRequest(r.id).then((s) => openSaved(store, s));
                    select(r.id);
                  }}
                  className="flex w-full min-w-0 flex-col rounded px-1.5 py-1 text-left text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  <span className="truncate font-medium">{r.name}</span>
                  <span className="truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">
                    {r.method} {r.path} · {[r.collectionName, ...r.folders].join(' / ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : collections.isError ? (
        <p role="alert" className="text-xs text-env-production">
          {collections.error.message}
        </p>
      ) : collections.data?.collections.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          No collections yet. Save a tab with “Save to collection…”, or import a .http, Postman or playground file.
        </p>
      ) : (
        <ul className="space-y-1">
          {collections.data?.collections.map((c) => (
            <CollectionNode
              key={c.id}
              summary={c}
              all={collections.data.collections}
              store={store}
              selected={selected}
              onSelect={select}
              onShowEntry={onShowEntry}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function CollectionNode({
  summary,
  all,
  store,
  selected,
  onSelect,
  onShowEntry,
}: {
  summary: CollectionSummary;
  all: readonly CollectionSummary[];
  store: TabStore;
  selected: number | null;
  onSelect: (id: number) => void;
  onShowEntry: (id: number) => void;
}) {
  const [open, setOpen] = useState(true);
  const tree = useCollection(open ? summary.id : null);
  const actions = useItemActions();
  const add = useAddToCollection();
  const [renaming, setRenaming] = useState(false);
  const [showActions, setShowActions] = useState(false);
  const [format, setFormat] = useState<FileFormat>('json');
  const formatId = useId();
  const exportFile = async () => {
    try {
      const file = await api.exportCollection(summary.id, format);
      downloadText(file.fileName, file.text, file.mediaType);
      announce(`Exported ${summary.name} as ${file.fileName}.${file.notes.length ? ' ' + file.notes.join(' ') : ''}`);
    } catch (e) {
      announce(`Could not export: ${(e as Error).message}`);
    }
  };
  return (
    <li className="rounded-md border border-slate-200 dark:border-slate-800">
      <div className="flex items-center gap-1 px-1.5 py-1">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="flex min-w-0 flex-1 items-center gap-1 text-left text-xs font-semibold"
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span className="truncate">{summary.name}</span>
          <span className="font-normal text-slate-500 dark:text-slate-400">({summary.requests})</span>
        </button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Actions for collection ${summary.name}`}
          aria-expanded={showActions}
          onClick={() => {
            setShowActions((a) => !a);
            setOpen(true);
          }}
        >
          ⋯
        </Button>
      </div>
      {open && (
        <div className="space-y-1 px-1.5 pb-1.5">
          {renaming ? (
            <RenameForm
              label={`New name for ${summary.name}`}
              initial={summary.name}
              onCancel={() => setRenaming(false)}
              onSubmit={(name) =>
                actions.renameCollection.mutate({ id: summary.id, name }, { onSuccess: () => setRenaming(false) })
              }
            />
          ) : (
            showActions && (
              <div role="group" aria-label={`Collection ${summary.name}`} className="flex flex-wrap items-center gap-1">
                <Button size="sm" variant="ghost" onClick={() => setRenaming(true)}>
                  Rename
                </Button>
                <Button size="sm" variant="ghost" onClick={() => actions.duplicateCollection.mutate(summary.id)}>
                  Duplicate
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() =>
                    add.mutate({ collectionId: summary.id, request: { item: { type: 'folder', name: 'New folder' } } })
                  }
                >
                  New folder
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    if (window.confirm(`Delete the collection ${summary.name} and its ${summary.requests} request(s)?`))
                      actions.removeCollection.mutate(summary.id);
                  }}
                >
                  Delete
                </Button>
                <label htmlFor={formatId} className="sr-only">
                  Export format for {summary.name}
                </label>
                <select
                  id={formatId}
                  value={format}
                  onChange={(e) => setFormat(e.target.value as FileFormat)}
                  className="h-7 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-700 dark:bg-slate-900"
                >
                  <option value="json">Playground JSON</option>
                  <option value="http">.http</option>
                  <option value="postman">Postman v2.1</option>
                </select>
                <Button size="sm" variant="ghost" onClick={() => void exportFile()}>
                  Export
                </Button>
              </div>
            )
          )}
          {tree.data && (
            <TreeList
              items={tree.data.items}
              all={all}
              collectionId={summary.id}
              store={store}
              selected={selected}
              onSelect={onSelect}
              onShowEntry={onShowEntry}
            />
          )}
        </div>
      )}
    </li>
  );
}

function TreeList(props: {
  items: readonly TreeItem[];
  all: readonly CollectionSummary[];
  collectionId: number;
  store: TabStore;
  selected: number | null;
  onSelect: (id: number) => void;
  onShowEntry: (id: number) => void;
}) {
  const { items, store, selected, onSelect } = props;
  if (items.length === 0) return <p className="pl-3 text-[11px] text-slate-400">(empty)</p>;
  return (
    <ul className="space-y-0.5 pl-2">
      {items.map((item) =>
        item.type === 'folder' ? (
          <li key={item.id}>
            <FolderRow {...props} folder={item} />
          </li>
        ) : (
          <li key={item.id}>
            <button
              type="button"
              aria-current={selected === item.id || undefined}
              onClick={() => {
                onSelect(item.id);
                openSaved(store, item);
              }}
              className="flex w-full min-w-0 items-center gap-1.5 rounded px-1.5 py-0.5 text-left text-xs hover:bg-slate-100 aria-[current]:bg-sky-100 dark:hover:bg-slate-800 dark:aria-[current]:bg-sky-900/40"
            >
              <span className="w-12 shrink-0 font-mono text-[10px] font-semibold text-slate-500 dark:text-slate-400">
                {item.method}
              </span>
              <span className="truncate">{item.name}</span>
              {item.scheme === 'partner' && (
                <span
                  title="A Partner API request, signed with the partner's RSA key"
                  className="ml-auto shrink-0 rounded bg-violet-100 px-1 text-[10px] font-medium text-violet-800 dark:bg-violet-900/50 dark:text-violet-200"
                >
                  Partner
                </span>
              )}
            </button>
            {selected === item.id && <RequestActions {...props} request={item} />}
          </li>
        ),
      )}
    </ul>
  );
}

function FolderRow(props: Parameters<typeof TreeList>[0] & { folder: Extract<TreeItem, { type: 'folder' }> }) {
  const { folder } = props;
  const [open, setOpen] = useState(true);
  const [renaming, setRenaming] = useState(false);
  const actions = useItemActions();
  return (
    <>
      <div className="flex items-center gap-1">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="flex min-w-0 flex-1 items-center gap-1 text-left text-xs font-medium text-slate-700 dark:text-slate-200"
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span className="truncate">{folder.name}</span>
        </button>
        <Button size="sm" variant="ghost" aria-label={`Rename folder ${folder.name}`} onClick={() => setRenaming(true)}>
          ✎
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Delete folder ${folder.name}`}
          onClick={() => {
            if (window.confirm(`Delete the folder ${folder.name} and everything in it?`))
              actions.remove.mutate(folder.id);
          }}
        >
          ×
        </Button>
      </div>
      {renaming && (
        <RenameForm
          label={`New name for folder ${folder.name}`}
          initial={folder.name}
          onCancel={() => setRenaming(false)}
          onSubmit={(name) => actions.rename.mutate({ id: folder.id, name }, { onSuccess: () => setRenaming(false) })}
        />
      )}
      {open && <TreeList {...props} items={folder.items} />}
    </>
  );
}

/** Every place an item can move to: each collection's top and its folders. */
function useTargets(all: readonly CollectionSummary[], currentCollection: number, tree: readonly TreeItem[]) {
  const out: Array<{ value: string; label: string }> = [];
  for (const c of all) {
    out.push({ value: `${c.id}:`, label: `${c.name} (top)` });
    if (c.id === currentCollection) {
      const walk = (items: readonly TreeItem[], prefix: string) => {
        for (const i of items)
          if (i.type === 'folder') {
            out.push({ value: `${c.id}:${i.id}`, label: `${prefix}${i.name}` });
            walk(i.items, `${prefix}${i.name} / `);
          }
      };
      walk(tree, `${c.name} / `);
    }
  }
  return out;
}

function RequestActions(props: Parameters<typeof TreeList>[0] & { request: StoredRequest }): ReactNode {
  const { request, store, onShowEntry, all, collectionId } = props;
  const actions = useItemActions();
  const tree = useCollection(collectionId);
  const [renaming, setRenaming] = useState(false);
  const [moving, setMoving] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const history = useSavedHistory(showHistory ? request.id : null);
  const targets = useTargets(all, collectionId, tree.data?.items ?? []);
  const moveId = useId();
  const [target, setTarget] = useState('');
  return (
    <div
      role="group"
      aria-label={`Saved request ${request.name}`}
      className="mt-0.5 mb-1 ml-2 space-y-1 rounded border border-slate-200 p-1.5 dark:border-slate-800"
    >
      <p className="truncate font-mono text-[11px] text-slate-500 dark:text-slate-400" title={request.path}>
        {request.scheme === 'partner' ? 'Partner API · ' : ''}
        {request.method} {request.path}
      </p>
      <div className="flex flex-wrap gap-1">
        <Button size="sm" variant="ghost" onClick={() => setRenaming((r) => !r)}>
          Rename
        </Button>
        <Button size="sm" variant="ghost" onClick={() => actions.duplicate.mutate(request.id)}>
          Duplicate
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setMoving((m) => !m)}>
          Move…
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() =>
            actions.remove.mutate(request.id, {
              onSuccess: () => {
                store.dispatch({ type: 'saved-deleted', savedRequestId: request.id });
                announce(`Deleted ${request.name}; a tab that showed it keeps its draft.`);
              },
            })
          }
        >
          Delete
        </Button>
        <Button size="sm" variant="ghost" aria-expanded={showHistory} onClick={() => setShowHistory((h) => !h)}>
          History
        </Button>
      </div>
      {renaming && (
        <RenameForm
          label={`New name for ${request.name}`}
          initial={request.name}
          onCancel={() => setRenaming(false)}
          onSubmit={(name) =>
            actions.rename.mutate(
              { id: request.id, name },
              {
                onSuccess: () => {
                  store.dispatch({ type: 'saved-renamed', savedRequestId: request.id, title: name });
                  setRenaming(false);
                },
              },
            )
          }
        />
      )}
      {moving && (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            const [c = '', f = ''] = (target || targets[0]?.value || '').split(':');
            actions.move.mutate(
              {
                id: request.id,
                move: {
                  folderId: f ? Number(f) : null,
                  ...(Number(c) !== collectionId ? { collectionId: Number(c) } : {}),
                },
              },
              { onSuccess: () => setMoving(false), onError: (err) => announce(`Could not move: ${err.message}`) },
            );
          }}
        >
          <label htmlFor={moveId} className="sr-only">
            Move {request.name} to
          </label>
          <select id={moveId} className={input} value={target} onChange={(e) => setTarget(e.target.value)}>
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
          <Button size="sm" type="submit">
            Move
          </Button>
        </form>
      )}
      {showHistory && (
        <ul aria-label={`History of ${request.name}`} className="space-y-0.5">
          {history.data?.entries.length === 0 && (
            <li className="text-[11px] text-slate-500">Not sent yet from this saved request.</li>
          )}
          {history.data?.entries.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                onClick={() => onShowEntry(e.id)}
                className="flex w-full gap-2 rounded px-1 text-left font-mono text-[11px] hover:bg-slate-100 dark:hover:bg-slate-800"
              >
                <span>#{e.id}</span>
                <span>{e.status ?? e.errorCode}</span>
                <span className="truncate">{e.path}</span>
                <span className="ml-auto text-slate-500">{new Date(e.createdAt).toLocaleTimeString()}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RenameForm({
  label,
  initial,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial: string;
  onSubmit: (name: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(initial);
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSubmit(name.trim());
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} className={input} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <Button size="sm" type="submit">
        Rename
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
