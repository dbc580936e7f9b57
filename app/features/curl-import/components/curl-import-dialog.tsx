import { useDeferredValue, useId, useMemo, useState } from 'react';
import { ENVIRONMENTS, type Environment, type RequestDraft } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { ENVIRONMENT_LABEL } from '../../../lib/environment-label.ts';
import { groupDigits } from '../../../lib/format.ts';
import { curlToDraft, type CurlSummary, type HostMapping } from '../curl-to-draft.ts';

/** What the import did, for the page to announce: environment, and what was dropped. */
export interface ImportOutcome {
  fields: Pick<RequestDraft, 'method' | 'path' | 'body' | 'headers'>;
  environment: Environment;
  /** One sentence: "Imported GET /balance into Production; dropped 5 headers (…)". */
  summary: string;
}

function hostSentence(host: HostMapping): string {
  if (host.environment === null)
    return `${host.host} is not one of the playground's environments: choose where its path goes.`;
  const label = ENVIRONMENT_LABEL[host.environment];
  return host.known === 'configured'
    ? `${host.host} is the playground's ${label} base URL, so the request goes into ${label}.`
    : `${host.host} is Qredo's public ${label.toLowerCase()} API, so the request goes into ${label}.`;
}

function outcomeSentence(r: CurlSummary, environment: Environment): string {
  const kept = r.headers.length
    ? ` ${r.headers.length} ${r.headers.length === 1 ? 'header goes' : 'headers go'} into Headers, sent as pasted.`
    : '';
  const dropped = r.dropped.length
    ? ` Not sent: ${r.dropped.map((d) => d.what.split(':', 1)[0]).join(', ')} (the playground signs again and writes the transport headers itself).`
    : '';
  return `Imported ${r.method} ${r.path} into ${ENVIRONMENT_LABEL[environment]}.${kept}${dropped}`;
}

const item = 'min-w-0 break-words';

/** Dropped items sharing a reason, said once: [reason, what][] in the order they first appear. */
function groupByReason(dropped: CurlSummary['dropped']): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const d of dropped) groups.set(d.why, [...(groups.get(d.why) ?? []), d.what]);
  return [...groups];
}

/**
 * "Import cURL": paste a command; its method, path and exact body go into the composer. Before
 * anything is imported, a summary says what is kept, what is dropped and why, and which environment
 * the URL's host is (an unknown host is named, and the person chooses where its path goes).
 */
export function CurlImportDialog({
  open,
  onClose,
  environments,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  /** The environments' base URLs, to recognise a URL as theirs. */
  environments: readonly { name: Environment; baseUrl: string }[];
  onImport: (outcome: ImportOutcome) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  // The person's own choice of environment, for the host it was made for.
  const [choice, setChoice] = useState<{ host: string; environment: Environment } | null>(null);
  const checked = useDeferredValue(text);
  const result = useMemo(
    () => (checked.trim() === '' ? null : curlToDraft(checked, environments)),
    [checked, environments],
  );
  const summary = result?.ok ? result : null;
  const target: Environment | null = summary
    ? choice?.host === summary.host.host
      ? choice.environment
      : summary.host.environment
    : null;
  const error = tried
    ? result === null
      ? 'Paste a cURL command first.'
      : !result.ok
        ? result.error
        : target === null
          ? `Choose the environment to import ${result.path} into: ${result.host.host} is not one of the playground's.`
          : null
    : null;

  const submit = () => {
    // What is shown is what is imported: read the text as it is now, not as it was a moment ago.
    const now = text.trim() === '' ? null : curlToDraft(text, environments);
    const where = now?.ok ? (choice?.host === now.host.host ? choice.environment : now.host.environment) : null;
    if (!now?.ok || where === null) {
      setTried(true);
      return;
    }
    setTried(false);
    setText('');
    setChoice(null);
    onImport({
      fields: { method: now.method, path: now.path, body: now.body, headers: now.headers },
      environment: where,
      summary: outcomeSentence(now, where),
    });
  };

  return (
    <Dialog open={open} title="Import cURL" onClose={onClose} initialFocus="textarea">
      <div className="space-y-3">
        <label htmlFor={id} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
          cURL command
        </label>
        <textarea
          id={id}
          rows={7}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={"curl 'https://api.qredo.network/qapi/v1/balance' -H 'qredo-api-key: …'"}
          aria-invalid={error ? true : undefined}
          className="w-full resize-y rounded-md border border-slate-300 bg-white p-2 font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-950"
        />
        <p className="text-[11px] text-slate-500 dark:text-slate-400">
          From the docs, a browser’s “copy as cURL” or the snippets. Method, path, headers and body are taken exactly;
          the playground signs again with your key. Files (@file) cannot be read.
        </p>
        {summary && (
          <ImportSummary
            summary={summary}
            target={target}
            onChoose={(environment) => setChoice({ host: summary.host.host, environment })}
          />
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button variant={target === 'production' ? 'danger' : 'primary'} onClick={submit}>
            {target ? `Import into ${ENVIRONMENT_LABEL[target]}` : 'Import'}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function ImportSummary({
  summary,
  target,
  onChoose,
}: {
  summary: CurlSummary;
  target: Environment | null;
  onChoose: (environment: Environment) => void;
}) {
  const radioName = useId();
  const keptHeading = useId();
  const droppedHeading = useId();
  const h = 'mb-0.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400';
  return (
    <section
      aria-label="Import summary"
      className="max-h-72 space-y-2.5 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 p-2.5 text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-300"
    >
      <p className={summary.host.environment ? '' : 'font-medium text-amber-800 dark:text-amber-300'}>
        {hostSentence(summary.host)}
      </p>
      <div role="radiogroup" aria-label="Import into" className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span aria-hidden="true" className="font-medium">
          Import into
        </span>
        {ENVIRONMENTS.map((env) => (
          <label key={env} className="inline-flex items-center gap-1">
            <input
              type="radio"
              name={radioName}
              value={env}
              checked={target === env}
              onChange={() => onChoose(env)}
              className={env === 'production' ? 'accent-env-production' : 'accent-sky-600'}
            />
            <span
              className={env === 'production' ? 'font-medium text-env-production dark:text-env-production-night' : ''}
            >
              {ENVIRONMENT_LABEL[env]}
            </span>
          </label>
        ))}
      </div>
      <div>
        <h3 id={keptHeading} className={h}>
          Kept
        </h3>
        <ul aria-labelledby={keptHeading} className="list-disc space-y-0.5 pl-4">
          <li className={item}>
            Method <span className="font-mono">{summary.method}</span>
          </li>
          <li className={item}>
            Path <span className="font-mono break-all">{summary.path}</span>
          </li>
          <li className={item}>
            {summary.body === null ? 'No body' : `Body: ${groupDigits(summary.bodyBytes)} B, byte for byte as pasted`}
          </li>
          {summary.keptHeaders.map((header) => (
            <li key={header} className={item}>
              <span className="font-mono break-all">{header}</span> (into Headers: sent as pasted, not signed)
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 id={droppedHeading} className={h}>
          Dropped
        </h3>
        {summary.dropped.length === 0 && summary.notes.length === 0 ? (
          <p>Nothing.</p>
        ) : (
          <ul aria-labelledby={droppedHeading} className="list-disc space-y-0.5 pl-4">
            {groupByReason(summary.dropped).map(([why, whats]) => (
              <li key={why} className={item}>
                {whats.map((what, i) => (
                  <span key={`${what}-${i}`}>
                    {i > 0 && ', '}
                    <span className="font-mono break-all">{what}</span>
                  </span>
                ))}
                : {why}.
              </li>
            ))}
            {summary.notes.map((note) => (
              <li key={note} className={item}>
                {note}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
