import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import {
  bundleFromFragment,
  captureFromBundleEntry,
  type Bundle,
  type BundleEntry,
} from '../../../../core/bundle/index.ts';
import type {
  DemoKey,
  DoctorRequest,
  DoctorResponse,
  Environment,
  RelayResult,
  RequestDraft,
} from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { api } from '../../../lib/api-client.ts';
import { useSession } from '../../../lib/queries.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import type { ConfirmSend } from '../../../lib/confirm-send.ts';
import { clip, draftFromBundleEntry, requestFromBundleEntry, type RerunEnvironment } from '../bundle-model.ts';
import { useImported } from '../bundle-store.ts';

const card = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900';
const pre =
  'max-h-72 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all text-slate-800 dark:bg-slate-950 dark:text-slate-200';
const select = 'h-8 rounded-md border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-950';

function useHash(): string {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('hashchange', l);
      return () => window.removeEventListener('hashchange', l);
    },
    () => window.location.hash,
    () => '',
  );
}

/** What an entry card can hand to the rest of the page. */
interface EntryLinks {
  /** The page's production question, asked before a re-run there. */
  confirmSend?: ConfirmSend | undefined;
  /** "Diagnose": the entry's captured request goes to the signature doctor. */
  onDiagnose?: ((request: DoctorRequest, entry: BundleEntry, index: number) => void) | undefined;
  /** A re-run's history entry, shown in the playground. */
  onShowEntry?: ((id: number) => void) | undefined;
  /** "New request from this": the entry's request opens in a new composer tab. */
  onNewRequest?: ((request: RequestDraft, index: number) => void) | undefined;
  /** "Save to collection…": the entry's request is saved as a named request; `onSaved` once it is. */
  onSaveToCollection?: ((request: RequestDraft, onSaved: (name: string) => void) => void) | undefined;
}

/** An imported bundle, read-only and as text, exactly as the sender saw it. */
export function ImportedBundleView({
  confirmSend,
  onDiagnose,
  onShowEntry,
  onNewRequest,
  onSaveToCollection,
}: EntryLinks = {}) {
  const hash = useHash();
  const stored = useImported();
  const fromLink = useMemo(() => (hash.includes('bundle=') ? bundleFromFragment(hash) : null), [hash]);
  let bundle: Bundle | null = null;
  let error: string | null = null;
  let source = '';
  if (fromLink) {
    source = 'a link';
    if (fromLink.ok) bundle = fromLink.bundle;
    else error = fromLink.error;
  } else if (stored) {
    source = stored.source;
    if ('bundle' in stored) bundle = stored.bundle;
    else error = stored.error;
  }

  return (
    <div className="mx-auto max-w-6xl space-y-4 p-4">
      <div>
        <h2 className="text-lg font-semibold">Imported bundle</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A reproduction bundle, shown as the sender saw it. It is data only: nothing in it runs, and its credentials
          were removed before it left. Verify its signature against your own key, or re-run it.
        </p>
      </div>
      {error && (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
        >
          Could not open the bundle from {source}: {error}
        </p>
      )}
      {!bundle && !error && (
        <p className={`${card} text-sm`}>
          No bundle open. Use “Import bundle” in the Playground, drop a bundle file on the page, or open a link that
          holds one.
        </p>
      )}
      {bundle && (
        <>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            From {source}: {bundle.entries.length} {bundle.entries.length === 1 ? 'entry' : 'entries'}, playground{' '}
            {bundle.appVersion}
            {bundle.exportedAt ? `, exported ${new Date(bundle.exportedAt).toLocaleString()}` : ''}.{' '}
            {bundle.redactions.length > 0 ? `Removed: ${bundle.redactions.join('; ')}.` : ''}
          </p>
          {bundle.entries.map((e, i) => (
            <EntryCard
              key={i}
              entry={e}
              index={i}
              confirmSend={confirmSend}
              onDiagnose={onDiagnose}
              onShowEntry={onShowEntry}
              onNewRequest={onNewRequest}
              onSaveToCollection={onSaveToCollection}
            />
          ))}
        </>
      )}
    </div>
  );
}

function EntryCard({
  entry,
  index,
  confirmSend,
  onDiagnose,
  onShowEntry,
  onNewRequest,
  onSaveToCollection,
}: { entry: BundleEntry; index: number } & EntryLinks) {
  const response = entry.response;
  const requestBody = entry.request.body === null ? null : clip(entry.request.body);
  const responseBody = response ? clip(response.body) : null;
  return (
    <article aria-label={`Bundle entry ${index + 1}`} className={`${card} space-y-3`}>
      <header className="flex flex-wrap items-baseline gap-2">
        <span className="font-mono text-sm font-semibold">{entry.request.method}</span>
        <span className="min-w-0 font-mono text-sm break-all">{entry.request.url}</span>
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
          {entry.environment} · key {entry.keyId} · {new Date(entry.createdAt).toLocaleString()} ·{' '}
          {Math.round(entry.timings.totalMs)} ms
        </span>
      </header>
      <div className="grid gap-3 lg:grid-cols-2">
        <div className="min-w-0 space-y-2">
          <h3 className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">Request as sent</h3>
          <pre className={pre} aria-label="Request headers">
            {Object.entries(entry.request.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          </pre>
          <pre className={pre} aria-label="Request body">
            {requestBody ? requestBody.text || '(empty body)' : '(no body)'}
            {requestBody?.hidden ? `\n… ${requestBody.hidden} more characters not shown` : ''}
            {entry.request.bodyTruncated ? '\n… cut at the history limit' : ''}
          </pre>
          <h3 className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">String to sign</h3>
          <pre className={pre} aria-label="String to sign">
            {entry.stringToSign.segments.map((s) => (
              <span
                key={s.name}
                title={`${s.name}: ${s.length} bytes`}
                className="odd:bg-sky-100/60 dark:odd:bg-sky-900/30"
              >
                {s.text}
              </span>
            ))}
          </pre>
          <dl className="grid grid-cols-[7rem_1fr] gap-x-2 text-xs">
            <dt className="text-slate-500 dark:text-slate-400">Timestamp</dt>
            <dd className="font-mono">{entry.timestamp}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Signature</dt>
            <dd className="font-mono break-all" aria-label="Bundle signature">
              {entry.signature}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Body SHA-256</dt>
            <dd className="font-mono break-all">{entry.hashes.sentBodySha256}</dd>
          </dl>
        </div>
        <div className="min-w-0 space-y-2">
          <h3 className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">Response</h3>
          {response ? (
            <>
              <p className="font-mono text-sm" aria-label="Bundle response status">
                {response.status} {response.statusText}
                <span className="ml-2 text-xs text-slate-500">
                  {response.size} bytes{response.truncated ? ' (cut)' : ''}
                </span>
              </p>
              <pre className={pre} aria-label="Response headers">
                {Object.entries(response.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n')}
              </pre>
              <pre className={pre} aria-label="Response body">
                {response.bodyEncoding === 'base64'
                  ? `(binary, base64)\n${responseBody?.text ?? ''}`
                  : responseBody?.text}
                {responseBody?.hidden ? `\n… ${responseBody.hidden} more characters not shown` : ''}
              </pre>
            </>
          ) : (
            <p className="text-sm text-red-700 dark:text-red-400">
              No response: {entry.error?.message ?? 'none recorded'}
            </p>
          )}
        </div>
      </div>
      <div className="grid gap-3 border-t border-slate-100 pt-3 md:grid-cols-2 dark:border-slate-800">
        <VerifyPanel entry={entry} index={index} onDiagnose={onDiagnose} />
        <RerunPanel
          entry={entry}
          index={index}
          confirmSend={confirmSend}
          onShowEntry={onShowEntry}
          onNewRequest={onNewRequest}
          onSaveToCollection={onSaveToCollection}
        />
      </div>
    </article>
  );
}

function VerifyPanel({
  entry,
  index,
  onDiagnose,
}: { entry: BundleEntry; index: number } & Pick<EntryLinks, 'onDiagnose'>) {
  const envId = useId();
  const [environment, setEnvironment] = useState<Environment>(
    entry.environment === 'production' ? 'production' : entry.environment,
  );
  const session = useSession();
  const demoKey: DemoKey | undefined = session.data?.demoKeys.find((k) => k.keyId === entry.keyId)?.id;
  const partnerKey = session.data?.partnerDemoKeys.find((k) => k.id === entry.keyId)?.id;
  // Checked by the scheme that signed it: a Partner API entry with the public key.
  const doctorRequest = (): DoctorRequest =>
    entry.scheme === 'partner'
      ? {
          scheme: 'partner',
          environment,
          capture: captureFromBundleEntry(entry),
          ...(environment === 'mock' && partnerKey ? { partnerKey } : {}),
        }
      : {
          environment,
          capture: captureFromBundleEntry(entry),
          ...(environment === 'mock' && demoKey ? { demoKey } : {}),
        };
  const verify = useMutation({
    mutationFn: () => api.doctor(doctorRequest()),
    retry: false,
    onSuccess: (d) => announce(d.valid ? 'Verified: the signature is valid.' : `Not valid: ${d.summary}`),
  });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={envId} className="text-xs font-medium">
          Verify against
        </label>
        <select
          id={envId}
          className={select}
          value={environment}
          onChange={(e) => setEnvironment(e.target.value as Environment)}
        >
          <option value="mock">Mock{demoKey ? ' (the demo key it used)' : ''}</option>
          <option value="sandbox">Sandbox (my key)</option>
          <option value="production">Production (my key)</option>
        </select>
        <Button size="sm" variant="primary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify with my secret
        </Button>
        {onDiagnose && (
          <Button size="sm" onClick={() => onDiagnose(doctorRequest(), entry, index)}>
            Diagnose
          </Button>
        )}
      </div>
      {verify.isError && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {verify.error.message}
        </p>
      )}
      {verify.data && <VerifyResult d={verify.data} />}
    </div>
  );
}

function VerifyResult({ d }: { d: DoctorResponse }) {
  const first = d.causes[0];
  return (
    <div
      role="status"
      aria-label="Verification"
      className={`rounded-md border-2 p-2 text-sm ${d.valid ? 'border-emerald-500' : 'border-red-500'}`}
    >
      <p className="font-semibold">
        {d.valid ? 'Valid: this signature verifies with your key.' : 'Not valid with your key.'}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">{d.summary}</p>
      {first && (
        <p className="mt-1 text-xs">
          Most likely: <strong>{first.title}</strong> ({first.certain ? 'certain' : 'likely'}). Open the Doctor for the
          full comparison.
        </p>
      )}
    </div>
  );
}

function RerunPanel({
  entry,
  index,
  confirmSend,
  onShowEntry,
  onNewRequest,
  onSaveToCollection,
}: { entry: BundleEntry; index: number } & Pick<
  EntryLinks,
  'confirmSend' | 'onShowEntry' | 'onNewRequest' | 'onSaveToCollection'
>) {
  const envId = useId();
  const [environment, setEnvironment] = useState<RerunEnvironment>('mock');
  const session = useSession();
  const bases =
    (entry.scheme === 'partner' ? session.data?.partnerEnvironments : session.data?.environments)?.map(
      (e) => e.baseUrl,
    ) ?? [];
  const draft = draftFromBundleEntry(entry, environment, bases, session.data?.demoKeys ?? []);
  // The same request for the composer or a collection, with the headers the sender added.
  const made = requestFromBundleEntry(entry, environment, bases, session.data?.demoKeys ?? []);
  const [saved, setSaved] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const rerun = useMutation({
    /** `confirm`: the person confirmed sending it to production. */
    mutationFn: (confirm: boolean) => {
      if (!draft.ok) throw new Error(draft.error);
      return api.send(confirm ? { ...draft.request, confirm } : draft.request);
    },
    retry: false,
    onSuccess: (r: RelayResult) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.history.all() });
      announce(
        r.response
          ? `Re-ran: ${r.response.status} ${r.response.statusText}`
          : `Re-run failed: ${r.error?.message ?? ''}`,
      );
    },
  });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={envId} className="text-xs font-medium">
          Re-run on
        </label>
        <select
          id={envId}
          className={select}
          value={environment}
          onChange={(e) => setEnvironment(e.target.value as RerunEnvironment)}
        >
          <option value="mock">Mock</option>
          <option value="sandbox">Sandbox</option>
          <option value="production">Production</option>
        </select>
        <Button
          size="sm"
          variant={environment === 'production' ? 'danger' : 'secondary'}
          onClick={() => {
            if (!draft.ok) return;
            const { environment: target, method, path, body } = draft.request;
            if (!confirmSend) rerun.mutate(false);
            else
              confirmSend(
                {
                  environment: target,
                  method,
                  path,
                  body,
                  action: `Re-run of bundle entry ${index + 1}, signed again now`,
                },
                (confirmed) => rerun.mutate(confirmed),
              );
          }}
          disabled={rerun.isPending || !draft.ok}
        >
          Re-run
        </Button>
      </div>
      {/* On a row of their own, for the same environment: the same two actions as on a history entry. */}
      {(onNewRequest || onSaveToCollection) && (
        <div className="flex flex-wrap items-center gap-2">
          {onNewRequest && (
            <Button size="sm" disabled={!made.ok} onClick={() => made.ok && onNewRequest(made.request, index)}>
              New request from this
            </Button>
          )}
          {onSaveToCollection && (
            <Button
              size="sm"
              disabled={!made.ok}
              onClick={() => made.ok && onSaveToCollection(made.request, (name) => setSaved(name))}
            >
              Save to collection…
            </Button>
          )}
        </div>
      )}
      {!draft.ok ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {draft.error}
        </p>
      ) : (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {draft.request.method} {draft.request.path}, signed again now with{' '}
          {environment === 'mock' ? 'a demo key' : `your ${environment} key`}.
          {made.ok && made.note ? ` ${made.note}` : ''}
        </p>
      )}
      {saved && (
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
          Saved the request as “{saved}”.
        </p>
      )}
      {rerun.isError && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {rerun.error.message}
        </p>
      )}
      {rerun.data && <RerunResult result={rerun.data} onShowEntry={onShowEntry} />}
    </div>
  );
}

/** What a re-run got back: its status, timing and body, and the history entry that recorded it. */
function RerunResult({ result, onShowEntry }: { result: RelayResult } & Pick<EntryLinks, 'onShowEntry'>) {
  const response = result.response;
  const body = response ? clip(response.body) : null;
  const link = (
    <a
      href="#/"
      onClick={(e) => {
        if (!onShowEntry) return;
        e.preventDefault();
        onShowEntry(result.id);
      }}
      className="text-sky-700 underline underline-offset-2 hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-200"
    >
      history #{result.id}
    </a>
  );
  return (
    <div className="space-y-1.5 rounded-md border border-slate-200 p-2 dark:border-slate-800">
      <p role="status" aria-label="Re-run result" className="text-sm">
        {response ? (
          <>
            <span className="font-mono font-semibold">{response.status}</span> {response.statusText} in{' '}
            {Math.round(result.timings.totalMs)} ms, {response.size} bytes; recorded as {link}
          </>
        ) : (
          <>
            Failed: {result.error?.message ?? 'no response'}; recorded as {link}
          </>
        )}
      </p>
      {response && body && (
        <pre className={pre} aria-label="Re-run response body">
          {response.bodyEncoding === 'base64' ? `(binary, base64)\n${body.text}` : body.text || '(empty body)'}
          {body.hidden ? `\n… ${body.hidden} more characters not shown` : ''}
        </pre>
      )}
    </div>
  );
}
