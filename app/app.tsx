/**
 * The playground page: composes the features. Environment and demo key are page state; what the
 * person types lives in one react-hook-form form; server state lives in TanStack Query.
 */
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type Control } from 'react-hook-form';
import type { DemoKey, Environment, RelayResult, RequestDraft, SendRequest } from '../core/contract.ts';
import { joinUrl } from '../core/signing/url.ts';
import { Kbd } from './components/button.tsx';
import { LiveRegion } from './components/live-region.tsx';
import { ShortcutHelp } from './components/shortcut-help.tsx';
import { ThemeSwitch } from './components/theme-switch.tsx';
import { useSendMutation } from './features/composer/api/send.ts';
import { Composer } from './features/composer/components/composer.tsx';
import {
  defaultComposerValues,
  draftFromForm,
  matchOperation,
  OTHER_METHOD,
  STANDARD_METHODS,
  valuesFromEntry,
  type ComposerValues,
} from './features/composer/form.ts';
import { useSession } from './features/environments/api/session.ts';
import { ConfirmSendDialog } from './features/environments/components/confirm-send-dialog.tsx';
import { EnvironmentBar } from './features/environments/components/environment-bar.tsx';
import { EnvironmentSwitcher } from './features/environments/components/environment-switcher.tsx';
import { ProductionBanner } from './features/environments/components/production-banner.tsx';
import { ENVIRONMENT_LABEL, needsConfirmation } from './features/environments/environment-style.ts';
import { historyEntryQueryOptions, useHistoryEntry } from './features/history/api/history-api.ts';
import { HistorySidebar } from './features/history/components/history-sidebar.tsx';
import { ResponsePanel } from './features/response/components/response-panel.tsx';
import { BundleDrop } from './features/bundles/components/bundle-drop.tsx';
import { BundleTools } from './features/bundles/components/bundle-tools.tsx';
import type { ImportedFields } from './features/curl-import/components/curl-import-dialog.tsx';
import { ViewSwitch } from './features/navigation/components/view-switch.tsx';
import { useView } from './features/navigation/use-view.ts';
import { SnippetsPanel } from './features/snippets/components/snippets-panel.tsx';
import { prefetchSignPreview, useShownDraft } from './features/signing/api/sign-preview.ts';
import { SigningPanel, type SigningPanelView } from './features/signing/components/signing-panel.tsx';
import { announce } from './lib/announce.ts';
import { ApiRequestError } from './lib/api-client.ts';
import { isSendChord, isTypingTarget } from './lib/keyboard.ts';

// Views and dialogs off the first screen load when first shown, so their code (and the zod schemas
// that bundle import needs) stays out of the first-screen JavaScript.
const DoctorView = lazy(() =>
  import('./features/doctor/components/doctor-view.tsx').then((m) => ({ default: m.DoctorView })),
);
const WalkthroughView = lazy(() =>
  import('./features/walkthrough/components/walkthrough-view.tsx').then((m) => ({ default: m.WalkthroughView })),
);
const FeedView = lazy(() => import('./features/feed/components/feed-view.tsx').then((m) => ({ default: m.FeedView })));
const ImportedBundleView = lazy(() =>
  import('./features/bundles/components/imported-bundle-view.tsx').then((m) => ({ default: m.ImportedBundleView })),
);
const CurlImportDialog = lazy(() =>
  import('./features/curl-import/components/curl-import-dialog.tsx').then((m) => ({ default: m.CurlImportDialog })),
);

function ViewLoading() {
  return (
    <p role="status" className="p-4 text-sm text-slate-500 dark:text-slate-400">
      Loading…
    </p>
  );
}

/** What the response panel shows: the latest send, or an entry picked in the history. */
type Shown = { id: number; origin: 'send' | 'history' } | null;

function describeResult(r: RelayResult): string {
  const what = `${r.request.method} ${r.request.path}`;
  const ms = `${Math.round(r.timings.totalMs)} ms`;
  if (r.response) return `${what}: ${r.response.status} ${r.response.statusText} in ${ms}`;
  return `${what}: failed (${r.error?.message ?? 'no response'}) after ${ms}`;
}

/** On narrow layouts the response sits below the fold: bring it into view after a send. */
function revealResponse(scroller: HTMLElement | null, region: HTMLElement | null): void {
  requestAnimationFrame(() => {
    if (!scroller || !region) return;
    const top = region.getBoundingClientRect().top;
    const frame = scroller.getBoundingClientRect();
    if (top > frame.bottom - 120)
      scroller.scrollTo?.({ top: scroller.scrollTop + top - frame.top - 16, behavior: 'smooth' });
  });
}

function focusHistorySearch(): boolean {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Search history"]');
  if (!input) return false;
  input.focus();
  input.select();
  return true;
}

export function App() {
  const queryClient = useQueryClient();
  const session = useSession();
  const [environment, setEnvironment] = useState<Environment>('mock');
  const [demoKey, setDemoKey] = useState<DemoKey>('full');
  const form = useForm<ComposerValues>({ defaultValues: defaultComposerValues(), mode: 'onChange' });
  const send = useSendMutation();
  const [shown, setShown] = useState<Shown>(null);
  const [signingView, setSigningView] = useState<SigningPanelView>('live');
  const [confirming, setConfirming] = useState<SendRequest | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [curlOpen, setCurlOpen] = useState(false);
  // Mounted from the first time it opens (its code loads then), and kept so a closed dialog keeps its text.
  const [curlUsed, setCurlUsed] = useState(false);
  if (curlOpen && !curlUsed) setCurlUsed(true);
  const [view] = useView();
  // The Feed view stays mounted from its first showing, so its stream and timelines outlive a trip to
  // the composer (to send the transaction it is watching).
  const [feedUsed, setFeedUsed] = useState(false);
  if (view === 'feed' && !feedUsed) setFeedUsed(true);
  const [mockResetAt, setMockResetAt] = useState<number | null>(null);
  const entry = useHistoryEntry(shown?.id ?? null);
  const responseSlot = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLElement>(null);

  const envInfo = session.data?.environments.find((e) => e.name === environment);
  const production = environment === 'production';

  const showResult = useCallback(
    (result: RelayResult, origin: 'send' | 'history') => {
      queryClient.setQueryData(historyEntryQueryOptions(result.id).queryKey, result);
      setShown({ id: result.id, origin });
    },
    [queryClient],
  );

  const doSend = useCallback(
    (request: SendRequest) => {
      announce(`Sending ${request.method} ${request.path}…`);
      send.mutate(request, {
        onSuccess: (result) => {
          showResult(result, 'send');
          revealResponse(mainRef.current, responseSlot.current);
          announce(`Sent ${describeResult(result)}`);
        },
        onError: (error) => {
          setShown(null);
          announce(`Could not send ${request.method} ${request.path}: ${error.message}`);
        },
      });
    },
    [send, showResult],
  );

  const requestSend = useCallback(() => {
    if (send.isPending) return;
    void form.handleSubmit(
      (values) => {
        const draft = draftFromForm(values, environment, demoKey, values.timing);
        if (needsConfirmation(environment, draft.method)) setConfirming({ ...draft, confirm: true });
        else doSend(draft);
      },
      () => announce('Some fields need attention before sending.'),
    )();
  }, [send.isPending, form, environment, demoKey, doSend]);

  // The live preview asks the server to sign from the form's change event itself, before React renders
  // the change; the signing panel's query for the same draft then finds the request on its way.
  useEffect(() => {
    if (signingView !== 'live') return;
    return form.subscribe({
      formState: { values: true },
      callback: ({ values }) =>
        prefetchSignPreview(queryClient, draftFromForm(values, environment, demoKey, values.timing)),
    });
  }, [form, queryClient, environment, demoKey, signingView]);

  // Global shortcuts. Capture phase, so Ctrl/Cmd+Enter wins over the body editor's own key bindings.
  const requestSendRef = useRef(requestSend);
  useLayoutEffect(() => {
    requestSendRef.current = requestSend;
  });
  const dialogOpen = helpOpen || curlOpen || confirming !== null || view !== 'playground';
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen) return;
      if (isSendChord(e)) {
        e.preventDefault();
        e.stopPropagation();
        requestSendRef.current();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === '/') {
        if (focusHistorySearch()) e.preventDefault();
      } else if (e.key === '?') {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dialogOpen]);

  const changeEnvironment = (next: Environment) => {
    setEnvironment(next);
    announce(
      `Environment: ${ENVIRONMENT_LABEL[next]}${next === 'production' ? '. Requests go to the live Qredo API.' : ''}`,
    );
  };

  const onSelectHistory = (id: number) => {
    send.reset();
    setShown({ id, origin: 'history' });
    setSigningView('sent');
  };

  const onLoadHistory = (loaded: RelayResult) => {
    form.reset(valuesFromEntry(loaded, form.getValues()), { keepDefaultValues: true });
    setEnvironment(loaded.environment);
    setSigningView('live');
    announce(
      `Loaded ${loaded.request.method} ${loaded.request.path} into the composer (${ENVIRONMENT_LABEL[loaded.environment]}).`,
    );
  };

  const onHistoryResult = (result: RelayResult) => {
    send.reset();
    showResult(result, 'history');
    setSigningView('sent');
    announce(`${result.kind === 'replay' ? 'Replayed' : 'Re-sent'} ${describeResult(result)}`);
  };

  // cURL import: method, path and exact body into the form, the Endpoint picker following them.
  const onCurlImport = (fields: ImportedFields, notes: string[]) => {
    const match = matchOperation(fields.method, fields.path);
    const standard = (STANDARD_METHODS as readonly string[]).includes(fields.method);
    form.reset(
      {
        ...form.getValues(),
        method: standard ? fields.method : OTHER_METHOD,
        customMethod: standard ? '' : fields.method,
        operationId: match?.operation.id ?? '',
        params: match?.params ?? {},
        path: fields.path,
        body: fields.body ?? '',
      },
      { keepDefaultValues: true },
    );
    setCurlOpen(false);
    setSigningView('live');
    announce(`Imported ${fields.method} ${fields.path} into the composer.${notes.length ? ` ${notes.join(' ')}` : ''}`);
  };

  const sendError = useMemo(
    () =>
      send.error
        ? send.error instanceof ApiRequestError
          ? send.error
          : new ApiRequestError(0, 'unknown', send.error.message)
        : null,
    [send.error],
  );
  const shownResult = shown ? (entry.data ?? null) : null;
  const responsePending = send.isPending || (shown !== null && entry.isLoading);

  return (
    <div
      className={`relative flex h-screen flex-col overflow-hidden ${production ? 'bg-env-production-soft/30 dark:bg-env-production/5' : ''}`}
    >
      {production && <ProductionBanner />}
      <header
        className={
          'flex h-12 shrink-0 items-center gap-4 border-b bg-white px-4 dark:bg-slate-900 ' +
          (production ? 'border-b-2 border-env-production' : 'border-slate-200 dark:border-slate-800')
        }
      >
        <div className="flex items-center gap-2">
          <img src="/favicon.svg" alt="" className="size-6" />
          <h1 className="text-sm font-semibold tracking-tight">
            Qredo API Playground
            {session.data && (
              <span className="ml-2 font-mono text-[11px] font-normal text-slate-400">v{session.data.version}</span>
            )}
          </h1>
        </div>
        <ViewSwitch current={view} showBundle={false} />
        <EnvironmentSwitcher
          value={environment}
          onChange={changeEnvironment}
          environments={session.data?.environments}
        />
        <div className="ml-auto flex items-center gap-1">
          <button
            type="button"
            onClick={() => setHelpOpen(true)}
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
            className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-slate-600 hover:bg-slate-200/70 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
          >
            <Kbd>?</Kbd>
            <span className="hidden xl:inline">Shortcuts</span>
          </button>
          <ThemeSwitch />
        </div>
      </header>

      {view === 'doctor' && (
        <main className="min-h-0 flex-1 overflow-y-auto">
          <Suspense fallback={<ViewLoading />}>
            <DoctorView />
          </Suspense>
        </main>
      )}
      {view === 'walkthrough' && (
        <main className="min-h-0 flex-1 overflow-y-auto">
          <Suspense fallback={<ViewLoading />}>
            <WalkthroughView draft={draftFromForm(form.getValues(), environment, demoKey, form.getValues().timing)} />
          </Suspense>
        </main>
      )}
      {feedUsed && (
        <main className={`min-h-0 flex-1 overflow-y-auto ${view === 'feed' ? '' : 'hidden'}`}>
          <Suspense fallback={<ViewLoading />}>
            <FeedView mockResetAt={mockResetAt} />
          </Suspense>
        </main>
      )}
      {view === 'bundle' && (
        <main className="min-h-0 flex-1 overflow-y-auto">
          <Suspense fallback={<ViewLoading />}>
            <ImportedBundleView />
          </Suspense>
        </main>
      )}
      <div className={`relative min-h-0 flex-1 ${view === 'playground' ? 'flex' : 'hidden'}`}>
        <div className="relative flex w-72 shrink-0 flex-col border-r border-slate-200 bg-white xl:w-80 dark:border-slate-800 dark:bg-slate-900">
          <HistorySidebar
            selectedId={shown?.id ?? null}
            onSelect={onSelectHistory}
            onLoad={onLoadHistory}
            onResult={onHistoryResult}
          />
        </div>

        <main ref={mainRef} className="relative min-w-0 flex-1 overflow-y-auto">
          <div className="mx-auto max-w-[1600px] space-y-4 p-4">
            {session.isError ? (
              <p
                role="alert"
                className="rounded-lg border border-env-production/40 bg-env-production-soft/50 p-3 text-sm text-env-production-ink dark:bg-env-production/10 dark:text-env-production-night"
              >
                The playground server did not answer: {session.error.message}
              </p>
            ) : envInfo ? (
              <EnvironmentBar
                info={envInfo}
                demoKeys={session.data?.demoKeys ?? []}
                demoKey={demoKey}
                onDemoKeyChange={setDemoKey}
                onMockReset={() => setMockResetAt(Date.now())}
              />
            ) : (
              <div aria-hidden="true" className="h-[38px] animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
            )}

            <div className="grid items-start gap-4 xl:grid-cols-2">
              <div className="min-w-0 space-y-4">
                <div className="relative rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
                  <button
                    type="button"
                    onClick={() => setCurlOpen(true)}
                    className="absolute top-2 right-3 rounded px-1.5 text-xs font-medium text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
                  >
                    Import cURL
                  </button>
                  <Composer form={form} onSend={requestSend} sending={send.isPending} danger={production} />
                </div>
                <LiveSigning
                  control={form.control}
                  environment={environment}
                  baseUrl={envInfo?.baseUrl}
                  demoKey={demoKey}
                  entry={shownResult}
                  view={signingView}
                  onViewChange={setSigningView}
                />
              </div>
              <div className="min-w-0 xl:sticky xl:top-4" ref={responseSlot}>
                <ResponsePanel result={shownResult} pending={responsePending} error={sendError} />
                <div className="mt-4">
                  <BundleTools entry={shownResult} />
                </div>
              </div>
            </div>
          </div>
        </main>
      </div>

      <ConfirmSendDialog
        open={confirming !== null}
        method={confirming?.method ?? ''}
        url={confirming ? (envInfo ? joinUrl(envInfo.baseUrl, confirming.path) : confirming.path) : ''}
        body={confirming?.body ?? null}
        onCancel={() => {
          setConfirming(null);
          announce('Send to production cancelled.');
        }}
        onConfirm={() => {
          const request = confirming;
          setConfirming(null);
          if (request) doSend(request);
        }}
      />
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      {curlUsed && (
        <Suspense fallback={null}>
          <CurlImportDialog
            open={curlOpen}
            onClose={() => setCurlOpen(false)}
            bases={session.data?.environments.map((e) => e.baseUrl) ?? []}
            onImport={onCurlImport}
          />
        </Suspense>
      )}
      <BundleDrop />
      <LiveRegion />
    </div>
  );
}

/**
 * The signing panel, fed by the form through useWatch so that only it re-renders as the person types.
 * A keystroke first paints in the editor; the panel follows a new draft once the server has signed
 * it (the request was started from the form's change event), or shortly after when the server is
 * slower (useShownDraft), so that it usually renders once per keystroke, with the answer.
 */
function LiveSigning({
  control,
  environment,
  baseUrl,
  demoKey,
  entry,
  view,
  onViewChange,
}: {
  control: Control<ComposerValues>;
  environment: Environment;
  baseUrl: string | undefined;
  demoKey: DemoKey;
  entry: RelayResult | null;
  view: SigningPanelView;
  onViewChange: (v: SigningPanelView) => void;
}) {
  const values = useWatch({ control }) as ComposerValues;
  const current: RequestDraft = useMemo(
    () => draftFromForm(values, environment, demoKey, values.timing),
    [values, environment, demoKey],
  );
  const draft = useShownDraft(current, view === 'live');
  return (
    <>
      <SigningPanel draft={draft} baseUrl={baseUrl} entry={entry} view={view} onViewChange={onViewChange} />
      <SnippetsPanel draft={draft} entry={view === 'sent' ? entry : null} />
    </>
  );
}
