import { useId, useState } from 'react';
import type { Environment, Variable } from '../../../../core/contract.ts';
import type { CaptureRule } from '../../../../core/workbench/collection.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import {
  useCollection,
  useSavedRequest,
  useSetCollectionVariables,
  useSetVariables,
  useUpdateSavedRequest,
  useVariables,
} from '../api/workbench-api.ts';
import { useActiveSavedRequestId, type TabStore } from '../tab-store.ts';

const ENVIRONMENTS: Environment[] = ['mock', 'sandbox', 'production'];
const cell =
  'h-7 w-full min-w-0 rounded border border-slate-300 bg-white px-1.5 font-mono text-[11px] dark:border-slate-700 dark:bg-slate-900';

/**
 * Variables: each environment's, the active saved request's collection's, and that request's capture
 * rules. Used as {{name}} in path, query, headers and body; the environment's win over the
 * collection's. Not for secrets: the server refuses a value that holds a configured secret.
 */
export default function VariablesPanel({ store, environment }: { store: TabStore; environment: Environment }) {
  const envId = useId();
  const [shown, setShown] = useState<Environment>(environment);
  const variables = useVariables();
  const setVariables = useSetVariables();
  const savedId = useActiveSavedRequestId(store);
  const saved = useSavedRequest(savedId);
  const collection = useCollection(saved.data?.collectionId ?? null);
  const setCollectionVariables = useSetCollectionVariables();
  const update = useUpdateSavedRequest();
  const list = variables.data?.[shown];

  return (
    <section aria-label="Variables" className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto p-2">
      <h2 className="text-sm font-semibold">Variables</h2>
      <p className="rounded-md bg-amber-50 px-2 py-1 text-[11px] text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        Variables are not for secrets: a value holding a configured secret is refused. Use {'{{name}}'} in the path,
        query, headers or body; the string to sign shows where each one expanded.
      </p>
      <div>
        <div className="mb-1 flex items-center gap-2">
          <label htmlFor={envId} className="text-xs font-medium">
            Environment variables
          </label>
          <select
            id={envId}
            value={shown}
            onChange={(e) => setShown(e.target.value as Environment)}
            className="h-7 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-700 dark:bg-slate-900"
          >
            {ENVIRONMENTS.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        {list && (
          <RowsEditor
            key={`${shown}:${JSON.stringify(list)}`}
            label={`Variables of ${shown}`}
            first="Name"
            second="Value"
            rows={list.map((v) => [v.name, v.value])}
            pending={setVariables.isPending}
            error={setVariables.error?.message ?? null}
            onSave={(rows) =>
              setVariables.mutate(
                { environment: shown, variables: rows.map(([name, value]): Variable => ({ name, value })) },
                { onSuccess: () => announce(`Saved the variables of ${shown}.`) },
              )
            }
          />
        )}
      </div>
      {saved.data && collection.data && (
        <div>
          <h3 className="mb-1 text-xs font-medium">Collection variables ({collection.data.name})</h3>
          <RowsEditor
            key={`c${collection.data.id}:${JSON.stringify(collection.data.variables)}`}
            label={`Variables of the collection ${collection.data.name}`}
            first="Name"
            second="Value"
            rows={collection.data.variables.map((v) => [v.name, v.value])}
            pending={setCollectionVariables.isPending}
            error={setCollectionVariables.error?.message ?? null}
            onSave={(rows) =>
              setCollectionVariables.mutate({
                id: collection.data.id,
                variables: rows.map(([name, value]) => ({ name, value })),
              })
            }
          />
        </div>
      )}
      {saved.data ? (
        <div>
          <h3 className="mb-1 text-xs font-medium">Captures of {saved.data.name}</h3>
          <p className="mb-1 text-[11px] text-slate-500 dark:text-slate-400">
            After each send, the value at a JSON path of the response body (as in $.txID) is set as the variable, in the
            environment it was sent to.
          </p>
          <RowsEditor
            key={`k${saved.data.id}:${JSON.stringify(saved.data.captures)}`}
            label={`Capture rules of ${saved.data.name}`}
            first="Variable"
            second="JSON path"
            rows={saved.data.captures.map((c) => [c.variable, c.path])}
            pending={update.isPending}
            error={update.error?.message ?? null}
            onSave={(rows) => {
              const {
                id,
                collectionId: _c,
                folderId: _f,
                position: _p,
                createdAt: _a,
                updatedAt: _u,
                ...request
              } = saved.data;
              update.mutate(
                {
                  id,
                  request: {
                    ...request,
                    captures: rows.map(([variable, path]): CaptureRule => ({ variable, from: 'body', path })),
                  },
                },
                { onSuccess: () => announce(`Saved the capture rules of ${saved.data.name}.`) },
              );
            }}
          />
        </div>
      ) : (
        <p className="text-[11px] text-slate-500 dark:text-slate-400">
          Capture rules belong to a saved request: save this tab to a collection to add some.
        </p>
      )}
    </section>
  );
}

function RowsEditor({
  label,
  first,
  second,
  rows: initial,
  onSave,
  pending,
  error,
}: {
  label: string;
  first: string;
  second: string;
  rows: Array<[string, string]>;
  onSave: (rows: Array<[string, string]>) => void;
  pending: boolean;
  error: string | null;
}) {
  const [rows, setRows] = useState<Array<[string, string]>>(initial);
  const changed = JSON.stringify(rows) !== JSON.stringify(initial);
  const edit = (i: number, k: 0 | 1, v: string) =>
    setRows((r) => r.map((row, j) => (j === i ? ((k === 0 ? [v, row[1]] : [row[0], v]) as [string, string]) : row)));
  return (
    <form
      aria-label={label}
      className="space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(rows.filter(([a, b]) => a !== '' || b !== ''));
      }}
    >
      {rows.length === 0 && <p className="text-[11px] text-slate-400">None yet.</p>}
      {rows.map(([a, b], i) => (
        <div key={i} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] gap-1">
          <input
            aria-label={`${first} ${i + 1}`}
            className={cell}
            value={a}
            spellCheck={false}
            onChange={(e) => edit(i, 0, e.target.value)}
          />
          <input
            aria-label={`${second} ${i + 1}`}
            className={cell}
            value={b}
            spellCheck={false}
            onChange={(e) => edit(i, 1, e.target.value)}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove ${a || `row ${i + 1}`}`}
            onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
          >
            ×
          </Button>
        </div>
      ))}
      <div className="flex items-center gap-1">
        <Button size="sm" variant="ghost" onClick={() => setRows((r) => [...r, ['', '']])}>
          Add {first.toLowerCase()}
        </Button>
        <Button size="sm" type="submit" className="ml-auto" disabled={!changed || pending}>
          Save
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-[11px] text-env-production dark:text-env-production-night">
          {error}
        </p>
      )}
    </form>
  );
}
