/**
 * The playground page: composes the features. Environment and demo key are page state; what the
 * person types lives in one react-hook-form form; server state lives in TanStack Query.
 */
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type Control } from 'react-hook-form';
import type { DemoKey, DemoKeyInfo, Environment, RelayResult, RequestDraft, SendRequest } from '../core/contract.ts';
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
  effectiveMethod,
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
import { notCurrentReason } from './features/response/shown-request.ts';
import { BundleDrop } from './features/bundles/components/bundle-drop.tsx';
import { BundleTools } from './features/bundles/components/bundle-tools.tsx';
import type { ImportOutcome } from './features/curl-import/components/curl-import-dialog.tsx';
import { ViewSwitch } from './features/navigation/components/view-switch.tsx';
import { useView } from './features/navigation/use-view.ts';
import { SnippetsPanel } from './features/snippets/components/snippets-panel.tsx';
import { prefetchSignPreview, useShownDraft } from './features/signing/api/sign-preview.ts';
import { SigningPanel, type SigningPanelView } from './features/signing/components/signing-panel.tsx';
import { announce } from './lib/announce.ts';
import { ApiRequestError } from './lib/api-client.ts';
import type { ConfirmSend, RequestToConfirm } from './lib/confirm-send.ts';
import { keyName } from './lib/key-label.ts';
import { isSendChord, isTypingTarget } from './lib/keyboard.ts';

// Views and dialogs off the first screen load when first shown, so their code (and the zod schemas
// that bundle import needs) stays out of the first-screen JavaScript.
const DoctorView = lazy(() =>
  import('./features/doctor/components/doctor-view.tsx').then((m) => ({ default: m.DoctorView })),
);
const WalkthroughView = lazy(() =>
  import('./features/walkthrough/components/walkthrough-view.tsx').then((m) => ({ default: m.WalkthroughView })),
);
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

/** A request waiting for the production question to be answered, and what to do on "Send to production". */
type Confirming = { request: RequestToConfirm; proceed: () => void } | null;

const NO_DEMO_KEYS: DemoKeyInfo[] = [];
const NO_ENVIRONMENTS: { name: Environment; baseUrl: string }[] = [];

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

/** "Skip to composer": the composer's first field (Endpoint) takes the focus. */
function focusComposer(): void {
  document.getElementById('request-composer')?.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
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
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [curlOpen, setCurlOpen] = useState(false);
  // Mounted from the first time it opens (its code loads then), and kept so a closed dialog keeps its text.
  const [curlUsed, setCurlUsed] = useState(false);
  if (curlOpen && !curlUsed) setCurlUsed(true);
  const [view] = useView();
  const entry = useHistoryEntry(shown?.id ?? null);
  const responseSlot = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLElement>(null);

  const envInfo = session.data?.environments.find((e) => e.name === environment);
  const production = environment === 'production';
  const demoKeys = session.data?.demoKeys ?? NO_DEMO_KEYS;
  const nameKey = useCallback((keyId: string) => keyName(keyId, demoKeys), [demoKeys]);

  // Every way of sending (Send, Re-send, a bundle re-run, an imported request) asks here, with one dialog.
  const confirmSend: ConfirmSend = useCallback((request, proceed) => {
    if (!needsConfirmation(request.environment, request.method)) proceed(false);
    else setConfirming({ request, proceed: () => proceed(true) });
  }, []);

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
        confirmSend({ ...draft, action: null }, (confirmed) => doSend(confirmed ? { ...draft, confirm: true } : draft));
      },
      () => announce('Some fields need attention before sending.'),
    )();
  }, [send.isPending, form, environment, demoKey, doSend, confirmSend]);

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

  // Load into composer: the request with the environment, key and timestamp settings it was sent with.
  const onLoadHistory = (loaded: RelayResult) => {
    const values = valuesFromEntry(loaded, form.getValues());
    form.reset(values, { keepDefaultValues: true });
    setEnvironment(loaded.environment);
    const key = nameKey(loaded.keyId);
    if (loaded.environment === 'mock' && key.demoKey) setDemoKey(key.demoKey);
    setSigningView('live');
    const loadedInfo = session.data?.environments.find((e) => e.name === loaded.environment);
    const keyNote =
      loaded.environment === 'mock'
        ? key.demoKey
          ? `demo key ${key.name}`
          : `the full demo key (key ${loaded.keyId} is not a demo key)`
        : loadedInfo?.keyId && loadedInfo.keyId !== loaded.keyId
          ? `sent with key ${loaded.keyId}; ${ENVIRONMENT_LABEL[loaded.environment]} now signs with key ${loadedInfo.keyId}`
          : `key ${loaded.keyId}`;
    const timing =
      values.timing.mode === 'pinned' ? `timestamp pinned to ${values.timing.pinned}` : 'timestamp at send time';
    announce(
      `Loaded ${loaded.request.method} ${loaded.request.path} into the composer (${ENVIRONMENT_LABEL[loaded.environment]}, ${keyNote}, ${timing}).`,
    );
  };

  const onHistoryResult = (result: RelayResult) => {
    send.reset();
    showResult(result, 'history');
    setSigningView('sent');
    announce(`${result.kind === 'replay' ? 'Replayed' : 'Re-sent'} ${describeResult(result)}`);
  };

  // cURL import: method, path and exact body into the form, the Endpoint picker following them, in the
  // environment the URL's host is (or the one the person chose).
  const onCurlImport = ({ fields, environment: target, summary }: ImportOutcome) => {
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
        bodyAside: '',
      },
      { keepDefaultValues: true },
    );
    setEnvironment(target);
    setCurlOpen(false);
    setSigningView('live');
    announce(summary);
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
      {view === 'playground' && (
        <a
          href="#request-composer"
          onClick={(e) => {
            e.preventDefault();
            focusComposer();
          }}
          className="sr-only rounded-md bg-sky-700 text-sm font-semibold text-white shadow-lg focus:not-sr-only focus:absolute focus:top-1.5 focus:left-2 focus:z-50 focus:px-3 focus:py-1.5 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
        >
          Skip to composer
        </a>
      )}
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
      {view === 'bundle' && (
        <main className="min-h-0 flex-1 overflow-y-auto">
          <Suspense fallback={<ViewLoading />}>
            <ImportedBundleView confirmSend={confirmSend} />
          </Suspense>
        </main>
      )}
      <div className={`relative min-h-0 flex-1 ${view === 'playground' ? 'flex' : 'hidden'}`}>
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
                <ShownResponse
                  control={form.control}
                  environment={environment}
                  result={shownResult}
                  pending={responsePending}
                  error={sendError}
                  demoKeys={demoKeys}
                />
                <div className="mt-4">
                  <BundleTools entry={shownResult} />
                </div>
              </div>
            </div>
          </div>
        </main>
        {/* After the main content in the document (and so in tab order), first on screen. */}
        <div className="relative order-first flex w-72 shrink-0 flex-col border-r border-slate-200 bg-white xl:w-80 dark:border-slate-800 dark:bg-slate-900">
          <HistorySidebar
            selectedId={shown?.id ?? null}
            onSelect={onSelectHistory}
            onLoad={onLoadHistory}
            onResult={onHistoryResult}
            keyName={nameKey}
            confirmSend={confirmSend}
          />
        </div>
      </div>

      <ConfirmSendDialog
        open={confirming !== null}
        method={confirming?.request.method ?? ''}
        url={confirming ? targetUrl(session.data?.environments, confirming.request) : ''}
        body={confirming?.request.body ?? null}
        action={confirming?.request.action ?? null}
        onCancel={() => {
          setConfirming(null);
          announce('Send to production cancelled.');
        }}
        onConfirm={() => {
          const pending = confirming;
          setConfirming(null);
          pending?.proceed();
        }}
      />
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      {curlUsed && (
        <Suspense fallback={null}>
          <CurlImportDialog
            open={curlOpen}
            onClose={() => setCurlOpen(false)}
            environments={session.data?.environments ?? NO_ENVIRONMENTS}
            onImport={onCurlImport}
          />
        </Suspense>
      )}
      <BundleDrop />
      <LiveRegion />
    </div>
  );
}

/** The full URL a request to confirm goes to, from the session's base URLs (the path alone until they are known). */
function targetUrl(
  environments: { name: Environment; baseUrl: string }[] | undefined,
  request: Pick<RequestToConfirm, 'environment' | 'path'>,
): string {
  const info = environments?.find((e) => e.name === request.environment);
  return info ? joinUrl(info.baseUrl, request.path) : request.path;
}

/**
 * The Response panel, told which request it shows and whether that is still the composer's: it
 * watches only what decides that (operation, method, path), so typing in the body does not redraw it.
 */
function ShownResponse({
  control,
  environment,
  result,
  pending,
  error,
  demoKeys,
}: {
  control: Control<ComposerValues>;
  environment: Environment;
  result: RelayResult | null;
  pending: boolean;
  error: ApiRequestError | null;
  demoKeys: readonly DemoKeyInfo[];
}) {
  const [operationId, method, customMethod, path] = useWatch({
    control,
    name: ['operationId', 'method', 'customMethod', 'path'],
  });
  const notCurrent = useMemo(() => {
    if (!result) return null;
    const { method: sentMethod, path: sentPath } = result.request;
    return notCurrentReason(
      {
        environment: result.environment,
        operationId: matchOperation(sentMethod, sentPath)?.operation.id ?? '',
        method: sentMethod,
        path: sentPath,
      },
      { environment, operationId, method: effectiveMethod({ method, customMethod }), path },
    );
  }, [result, environment, operationId, method, customMethod, path]);
  const key = useMemo(() => (result ? keyName(result.keyId, demoKeys) : null), [result, demoKeys]);
  return <ResponsePanel result={result} pending={pending} error={error} keyName={key} notCurrent={notCurrent} />;
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
