import { memo, useMemo } from 'react';
import type { RelayResult, RequestDraft, StringToSignView as StringToSign } from '../../../../core/contract.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { signedOnlyOnSend, useSignPreview } from '../api/sign-preview.ts';
import { provisionalStringToSign } from '../provisional.ts';
import { viewFromEntry, viewFromPreview, type SignedView } from '../signed-view.ts';
import { SignatureView } from './signature-view.tsx';
import { StringToSignView } from './string-to-sign-view.tsx';

export type SigningPanelView = 'live' | 'sent';

export interface SigningPanelProps {
  /** The draft as the person types it; the server is asked to sign each version of it. */
  draft: RequestDraft;
  /**
   * The environment's base URL (from the session). When known, the string-to-sign is laid out in the
   * page at once, marked provisional until the server's answer replaces it.
   */
  baseUrl?: string;
  /** A history entry to show "as sent", when one is selected. */
  entry: RelayResult | null;
  view: SigningPanelView;
  onViewChange: (view: SigningPanelView) => void;
}

const panel = 'rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900';
const heading = 'text-sm font-semibold text-slate-800 dark:text-slate-100';

/**
 * The live signing panel: what will be signed (or what was), and the resulting signature and headers.
 *
 * Until the server has answered for the draft, the string-to-sign is laid out here from the draft
 * itself (provisional, with the page's clock for a send-time timestamp); the server's answer then
 * replaces it, and is the truth wherever the two differ. The Signature region only ever shows what the
 * server answered: while a newer draft is being signed, the previous signature stays, dimmed and
 * marked busy. (The page hands a new draft over once it is signed, or after a short wait: see
 * useShownDraft.)
 */
export const SigningPanel = memo(function SigningPanel({
  draft,
  baseUrl,
  entry,
  view,
  onViewChange,
}: SigningPanelProps) {
  const live = view === 'live';
  const preview = useSignPreview(live ? draft : null);
  const onSendOnly = live && signedOnlyOnSend(draft);
  const showingSent = view === 'sent' && entry !== null;
  const { method, path, body, timestamp, timestampUnit } = draft;
  // The server's answer for exactly this draft, when it has come (otherwise an earlier one, or none).
  const answer = preview.data && !preview.isPlaceholderData && !preview.isError ? preview.data : null;
  const waiting = answer === null;
  const provisional = useMemo(
    // A send-time preview is made of the current time by design (the server reads its clock too);
    // memoised on the draft, it is read once per change of what is signed, not on every render.
    // eslint-disable-next-line react-hooks/purity
    () => (live && waiting ? provisionalStringToSign(draft, baseUrl, Date.now()) : null),
    // What the string-to-sign is made of; the rest of the draft (environment, demo key) is not in it.
    // Not needed (not computed) once the server's answer is there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [live, waiting, baseUrl, method, path, body, timestamp, timestampUnit],
  );

  let signed: SignedView | null = null;
  let stringToSign: StringToSign | null = null;
  /** The server has not answered for this draft yet: the signature shown is an earlier one. */
  let stale = false;
  let provisionalShown = false;
  if (showingSent) {
    signed = viewFromEntry(entry);
    stringToSign = signed.stringToSign;
  } else if (!preview.isError) {
    if (preview.data) signed = viewFromPreview(preview.data);
    stale = answer === null && signed !== null && !onSendOnly;
    if (onSendOnly) signed = null;
    if (answer && signed) stringToSign = signed.stringToSign;
    else if (provisional) {
      stringToSign = provisional;
      provisionalShown = true;
    } else stringToSign = signed?.stringToSign ?? null;
  }
  const atSendTime = showingSent ? false : signed && !stale ? signed.timestampAtSendTime : timestamp === undefined;

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
            className={`text-[11px] text-slate-400 ${!showingSent && (preview.isFetching || stale) ? '' : 'invisible'}`}
            aria-hidden="true"
            title={
              provisionalShown
                ? 'Laid out in the page as you type; the server’s answer, with the signature, replaces it.'
                : undefined
            }
          >
            {provisionalShown ? 'provisional · signing…' : 'signing…'}
          </span>
        </div>
        <TimestampNote showingSent={showingSent} shown={stringToSign !== null} atSendTime={atSendTime} entry={entry} />
        {!showingSent && preview.isError ? (
          <SignError error={preview.error} />
        ) : stringToSign ? (
          <StringToSignView value={stringToSign} dimmed={stale && !provisionalShown} />
        ) : (
          <Skeleton />
        )}
      </section>

      <section aria-label="Signature" aria-busy={stale || undefined} className={panel}>
        <h2 className={`${heading} mb-1`}>Signature</h2>
        {signed ? (
          <div className={stale ? 'opacity-50' : undefined}>
            <p
              className="mb-1 truncate font-mono text-[11px] text-slate-500 dark:text-slate-400"
              title={`${signed.method} ${signed.url}`}
            >
              {signed.method} {signed.url}
            </p>
            <SignatureView view={signed} />
          </div>
        ) : !showingSent && onSendOnly ? (
          <p className="text-xs text-slate-600 dark:text-slate-300">
            A {draft.method.toUpperCase()} to production is signed only when you send it, after you confirm: a signature
            made ahead of time could be used to move funds. The string to sign above is exactly what will be signed,
            with the time of sending.
          </p>
        ) : !showingSent && preview.isError ? (
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
  entry,
}: {
  showingSent: boolean;
  shown: boolean;
  atSendTime: boolean;
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
  return atSendTime ? (
    <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
      <span className="font-medium">Timestamp at send time:</span> this preview uses the current time. Send signs again
      with the time of sending, so its timestamp and signature will differ from the ones below.
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
