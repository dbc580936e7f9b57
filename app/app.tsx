/**
 * The page: composes the features. The draft being composed lives in one form (lib/form-store.ts)
 * (environment and demo key included); server state lives in TanStack Query; every way of sending
 * asks the one production question (lib/confirm-send.ts).
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useForm, useWatch, type FormStore } from './lib/form-store.ts';
import type { BundleEntry } from '../core/bundle/index.ts';
import type { DoctorRequest, Environment, RelayResult, RequestDraft, WorkspaceDraft } from '../core/contract.ts';
import type { SchemeId } from '../core/schemes.ts';
import { LiveRegion } from './components/live-region.tsx';
import { ShortcutsButton } from './components/shortcut-help.tsx';
import { ThemeSwitch } from './components/theme-switch.tsx';
import { BundleDrop } from './features/bundles/components/bundle-drop.tsx';
import {
  defaultComposerValues,
  draftFromForm,
  valuesForScheme,
  type ComposerValues,
} from './features/composer/form.ts';
import type { DoctorPrefill } from './features/doctor/components/doctor-view.tsx';
import { valuesFromWorkspaceDraft, workspaceDraftFromValues } from './features/composer/workspace-draft.ts';
import { EnvironmentSwitcher } from './features/environments/components/environment-switcher.tsx';
import { ProductionBanner } from './features/environments/components/production-banner.tsx';
import { ENVIRONMENT_LABEL } from './features/environments/environment-style.ts';
import { deferred } from './lib/deferred.ts';
import { ViewSwitch } from './features/navigation/components/view-switch.tsx';
import { SchemeSwitch } from './features/partner/components/scheme-switch.tsx';
import { useView } from './features/navigation/use-view.ts';
import { SaveDraftDialog } from './features/workbench/components/save-controls.tsx';
import { draftFromRequest } from './features/workbench/saved.ts';
import { useTabStore, type DraftPort } from './features/workbench/tab-store.ts';
import { announce } from './lib/announce.ts';
import { useConfirmSend } from './lib/confirm-send.ts';
import { useSession } from './lib/queries.ts';
import { PlaygroundView } from './playground-view.tsx';

// Asked only before a production send; not part of the first screen's JavaScript.
const ConfirmSendQuestion = deferred(() =>
  import('./features/environments/components/confirm-send-dialog.tsx').then((m) => m.ConfirmSendQuestion),
);

// Views off the first screen load when first shown, so their code (and the zod schemas that bundle
// import needs) stays out of the first-screen JavaScript.
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

function LazyView({ children }: { children: React.ReactNode }) {
  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <Suspense
        fallback={
          <p role="status" className="p-4 text-sm text-slate-500 dark:text-slate-400">
            Loading…
          </p>
        }
      >
        {children}
      </Suspense>
    </main>
  );
}

/** "Skip to composer": the composer's first field (Endpoint) takes the focus. */
function SkipLink() {
  return (
    <a
      href="#request-composer"
      onClick={(e) => {
        e.preventDefault();
        document
          .getElementById('request-composer')
          ?.querySelector<HTMLElement>('select, input, textarea, button')
          ?.focus();
      }}
      className="sr-only rounded-md bg-sky-700 text-sm font-semibold text-white shadow-lg focus:not-sr-only focus:absolute focus:top-1.5 focus:left-2 focus:z-50 focus:px-3 focus:py-1.5 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
    >
      Skip to composer
    </a>
  );
}

function chooseEnvironment(form: FormStore<ComposerValues>, next: Environment): void {
  form.setValue('environment', next);
  announce(
    `Environment: ${ENVIRONMENT_LABEL[next]}${next === 'production' ? '. Requests go to the live Qredo API.' : ''}`,
  );
}

/** The other API: its catalogue and keys; the environment stays, the composed request is the new API's first. */
function chooseScheme(form: FormStore<ComposerValues>, next: SchemeId): void {
  form.reset(valuesForScheme(form.getValues(), next));
  announce(
    next === 'partner'
      ? 'API: Partner API. Signed with RSA over x-timestamp + URL + body, no method.'
      : 'API: Qredo API v1. Signed with HMAC over timestamp + method + URL + body.',
  );
}

export function App() {
  const [view, go] = useView();
  const session = useSession();
  const form = useForm<ComposerValues>(defaultComposerValues());
  const environment = useWatch({ control: form.control, name: 'environment' });
  const scheme = useWatch({ control: form.control, name: 'scheme' });
  // The request tabs: the form holds the active tab's draft; the others wait in the tab store.
  const port = useMemo<DraftPort>(
    () => ({
      read: () => workspaceDraftFromValues(form.getValues()),
      write: (draft) => form.reset(valuesFromWorkspaceDraft(draft)),
      subscribe: (onChange) => form.subscribe(onChange),
    }),
    [form],
  );
  const tabs = useTabStore(port);
  const { confirmSend, asking, answer } = useConfirmSend();
  const production = environment === 'production';
  // The Feed view stays mounted from its first showing, so its stream and timelines outlive a trip to
  // the composer (to send the transaction it is watching).
  const [feedUsed, setFeedUsed] = useState(false);
  if (view === 'feed' && !feedUsed) setFeedUsed(true);
  const [mockResetAt, setMockResetAt] = useState<number | null>(null);
  // A request handed to the doctor ("Diagnose" on a history or bundle entry); `doctorSeq` mounts the
  // doctor anew for each hand-over, and the hand-over is dropped once taken.
  const [doctorPrefill, setDoctorPrefill] = useState<DoctorPrefill | null>(null);
  const [doctorSeq, setDoctorSeq] = useState(0);
  // A history entry to show in the playground (a bundle re-run's link to the entry it recorded).
  const [showEntry, setShowEntry] = useState<{ id: number; seq: number } | null>(null);

  const diagnose = (request: DoctorRequest, source: RelayResult | BundleEntry, label: string) => {
    const seq = doctorSeq + 1;
    setDoctorSeq(seq);
    setDoctorPrefill({ request, source, label, seq });
    go('doctor');
    announce(`Diagnosing ${label} in the signature doctor.`);
  };

  // "New request from this" (the doctor's corrected request, a bundle entry): in a tab of its own, so
  // the draft being composed stays as it was in its tab; Send signs it again with a fresh timestamp.
  const newRequestFrom = (request: RequestDraft, from: string) => {
    // As the composer will hold it (its catalogue operation found), so that the new tab opens unchanged.
    const draft = workspaceDraftFromValues(valuesFromWorkspaceDraft(draftFromRequest(request)));
    tabs.dispatch({ type: 'open', id: tabs.newId(), draft });
    go('playground');
    announce(
      `Opened ${request.method} ${request.path} from ${from} in a new tab (${ENVIRONMENT_LABEL[request.environment]}): Send signs it again now.`,
    );
  };
  // "Save to collection…" there: the same dialog as for a tab, over the view it was asked from.
  const [saving, setSaving] = useState<{ draft: WorkspaceDraft; onSaved: (name: string) => void } | null>(null);
  const saveToCollection = (request: RequestDraft, onSaved: (name: string) => void) =>
    setSaving({ draft: draftFromRequest(request), onSaved });

  const openHistoryEntry = (id: number) => {
    setShowEntry({ id, seq: (showEntry?.seq ?? 0) + 1 });
    go('playground');
    announce(`Showing history #${id}.`);
  };

  return (
    <div
      className={`relative flex h-screen flex-col overflow-hidden ${production ? 'bg-env-production-soft/30 dark:bg-env-production/5' : ''}`}
    >
      {view === 'playground' && <SkipLink />}
      {production && <ProductionBanner />}
      {/* One row when it fits (a second for the switches when not, never cut off); on a phone, title and theme, then the views, then the environments. */}
      <header
        className={
          'flex shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b bg-white px-4 py-2 md:min-h-12 md:py-1.5 dark:bg-slate-900 ' +
          (production ? 'border-b-2 border-env-production' : 'border-slate-200 dark:border-slate-800')
        }
      >
        <div className="flex shrink-0 items-center gap-2">
          <img src="/favicon.svg" alt="" className="size-6" />
          <h1 className="text-sm font-semibold tracking-tight whitespace-nowrap">
            Qredo API Playground
            {session.data && (
              <span className="ml-2 hidden font-mono text-[11px] font-normal text-slate-400 xl:inline">
                v{session.data.version}
              </span>
            )}
          </h1>
        </div>
        <div className="order-3 max-md:basis-full md:order-none">
          <ViewSwitch current={view} showBundle={false} />
        </div>
        <div className="order-4 flex flex-wrap items-center gap-2 max-md:basis-full md:order-none md:flex-nowrap">
          <SchemeSwitch value={scheme} onChange={(next) => chooseScheme(form, next)} />
          <EnvironmentSwitcher
            value={environment}
            onChange={(next) => chooseEnvironment(form, next)}
            environments={scheme === 'partner' ? session.data?.partnerEnvironments : session.data?.environments}
          />
        </div>
        <div className="order-2 ml-auto flex items-center gap-1 md:order-none">
          <ShortcutsButton />
          <ThemeSwitch />
        </div>
      </header>

      {view === 'doctor' && (
        <LazyView>
          <DoctorView
            key={doctorSeq}
            prefill={doctorPrefill}
            onPrefillTaken={() => setDoctorPrefill(null)}
            onNewRequest={(request) => newRequestFrom(request, 'the signature doctor')}
            onSaveToCollection={saveToCollection}
          />
        </LazyView>
      )}
      {view === 'walkthrough' && (
        <LazyView>
          <WalkthroughView draft={draftFromForm(form.getValues())} />
        </LazyView>
      )}
      {view === 'bundle' && (
        <LazyView>
          <ImportedBundleView
            confirmSend={confirmSend}
            onDiagnose={(request, entry, index) => diagnose(request, entry, `bundle entry ${index + 1}`)}
            onShowEntry={openHistoryEntry}
            onNewRequest={(request, index) => newRequestFrom(request, `bundle entry ${index + 1}`)}
            onSaveToCollection={saveToCollection}
          />
        </LazyView>
      )}
      {feedUsed && (
        <main className={`min-h-0 flex-1 overflow-y-auto ${view === 'feed' ? '' : 'hidden'}`}>
          <Suspense fallback={null}>
            <FeedView mockResetAt={mockResetAt} scheme={scheme} />
          </Suspense>
        </main>
      )}
      <PlaygroundView
        form={form}
        tabs={tabs}
        active={view === 'playground'}
        confirmSend={confirmSend}
        onMockReset={() => setMockResetAt(Date.now())}
        onDiagnose={(request, source) => diagnose(request, source, `history #${source.id}`)}
        showEntry={showEntry}
      />

      {saving && (
        <SaveDraftDialog
          draft={saving.draft}
          onClose={() => setSaving(null)}
          onSaved={(saved) => {
            saving.onSaved(saved.name);
            setSaving(null);
          }}
        />
      )}
      <Suspense fallback={null}>
        <ConfirmSendQuestion request={asking} onAnswer={answer} />
      </Suspense>
      <BundleDrop />
      <LiveRegion />
    </div>
  );
}
