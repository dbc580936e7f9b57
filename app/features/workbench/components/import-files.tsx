import { useId, useState } from 'react';
import type { ImportResponse } from '../../../../core/contract.ts';
import { announce } from '../../../lib/announce.ts';
import { useImportFile } from '../api/workbench-api.ts';
import { planImport } from '../import-files.ts';

/** Largest file read in the page; the server checks again. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Import: a .http file (with its http-client.env.json files, picked together), a Postman v2.1
 * collection or a playground collection. What came in, what was left out and why, are listed.
 */
export function ImportFiles() {
  const inputId = useId();
  const envNameId = useId();
  const importFile = useImportFile();
  const [envName, setEnvName] = useState('');
  const [outcome, setOutcome] = useState<ImportResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = async (list: FileList | null) => {
    setOutcome(null);
    setError(null);
    const files = [...(list ?? [])];
    const big = files.find((f) => f.size > MAX_FILE_BYTES);
    if (big) {
      setError(`${big.name} is ${big.size} bytes; a file is at most ${MAX_FILE_BYTES} bytes.`);
      return;
    }
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    const plan = planImport(read);
    const { main } = plan;
    if (!main) {
      setError(plan.problem ?? 'Nothing to import.');
      return;
    }
    importFile.mutate(
      {
        text: main.text,
        fileName: main.name,
        ...(plan.envFile !== undefined ? { envFile: plan.envFile } : {}),
        ...(plan.privateEnvFile !== undefined ? { privateEnvFile: plan.privateEnvFile } : {}),
        ...(envName.trim() && (plan.envFile ?? plan.privateEnvFile) ? { envName: envName.trim() } : {}),
      },
      {
        onSuccess: (r) => {
          setOutcome(r);
          announce(`Imported ${r.imported.length} request(s) into ${r.collection.name}.`);
        },
        onError: (e) => setError(`Could not import ${main.name}: ${e.message}`),
      },
    );
  };

  return (
    <div className="space-y-1 rounded-md border border-dashed border-slate-300 p-1.5 dark:border-slate-700">
      <div className="flex flex-wrap items-center gap-1.5">
        <label htmlFor={inputId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          Import file
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          accept=".http,.rest,.json"
          disabled={importFile.isPending}
          onChange={(e) => {
            void pick(e.target.files);
            e.target.value = '';
          }}
          className="min-w-0 flex-1 text-[11px] file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-0.5 file:text-xs dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
        />
      </div>
      <div className="flex items-center gap-1.5">
        <label htmlFor={envNameId} className="text-[11px] text-slate-500 dark:text-slate-400">
          Environment of the env file
        </label>
        <input
          id={envNameId}
          value={envName}
          onChange={(e) => setEnvName(e.target.value)}
          placeholder="first one"
          className="h-6 w-28 rounded border border-slate-300 bg-white px-1 text-[11px] dark:border-slate-700 dark:bg-slate-900"
        />
      </div>
      <p className="text-[11px] text-slate-500 dark:text-slate-400">
        .http (with http-client.env.json), Postman v2.1 or playground JSON. Files are read as data, never run.
      </p>
      {importFile.isPending && (
        <p role="status" className="text-xs">
          Importing…
        </p>
      )}
      {error && (
        <p role="alert" className="text-xs text-env-production dark:text-env-production-night">
          {error}
        </p>
      )}
      {outcome && (
        <div role="status" className="space-y-0.5 text-xs">
          <p className="font-medium">
            Imported {outcome.imported.length} request(s) into {outcome.collection.name}.
          </p>
          <ul className="list-disc pl-4 text-[11px]">
            {outcome.imported.map((r, i) => (
              <li key={i}>
                {r.method} {r.path} — {r.name}
                {r.environment === null ? ' (outside every environment: choose its base before sending)' : ''}
              </li>
            ))}
            {outcome.dropped.map((d, i) => (
              <li key={`d${i}`} className="text-amber-800 dark:text-amber-300">
                Left out {d.what}: {d.why}
              </li>
            ))}
            {outcome.notes.map((n, i) => (
              <li key={`n${i}`} className="text-slate-500 dark:text-slate-400">
                {n}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
