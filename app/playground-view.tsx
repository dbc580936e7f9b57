/**
 * The playground view: composer, live signing, response and history, composed from their features.
 * What is sent, shown and asked is wired here; each feature owns its own state and server state.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useWatch, type FormStore } from './lib/form-store.ts';
import type {
  DemoKeyInfo,
  DoctorRequest,
  Environment,
  PartnerDemoKeyInfo,
  RelayResult,
  SendRequest,
} from '../core/contract.ts';
import { captureFromSent } from '../core/doctor/capture.ts';
import { schemeOf } from '../core/schemes.ts';
import { HistoryToggleButton, WorkbenchLayout, type WorkbenchLayoutHandle } from './components/workbench-layout.tsx';
import { useCopyDraftCurl } from './features/composer/api/copy-curl.ts';
import { newSendId, useCancelSend, useSendMutation, useSendProgress } from './features/composer/api/send.ts';
import { Button } from './components/button.tsx';
import { Composer } from './features/composer/components/composer.tsx';
import {
  draftFromForm,
  effectiveMethod,
  matchOperation,
  valuesFromEntry,
  valuesFromImport,
  type ComposerValues,
} from './features/composer/form.ts';
import type { ImportOutcome } from './features/curl-import/components/curl-import-dialog.tsx';
import { CurlImportLauncher } from './features/curl-import/components/curl-import-launcher.tsx';
import { EnvironmentBar } from './features/environments/components/environment-bar.tsx';
import { PartnerBar } from './features/partner/components/partner-bar.tsx';
import { ENVIRONMENT_LABEL } from './features/environments/environment-style.ts';
import { useHistoryEntry, useResponseIds } from './features/history/api/history-api.ts';
import { HistoryLoading } from './features/history/components/history-loading.tsx';
import type { ResponsePanelProps, TabId } from './features/response/components/response-panel.tsx';
import { notCurrentReason } from './features/response/shown-request.ts';
import { useDraftFeedSource, useSettledDraft, type DraftFeed } from './features/signing/api/sign-preview.ts';
import { ComputedHeaders } from './features/signing/components/computed-headers.tsx';
import { SigningPanel, type SigningPanelView } from './features/signing/components/signing-panel.tsx';
import { SnippetsPanel } from './features/snippets/components/snippets-panel.tsx';
import { announce } from './lib/announce.ts';
import { deferred } from './lib/deferred.ts';
import { ApiRequestError } from './lib/api-client.ts';
import type { ConfirmSend } from './lib/confirm-send.ts';
import { describeWindow } from './lib/timestamp-window.ts';
import { keyName } from './lib/key-label.ts';
import { useSession } from './lib/queries.ts';
import { useShortcut } from './lib/shortcuts.ts';
import { workspaceDraftFromValues } from './features/composer/workspace-draft.ts';
import { defaultComposerValues } from './features/composer/form.ts';
import { paramSuggestions } from './features/composer/param-suggestions.ts';
import { SaveControls, SaveTabDialog } from './features/workbench/components/save-controls.tsx';
import { TabStrip } from './features/workbench/components/tab-strip.tsx';
import { WorkbenchSidebar } from './features/workbench/components/workbench-sidebar.tsx';
import { draftFromEntry } from './features/workbench/saved.ts';
import { useCaptures } from './features/workbench/use-captures.ts';
import { VariableProblems } from './features/workbench/components/variable-problems.tsx';
import { marksInSegments, type DraftProblem } from './features/workbench/expansion.ts';
import type { TabStore } from './features/workbench/tab-store.ts';
import {
  useExpansionSource,
  useExpansionVersion,
  useVariableSuggestions,
  type ExpansionSource,
} from './features/workbench/use-expansion.ts';

const NO_DEMO_KEYS: DemoKeyInfo[] = [];
const NO_DEMO_PARTNERS: PartnerDemoKeyInfo[] = [];

// Shown only under a JSON response with IDs in it: its code (and core's ID finder) loads then.
// Not on the first screen: loaded apart from it, fetched once the page is idle (lib/deferred.ts).
const ResponsePanel = deferred(() =>
  import('./features/response/components/response-panel.tsx').then((m) => m.ResponsePanel),
);
const CompareView = deferred(() =>
  import('./features/response/components/compare-view.tsx').then((m) => m.CompareView),
);
const FreshnessOptions = deferred(() =>
  import('./features/partner/components/freshness-options.tsx').then((m) => m.FreshnessOptions),
);
const PartnerPayloadNote = deferred(() =>
  import('./features/partner/components/payload-note.tsx').then((m) => m.PartnerPayloadNote),
);
// The history pane and the bundle tools come right after the composer: requested at the first render,
// they are not part of the first screen's JavaScript.
const HistorySidebar = deferred(() =>
  import('./features/history/components/history-sidebar.tsx').then((m) => m.HistorySidebar),
);
const BundleTools = deferred(() => import('./features/bundles/components/bundle-tools.tsx').then((m) => m.BundleTools));
const SetAsVariable = lazy(() => import('./features/workbench/components/set-as-variable.tsx'));
const NO_ENVIRONMENTS: { name: Environment; baseUrl: string }[] = [];

/** What the response panel shows: the latest send, or an entry picked in the history. */
type Shown = { id: number; origin: 'send' | 'history' } | null;

function describeResult(r: RelayResult): string {
  const what = `${r.request.method} ${r.request.path}`;
  const ms = `${Math.round(r.timings.totalMs)} ms`;
  if (r.response) return `${what}: ${r.response.status} ${r.response.statusText} in ${ms}`;
  return `${what}: failed (${r.error?.message ?? 'no response'}) after ${ms}`;
}

/** Two entries side by side: the first picked, then (once picked) the second. */
type Comparing = { left: number; right: number | null } | null;

/** After this long a send is watched (GET /api/sends/:id) and can be cancelled; quicker ones never are. */
const WATCH_AFTER_MS = 400;

export function PlaygroundView({
  form,
  tabs,
  active,
  confirmSend,
  onMockReset,
  onDiagnose,
  showEntry = null,
}: {
  form: FormStore<ComposerValues>;
  /** The open request tabs; the form holds the active one's draft. */
  tabs: TabStore;
  /** The embedded mock's data was reset from its bar. */
  onMockReset?: () => void;
  /** False while another view is on screen: the view stays mounted (drafts kept), its shortcuts off. */
  active: boolean;
  confirmSend: ConfirmSend;
  /** "Diagnose" on a history entry: the page opens the doctor with it. */
  onDiagnose?: (request: DoctorRequest, source: RelayResult) => void;
  /** Show this history entry (a bundle re-run links to its entry); `seq` tells requests apart. */
  showEntry?: { id: number; seq: number } | null;
}) {
  const session = useSession();
  const [environment, demoKey, scheme, partnerKey, freshness, nonce] = useWatch({
    control: form.control,
    name: ['environment', 'demoKey', 'scheme', 'partnerKey', 'freshness', 'nonce'],
  });
  const partner = scheme === 'partner';
  const send = useSendMutation();
  const [shown, setShown] = useState<Shown>(null);
  const [signingView, setSigningView] = useState<SigningPanelView>('live');
  const entry = useHistoryEntry(shown?.id ?? null);
  const layout = useRef<WorkbenchLayoutHandle>(null);
  const copy = useCopyDraftCurl();
  const [copyNote, setCopyNote] = useState<{ text: string; error: boolean } | null>(null);
  const [flight, setFlight] = useState<{ sendId: string; watching: boolean } | null>(null);
  const progress = useSendProgress(flight?.watching ? flight.sendId : null);
  const cancel = useCancelSend();
  const [tabRequest, setTabRequest] = useState<{ tab: TabId; seq: number } | null>(null);
  const timingSeq = useRef(0);
  const [comparing, setComparing] = useState<Comparing>(null);
  const compareLeft = useHistoryEntry(comparing?.left ?? null);
  const compareRight = useHistoryEntry(comparing?.right ?? null);

  // An entry asked for from elsewhere (a bundle re-run's "history #19"): shown once per request, in
  // place of a failed send's error, with the response pane in view.
  const [seenShowEntry, setSeenShowEntry] = useState<number | null>(null);
  if (showEntry && showEntry.seq !== seenShowEntry) {
    setSeenShowEntry(showEntry.seq);
    setShown({ id: showEntry.id, origin: 'history' });
    setSigningView('sent');
    setTabRequest(null);
  }
  const resetSend = send.reset;
  useEffect(() => {
    if (!showEntry) return;
    resetSend();
    layout.current?.revealResponse();
  }, [showEntry, resetSend]);

  // One draft feed for the page's form: it hears the form's change event (and a change of the
  // variables), settles the draft with its {{variables}} expanded and asks for its signature; the
  // signing panel and the computed headers read the draft it settled.
  const expansion = useExpansionSource(tabs);
  const [variableProblems, setVariableProblems] = useState<DraftProblem[]>([]);
  const captures = useCaptures();
  const variableSuggestions = useVariableSuggestions(environment);
  const responseIds = useResponseIds(environment).data?.ids;
  const suggestParam = useCallback(
    (param: string) => paramSuggestions(param, responseIds ?? [], variableSuggestions),
    [responseIds, variableSuggestions],
  );
  const [savingTab, setSavingTab] = useState<string | null>(null);
  const readDraft = useCallback(() => expansion.expand(draftFromForm(form.getValues())).draft, [form, expansion]);
  const subscribeDraft = useCallback(
    (onChange: () => void) => {
      const offForm = form.subscribe(onChange);
      const offVariables = expansion.subscribe(onChange);
      return () => {
        offForm();
        offVariables();
      };
    },
    [form, expansion],
  );
  const feed = useDraftFeedSource(readDraft, subscribeDraft);

  const envInfo = session.data?.environments.find((e) => e.name === environment);
  const partnerInfo = session.data?.partnerEnvironments.find((e) => e.name === environment);
  // The chosen API's base URL: the string-to-sign is laid out with it.
  const baseUrl = partner ? partnerInfo?.baseUrl : envInfo?.baseUrl;
  const demoKeys = session.data?.demoKeys ?? NO_DEMO_KEYS;
  const nameKey = useCallback((keyId: string) => keyName(keyId, demoKeys), [demoKeys]);

  const doSend = (request: SendRequest) => {
    announce(`Sending ${request.method} ${request.path}…`);
    // Every send is named, so that a long one can be watched and cancelled.
    const sendId = newSendId();
    setFlight({ sendId, watching: false });
    const watch = setTimeout(
      () => setFlight((f) => (f?.sendId === sendId ? { sendId, watching: true } : f)),
      WATCH_AFTER_MS,
    );
    cancel.reset();
    send.mutate(
      { ...request, sendId },
      {
        onSettled: () => {
          clearTimeout(watch);
          setFlight((f) => (f?.sendId === sendId ? null : f));
        },
        onSuccess: (result) => {
          captures.run(result);
          setTabRequest(null);
          setShown({ id: result.id, origin: 'send' });
          layout.current?.revealResponse();
          announce(`Sent ${describeResult(result)}`);
        },
        onError: (error) => {
          setShown(null);
          announce(`Could not send ${request.method} ${request.path}: ${error.message}`);
        },
      },
    );
  };

  const cancelSend = () => {
    if (!flight) return;
    cancel.mutate(flight.sendId, {
      onSuccess: () => announce('Cancelling the send…'),
      // It ended first (a 404): its own answer is on its way.
      onError: (e) => announce(`Could not cancel: ${e.message}`),
    });
  };

  /**
   * The draft to sign and send, its {{variables}} expanded; null (with the problems said at their
   * fields) when one cannot be.
   */
  const expandedOrProblems = (values: ComposerValues) => {
    const expanded = expansion.expand(draftFromForm(values));
    setVariableProblems(expanded.problems);
    if (expanded.ok) return expanded.draft;
    const atPath = expanded.problems.find((p) => p.field === 'path');
    if (atPath) form.setError('path', { type: 'variables', message: atPath.message }, { shouldFocus: true });
    announce(`Not sent: ${expanded.problems.map((p) => p.message).join(' ')}`);
    return null;
  };

  const requestSend = () => {
    if (send.isPending) return;
    void form.handleSubmit(
      (values) => {
        const expanded = expandedOrProblems(values);
        if (!expanded) return;
        const savedRequestId = expansion.savedRequestId();
        const draft = savedRequestId === undefined ? expanded : { ...expanded, savedRequestId };
        confirmSend({ ...expanded, action: null }, (confirmed) =>
          doSend(confirmed ? { ...draft, confirm: true } : draft),
        );
      },
      () => announce('Some fields need attention before sending.'),
    )();
  };
  useShortcut('send', 'Send the request (works inside the body editor too)', requestSend, active);

  // Copy as cURL: signed now; a production mutation only after the same question as Send.
  const requestCopy = () => {
    if (copy.isPending) return;
    void form.handleSubmit(
      (values) => {
        const draft = expandedOrProblems(values);
        if (!draft) return;
        confirmSend({ ...draft, action: 'Copy as cURL: signed now, not sent', purpose: 'sign' }, (confirmed) =>
          copy.mutate(
            { draft, confirm: confirmed },
            {
              onSuccess: ({ signed }) => {
                const text = `Copied ${signed.method} ${draft.path} as cURL, signed for timestamp ${signed.timestamp}. ${describeWindow(signed.timestamp, Date.now(), (ms) => new Date(ms).toLocaleTimeString())}`;
                setCopyNote({ text, error: false });
                announce(text);
              },
              onError: (error) => {
                const text = `Could not copy as cURL: ${error.message}`;
                setCopyNote({ text, error: true });
                announce(text);
              },
            },
          ),
        );
      },
      () => announce('Some fields need attention before the request can be signed.'),
    )();
  };

  const onSelectHistory = (id: number) => {
    send.reset();
    // A plain pick opens the entry on its Body tab; only the duration link asks for Timing.
    setTabRequest(null);
    setShown({ id, origin: 'history' });
    setSigningView('sent');
    if (comparing && comparing.right === null && id !== comparing.left) {
      setComparing({ left: comparing.left, right: id });
      announce(`Comparing #${comparing.left} and #${id}.`);
    }
    layout.current?.revealResponse();
  };

  // The duration in a history row: that entry, on its Timing tab.
  const onShowTiming = (id: number) => {
    onSelectHistory(id);
    timingSeq.current += 1;
    setTabRequest({ tab: 'timing', seq: timingSeq.current });
  };

  const onCompare = (picked: RelayResult) => {
    setComparing({ left: picked.id, right: null });
    announce(`Comparing #${picked.id}: pick another entry in the history to compare it with.`);
  };

  const diagnose = (picked: RelayResult) => {
    if (!onDiagnose) return;
    if (picked.scheme === 'partner') {
      // The Partner API: checked with the public key, the demo partner it was signed by on the mock.
      const partnerDemo = session.data?.partnerDemoKeys.find((k) => k.id === picked.keyId)?.id;
      onDiagnose(
        {
          scheme: 'partner',
          environment: picked.environment,
          capture: captureFromSent(picked),
          ...(picked.environment === 'mock' && partnerDemo ? { partnerKey: partnerDemo } : {}),
        },
        picked,
      );
      return;
    }
    const demo = demoKeys.find((k) => k.keyId === picked.keyId)?.id;
    onDiagnose(
      {
        environment: picked.environment,
        capture: captureFromSent(picked),
        ...(picked.environment === 'mock' && demo ? { demoKey: demo } : {}),
      },
      picked,
    );
  };

  // Load into composer: the request with the environment, key and timestamp settings it was sent with.
  const onLoadHistory = (loaded: RelayResult) => {
    const values = valuesFromEntry(loaded, form.getValues(), (keyId) => nameKey(keyId).demoKey);
    form.reset(values);
    setSigningView('live');
    layout.current?.revealComposer();
    const key = nameKey(loaded.keyId);
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
    captures.run(result);
    send.reset();
    setShown({ id: result.id, origin: 'history' });
    setSigningView('sent');
    layout.current?.revealResponse();
    announce(`${result.kind === 'replay' ? 'Replayed' : 'Re-sent'} ${describeResult(result)}`);
  };

  // "New request from history" and "Save to collection": the entry's request in a new tab (then saved).
  const openEntryInTab = (picked: RelayResult): string => {
    const id = tabs.newId();
    tabs.dispatch({ type: 'open', id, draft: draftFromEntry(picked, nameKey(picked.keyId).demoKey ?? undefined) });
    setSigningView('live');
    layout.current?.revealComposer();
    announce(`Opened ${picked.request.method} ${picked.request.path} from history #${picked.id} in a new tab.`);
    return id;
  };

  const onCurlImport = ({ fields, environment: target, summary }: ImportOutcome) => {
    form.reset(valuesFromImport(fields, target, form.getValues()));
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
  const production = environment === 'production';

  const bar = session.isError ? (
    <p
      role="alert"
      className="rounded-lg border border-env-production/40 bg-env-production-soft/50 p-3 text-sm text-env-production-ink dark:bg-env-production/10 dark:text-env-production-night"
    >
      The playground server did not answer: {session.error.message}
    </p>
  ) : partner && partnerInfo ? (
    <PartnerBar
      info={partnerInfo}
      demoPartners={session.data?.partnerDemoKeys ?? NO_DEMO_PARTNERS}
      partnerKey={partnerKey}
      onPartnerKeyChange={(key) => form.setValue('partnerKey', key)}
    />
  ) : envInfo ? (
    <EnvironmentBar
      info={envInfo}
      demoKeys={demoKeys}
      demoKey={demoKey}
      onDemoKeyChange={(key) => form.setValue('demoKey', key)}
      {...(onMockReset ? { onMockReset } : {})}
    />
  ) : (
    <div aria-hidden="true" className="h-[38px] animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
  );

  return (
    <main className={`relative min-h-0 flex-1 ${active ? 'flex' : 'hidden'}`}>
      <WorkbenchLayout
        ref={layout}
        active={active}
        slots={{
          aboveComposer: (
            <>
              <TabStrip
                store={tabs}
                newDraft={() => workspaceDraftFromValues(defaultComposerValues())}
                actions={<SaveControls store={tabs} onSaveAs={setSavingTab} />}
              />
              {savingTab !== null && (
                <SaveTabDialog store={tabs} tabId={savingTab} onClose={() => setSavingTab(null)} />
              )}
            </>
          ),
          bar,
          composer: (
            <div className="relative rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
              <CurlImportLauncher
                environments={
                  (partner ? session.data?.partnerEnvironments : session.data?.environments) ?? NO_ENVIRONMENTS
                }
                basePath={schemeOf(scheme).basePath}
                onImport={onCurlImport}
              />
              <Composer
                form={form}
                onSend={requestSend}
                sending={send.isPending}
                danger={production}
                computedHeaders={<ComputedHeadersSlot feed={feed} />}
                copyCurl={{ onCopy: requestCopy, pending: copy.isPending, note: copyNote }}
                schemeOptions={
                  partner ? (
                    <Suspense fallback={null}>
                      <FreshnessOptions
                        freshness={freshness}
                        nonce={nonce}
                        onFreshnessChange={(next) => form.setValue('freshness', next)}
                        onNonceChange={(next) => form.setValue('nonce', next)}
                      />
                    </Suspense>
                  ) : null
                }
                paramSuggestions={suggestParam}
              />
              <VariableProblems problems={variableProblems} onDismiss={() => setVariableProblems([])} />
            </div>
          ),
          signing: (
            <LiveSigning
              form={form}
              feed={feed}
              expansion={expansion}
              baseUrl={baseUrl}
              entry={shownResult}
              view={signingView}
              onViewChange={setSigningView}
            />
          ),
          response: (
            <>
              {comparing && (
                <ComparisonSlot
                  comparing={comparing}
                  left={compareLeft.data ?? null}
                  right={compareRight.data ?? null}
                  onClose={() => setComparing(null)}
                />
              )}
              <ShownResponse
                control={form.control}
                result={shownResult}
                pending={responsePending}
                error={sendError}
                demoKeys={demoKeys}
                tabRequest={tabRequest}
                progress={
                  send.isPending && flight?.watching
                    ? { data: progress.data ?? null, onCancel: cancelSend, cancelling: cancel.isPending }
                    : null
                }
              />
              {captures.note && captures.note.entryId === shownResult?.id && (
                <p
                  role="status"
                  className={`rounded-lg border px-3 py-2 text-xs ${captures.note.failed ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200' : 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200'}`}
                >
                  {captures.note.text}
                </p>
              )}
              <Suspense fallback={null}>
                <SetAsVariable result={shownResult} />
              </Suspense>
              <Suspense fallback={null}>
                <BundleTools entry={shownResult} />
              </Suspense>
            </>
          ),
          history: (
            <WorkbenchSidebar
              store={tabs}
              environment={environment}
              onShowEntry={onSelectHistory}
              history={
                <Suspense fallback={<HistoryLoading headerAction={<HistoryToggleButton />} />}>
                  <HistorySidebar
                    onNewTab={(picked) => void openEntryInTab(picked)}
                    onSaveToCollection={(picked) => setSavingTab(openEntryInTab(picked))}
                    selectedId={shown?.id ?? null}
                    onSelect={onSelectHistory}
                    onLoad={onLoadHistory}
                    onResult={onHistoryResult}
                    keyName={nameKey}
                    confirmSend={confirmSend}
                    headerAction={<HistoryToggleButton />}
                    onShowTiming={onShowTiming}
                    onDiagnose={onDiagnose ? diagnose : undefined}
                    onCompare={onCompare}
                  />
                </Suspense>
              }
            />
          ),
        }}
      />
    </main>
  );
}

/** Two history entries compared, or the note that asks for the second one. */
function ComparisonSlot({
  comparing,
  left,
  right,
  onClose,
}: {
  comparing: NonNullable<Comparing>;
  left: RelayResult | null;
  right: RelayResult | null;
  onClose: () => void;
}) {
  if (comparing.right !== null && left && right)
    return (
      <Suspense fallback={<p className="text-sm text-slate-600 dark:text-slate-400">Loading the comparison…</p>}>
        <CompareView left={left} right={right} onClose={onClose} />
      </Suspense>
    );
  return (
    <p
      role="status"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100"
    >
      {comparing.right === null
        ? `Comparing #${comparing.left}: pick another entry in the history.`
        : 'Loading the two entries…'}
      <Button size="sm" className="ml-auto" onClick={onClose}>
        Cancel comparison
      </Button>
    </p>
  );
}

/** The computed headers beside the added ones, with the values of the draft the feed last settled. */
function ComputedHeadersSlot({ feed }: { feed: DraftFeed }) {
  return <ComputedHeaders settled={useSettledDraft(feed)} />;
}

/**
 * The Response panel, told which request it shows and whether that is still the composer's: it
 * watches only what decides that (environment, operation, method, path), so typing in the body
 * does not redraw it.
 */
function ShownResponse({
  control,
  result,
  pending,
  error,
  demoKeys,
  tabRequest,
  progress,
}: {
  control: FormStore<ComposerValues>;
  result: RelayResult | null;
  pending: boolean;
  error: ApiRequestError | null;
  demoKeys: readonly DemoKeyInfo[];
  tabRequest: ResponsePanelProps['tabRequest'];
  progress: ResponsePanelProps['progress'];
}) {
  const [environment, operationId, method, customMethod, path] = useWatch({
    control,
    name: ['environment', 'operationId', 'method', 'customMethod', 'path'],
  });
  const notCurrent = useMemo(() => {
    if (!result) return null;
    const { method: sentMethod, path: sentPath } = result.request;
    return notCurrentReason(
      {
        environment: result.environment,
        operationId: matchOperation(sentMethod, sentPath, result.scheme)?.operation.id ?? '',
        method: sentMethod,
        path: sentPath,
      },
      { environment, operationId, method: effectiveMethod({ method, customMethod }), path },
    );
  }, [result, environment, operationId, method, customMethod, path]);
  const key = useMemo(() => (result ? keyName(result.keyId, demoKeys) : null), [result, demoKeys]);
  return (
    <Suspense fallback={<ResponsePlaceholder />}>
      <ResponsePanel
        result={result}
        pending={pending}
        error={error}
        keyName={key}
        notCurrent={notCurrent}
        tabRequest={tabRequest}
        progress={progress}
      />
    </Suspense>
  );
}

/** The Response panel's frame while its code loads (the page has just opened). */
function ResponsePlaceholder() {
  return (
    <section
      aria-label="Response"
      aria-busy="true"
      className="rounded-lg border border-slate-200 bg-white p-3 text-slate-900 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 className="text-sm font-semibold">Response</h2>
    </section>
  );
}

/**
 * The signing panel and the snippets, fed by the form: the draft as typed through useWatch (so that
 * only they re-render as the person types), the draft to sign through the page's draft feed, which
 * hears the form's change event itself and starts the signing request before React renders the keystroke.
 */
function LiveSigning({
  form,
  feed,
  expansion,
  baseUrl,
  entry,
  view,
  onViewChange,
}: {
  form: FormStore<ComposerValues>;
  feed: DraftFeed;
  expansion: ExpansionSource;
  baseUrl: string | undefined;
  entry: RelayResult | null;
  view: SigningPanelView;
  onViewChange: (v: SigningPanelView) => void;
}) {
  const values = useWatch({ control: form.control }) as ComposerValues;
  // Laid out as it will be signed: with its variables expanded.
  const variablesVersion = useExpansionVersion(expansion);
  const expanded = useMemo(
    () => expansion.expand(draftFromForm(values)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for the variables the source holds
    [values, expansion, variablesVersion],
  );
  const draft = expanded.draft;
  // The marks of this very expansion (what expansion.marks would find for it, without looking it up
  // by the draft's JSON: a copy of a 100 KB body at every keystroke).
  const markSegments = useCallback(
    (segments: Parameters<ExpansionSource['marks']>[1]) => marksInSegments(expanded, segments),
    [expanded],
  );
  const settled = useSettledDraft(feed);
  return (
    <>
      {values.scheme === 'partner' && (
        <Suspense fallback={null}>
          <PartnerPayloadNote />
        </Suspense>
      )}
      <SigningPanel
        draft={draft}
        settled={settled}
        baseUrl={baseUrl}
        entry={entry}
        view={view}
        onViewChange={onViewChange}
        markSegments={markSegments}
      />
      <SnippetsPanel draft={settled} entry={view === 'sent' ? entry : null} />
    </>
  );
}
