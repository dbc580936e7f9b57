import type { RelayResult, RequestDraft } from '../../../../core/contract.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { useSignPreview } from '../api/sign-preview.ts';
import { viewFromEntry, viewFromPreview, type SignedView } from '../signed-view.ts';
import { SignatureView } from './signature-view.tsx';
import { StringToSignView } from './string-to-sign-view.tsx';

export type SigningPanelView = 'live' | 'sent';

export interface SigningPanelProps {
  /** The draft as the person types it; the preview follows it ~100 ms behind. */
  draft: RequestDraft;
  /** A history entry to show "as sent", when one is selected. */
  entry: RelayResult | null;
  view: SigningPanelView;
  onViewChange: (view: SigningPanelView) => void;
}

const panel = 'rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900';
const heading = 'text-sm font-semibold text-slate-800 dark:text-slate-100';

/** The live signing panel: what will be signed (or what was), and the resulting signature and headers. */
export function SigningPanel({ draft, entry, view, onViewChange }: SigningPanelProps) {
  const debounced = useDebouncedValue(draft, 100);
  const preview = useSignPreview(view === 'live' ? debounced : null);
  const showingSent = view === 'sent' && entry !== null;

  let signed: SignedView | null = null;
  if (showingSent) signed = viewFromEntry(entry);
  else if (preview.data && !preview.isError) signed = viewFromPreview(preview.data);
  const stale = !showingSent && preview.isPlaceholderData;

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
          {!showingSent && (preview.isFetching || stale) && (
            <span className="text-[11px] text-slate-400" aria-hidden="true">
              signing…
            </span>
          )}
        </div>
        <TimestampNote showingSent={showingSent} signed={signed} entry={entry} />
        {!showingSent && preview.isError ? (
          <SignError error={preview.error} />
        ) : signed ? (
          <StringToSignView value={signed.stringToSign} dimmed={stale} />
        ) : (
          <Skeleton />
        )}
      </section>

      <section aria-label="Signature" className={panel}>
        <h2 className={`${heading} mb-1`}>Signature</h2>
        {signed ? (
          <>
            <p
              className="mb-1 truncate font-mono text-[11px] text-slate-500 dark:text-slate-400"
              title={`${signed.method} ${signed.url}`}
            >
              {signed.method} {signed.url}
            </p>
            <SignatureView view={signed} />
          </>
        ) : !showingSent && preview.isError ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">No signature until the request can be signed.</p>
        ) : (
          <Skeleton lines={3} />
        )}
      </section>
    </div>
  );
}

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
  signed,
  entry,
}: {
  showingSent: boolean;
  signed: SignedView | null;
  entry: RelayResult | null;
}) {
  if (showingSent && entry) {
    return (
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">
        Exactly as signed and sent ({entry.kind}) at {new Date(entry.createdAt).toLocaleString()}.
      </p>
    );
  }
  if (!signed) return <p className="mb-2 min-h-4 text-xs" />;
  return signed.timestampAtSendTime ? (
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
