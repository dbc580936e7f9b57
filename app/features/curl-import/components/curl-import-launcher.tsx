/**
 * "Import cURL": the button, and the dialog loaded the first time it opens (its parser stays off
 * the first screen), kept mounted afterwards so a closed dialog keeps its text.
 */
import { lazy, Suspense, useState } from 'react';
import type { Environment } from '../../../../core/contract.ts';
import type { ImportOutcome } from './curl-import-dialog.tsx';

const CurlImportDialog = lazy(() => import('./curl-import-dialog.tsx').then((m) => ({ default: m.CurlImportDialog })));

export function CurlImportLauncher({
  environments,
  basePath,
  onImport,
}: {
  environments: { name: Environment; baseUrl: string }[];
  /** The composer's API's base path (v1 /qapi/v1, the Partner API's /api/v1/p); default v1. */
  basePath?: string;
  onImport: (outcome: ImportOutcome) => void;
}) {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
        className="absolute top-2 right-3 rounded px-1.5 text-xs font-medium text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
      >
        Import cURL
      </button>
      {used && (
        <Suspense fallback={null}>
          <CurlImportDialog
            open={open}
            onClose={() => setOpen(false)}
            environments={environments}
            {...(basePath ? { basePath } : {})}
            onImport={(outcome) => {
              setOpen(false);
              onImport(outcome);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
