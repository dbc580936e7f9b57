import { useId, useState } from 'react';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { curlToDraft } from '../curl-to-draft.ts';

export interface ImportedFields {
  method: string;
  path: string;
  body: string | null;
}

/** "Import cURL": paste a command; its method, path and exact body go into the composer. */
export function CurlImportDialog({
  open,
  onClose,
  bases,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  /** The environments' base URLs, to recognise a URL as theirs. */
  bases: readonly string[];
  onImport: (fields: ImportedFields, notes: string[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const r = curlToDraft(text, bases);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setText('');
    onImport({ method: r.method, path: r.path, body: r.body }, r.notes);
  };
  return (
    <Dialog open={open} title="Import cURL" onClose={onClose} initialFocus="textarea">
      <div className="space-y-3">
        <label htmlFor={id} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
          cURL command
        </label>
        <textarea
          id={id}
          rows={9}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={"curl 'https://api.qredo.network/qapi/v1/balance' -H 'qredo-api-key: …'"}
          aria-invalid={error ? true : undefined}
          className="w-full resize-y rounded-md border border-slate-300 bg-white p-2 font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-950"
        />
        <p className="text-[11px] text-slate-500 dark:text-slate-400">
          From the docs, a browser’s “copy as cURL” or the snippets. Method, path and body are taken exactly; the
          signing headers are not (the playground signs again). Files (@file) cannot be read.
        </p>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" onClick={submit}>
            Import
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
