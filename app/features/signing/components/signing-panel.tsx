import { memo, useMemo } from 'react';
import type { RelayResult, RequestDraft, StringToSignView as StringToSign } from '../../../../core/contract.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { signedOnlyOnSend } from '../../../lib/queries.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useSignPreview } from '../api/sign-preview.ts';
import { layOut, layoutTimestamp, previewState } from '../preview-state.ts';
import { SignatureView } from './signature-view.tsx';
import { StringToSignView, type SegmentMark } from './string-to-sign-view.tsx';

export type SigningPanelView = 'live' | 'sent';

export interface SigningPanelProps {
  /** The draft as the person types it: laid out at once. */
  draft: RequestDraft;
  /** The draft as it settles (useDraftFeed): what is signed. The draft itself when not given. */
  settled?: RequestDraft;
  /** The environment's base URL (from the session): the string-to-sign is laid out with it. */
  baseUrl?: string;
  /** A history entry to show "as sent", when one is selected. */
  entry: RelayResult | null;
  view: SigningPanelView;
  onViewChange: (view: SigningPanelView) => void;
  /** Where {{variables}} expanded in the live string-to-sign, given its segments. */
  markSegments?: (segments: StringToSign['segments']) => readonly SegmentMark[];
}

const panel = 'rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900';
const heading = 'text-sm font-semibold text-slate-800 dark:text-slate-100';

/**
 * The live signing panel: what will be signed (or what was), and the resulting signature and headers.
 * One path: the string-to-sign is laid out here from the draft at every keystroke, and the signature
 * comes from one query keyed on the settled draft, whose request the draft feed started from the
 * form's change event already. What is shown is decided in preview-state.ts.
 */
export const SigningPanel = memo(function SigningPanel({
  draft,
  settled = draft,
  baseUrl,
  entry,
  view,
  onViewChange,
  markSegments,
}: SigningPanelProps) {
  const showingSent = view === 'sent' && entry !== null;
  const live = !showingSent;
  const sendOnly = signedOnlyOnSend(draft);
  const query = useSignPreview(live && !signedOnlyOnSend(settled) ? settled : null);
  const nowMs = useNow(1000);
  const latest = query.data ?? null;
  const timestamp = layoutTimestamp(draft, latest, nowMs);
  // Laid out again only when what it is made of changes: not when an answer repeats the timestamp.
  const laidOut = useMemo(() => layOut(draft, baseUrl, timestamp), [draft, baseUrl, timestamp]);
  const state = useMemo(
    () =>
      previewState({
        draft: draft,
        laidOut,
        answer: latest,
        answered: query.isPlaceholderData ? null : settled,
        error: query.error,
        signedOnlyOnSend: sendOnly,
        sent: showingSent ? entry : null,
      }),
    [draft, laidOut, latest, query.isPlaceholderData, query.error, settled, sendOnly, showingSent, entry],
  );
  const signing = state.kind === 'live' && !state.current;
  const signed = state.kind === 'live' || state.kind === 'sent' ? state.signed : null;
  const stringToSign = state.kind === 'error' ? null : state.stringToSign;
  // Found again only for other bytes: a signature arriving for the laid-out string does not redraw it.
  const marks = useMemo(
    () => (live && markSegments && stringToSign ? markSegments(stringToSign.segments) : undefined),
    [live, markSegments, stringToSign],
  );
  const atSendTime =
    state.kind === 'sent'
      ? false
      : state.kind === 'live' && state.current && signed
        ? signed.timestampAtSendTime
        : draft.timestamp === undefined;

  return (
    <div className="space-y-3">
      <section aria-label="String to sign" className={panel}>
        <div className="mb-2 flex flex-wrap items-center gap-2">
          <h2 className={heading}>String to sign</h2>
          <div
            role="group"
            aria-label="Which signature to show"
            className="ml-2 flex gap-0.5 rounded-md bg-slate-100 p-0.5 text-xs dark:bg-slate-800"
          >
            <ViewTab selected={!showingSent} onClick={() => onViewChange('live')}>
              Live preview
            </ViewTab>
            <ViewTab selected={showingSent} disabled={entry === null} onClick={() => onViewChange('sent')}>
              {entry ? `As sent (#${entry.id})` : 'As sent'}
            </ViewTab>
          </div>
          {/* Always in the layout (only hidden), so that it appearing at each keystroke moves nothing. */}
          <span
            className={`text-[11px] text-slate-400 ${signing ? '' : 'invisible'}`}
            aria-hidden="true"
            title="Laid out in the page as you type; the server signs it and its timestamp replaces the page's clock."
          >
            signing…
          </span>
        </div>
        <TimestampNote
          showingSent={showingSent}
          shown={stringToSign !== null}
          atSendTime={atSendTime}
          nonce={draft.scheme === 'partner' ? draft.nonce : undefined}
          entry={entry}
        />
        {state.kind === 'error' ? (
          <SignError error={state.error} />
        ) : stringToSign ? (
          <StringToSignView value={stringToSign} {...(marks ? { marks } : {})} />
        ) : (
          <Skeleton />
        )}
      </section>

      <section aria-label="Signature" aria-busy={signing || undefined} className={panel}>
        <h2 className={`${heading} mb-1`}>Signature</h2>
        {state.kind === 'send-only' ? (
          <p className="text-xs text-slate-600 dark:text-slate-300">
            A {draft.method.toUpperCase()} to production is signed only when you send it, after you confirm: a signature
            made ahead of time could be used to move funds. The string to sign above is exactly what will be signed,
            with the time of sending.
          </p>
        ) : signed ? (
          <div className={signing ? 'opacity-50' : undefined}>
            <p
              className="mb-1 truncate font-mono text-[11px] text-slate-500 dark:text-slate-400"
              title={`${signed.method} ${signed.url}`}
            >
              {signed.method} {signed.url}
              {draft.scheme === 'partner' && <span className="font-sans"> · the method is sent, not signed</span>}
            </p>
            <SignatureView view={signed} />
          </div>
        ) : state.kind === 'error' ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">No signature until the request can be signed.</p>
        ) : (
          <Skeleton lines={3} />
        )}
      </section>
    </div>
  );
});

function ViewTab({
  selected,
  disabled,
  onClick,
  children,
}: {
  selected: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={selected}
      disabled={disabled}
      onClick={onClick}
      className="h-6 rounded px-2 font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-40 aria-pressed:bg-white aria-pressed:text-slate-900 aria-pressed:shadow-sm dark:text-slate-300 dark:hover:text-white dark:aria-pressed:bg-slate-700 dark:aria-pressed:text-white"
    >
      {children}
    </button>
  );
}

function TimestampNote({
  showingSent,
  shown,
  atSendTime,
  nonce,
  entry,
}: {
  showingSent: boolean;
  shown: boolean;
  atSendTime: boolean;
  /** A Partner API draft signed with a nonce: the nonce as typed ('' for a fresh one on every send). */
  nonce: string | undefined;
  entry: RelayResult | null;
}) {
  if (showingSent && entry) {
    return (
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
        Exactly as signed and sent ({entry.kind}) at {new Date(entry.createdAt).toLocaleString()}.
      </p>
    );
  }
  if (!shown) return <p className="mb-2 min-h-4 text-xs" />;
  if (nonce !== undefined)
    return (
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
        {nonce === '' ? (
          <>
            <span className="font-medium">Fresh nonce on every send:</span> this preview signs a nonce of its own; Send
            makes a new one.
          </>
        ) : (
          <>
            <span className="font-medium">Nonce as typed:</span> Send signs exactly this string; the mock refuses a
            nonce it has seen.
          </>
        )}
      </p>
    );
  return atSendTime ? (
    <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
      <span className="font-medium">Timestamp at send time:</span> this preview uses the current time; Send signs again,
      with its own.
    </p>
  ) : (
    <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
      <span className="font-medium">Pinned timestamp:</span> Send signs exactly this string, so it sends this signature.
    </p>
  );
}

function SignError({ error }: { error: Error }) {
  const issues = error instanceof ApiRequestError ? error.issues : [];
  return (
    <div
      role="alert"
      className="rounded-md border border-env-production/40 bg-env-production-soft/50 p-3 text-sm text-env-production-ink dark:bg-env-production/10 dark:text-env-production-night"
    >
      <p className="font-medium">
        {error instanceof ApiRequestError && error.code === 'no-credentials'
          ? 'No key to sign with in this environment.'
          : 'This request cannot be signed as it is.'}
      </p>
      <p className="mt-1">{error.message}</p>
      {issues.length > 0 && (
        <ul className="mt-1 list-disc pl-5 text-xs">
          {issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Skeleton({ lines = 2 }: { lines?: number }) {
  return (
    <div aria-hidden="true" className="space-y-2 py-1">
      {Array.from({ length: lines }, (_, i) => (
        <div
          key={i}
          className="h-4 animate-pulse rounded bg-slate-100 dark:bg-slate-800"
          style={{ width: `${90 - i * 15}%` }}
        />
      ))}
    </div>
  );
}
