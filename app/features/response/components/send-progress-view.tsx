import type { SendProgress } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { groupDigits } from '../../../lib/format.ts';
import { formatBytes } from '../format.ts';
import { STAGE_TEXT, transferLines } from '../progress.ts';

/**
 * A send in flight: its stage, the bytes of a large upload or download (with the percentage when the
 * size is known) and Cancel, which stops it and has it recorded as cancelled.
 */
export function SendProgressView({
  progress,
  onCancel,
  cancelling,
}: {
  /** Null until the first answer of GET /api/sends/:id. */
  progress: SendProgress | null;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const lines = progress ? transferLines(progress) : [];
  return (
    <section
      aria-label="Send in progress"
      className="flex flex-col gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-100"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-sky-500" />
        <span>{progress ? STAGE_TEXT[progress.stage] : 'Sending…'}</span>
        {progress && (
          <span className="font-mono text-xs tabular-nums opacity-80">{(progress.elapsedMs / 1000).toFixed(1)} s</span>
        )}
        <Button size="sm" className="ml-auto" disabled={cancelling} onClick={onCancel}>
          {cancelling ? 'Cancelling…' : 'Cancel send'}
        </Button>
      </div>
      {lines.map((l) => {
        const what = l.direction === 'upload' ? 'Request body sent' : 'Response received';
        const text =
          l.total === null
            ? `${what}: ${formatBytes(l.done)} (${groupDigits(l.done)} bytes; size not announced)`
            : `${what}: ${formatBytes(l.done)} of ${formatBytes(l.total)} (${l.percent}%)`;
        return (
          <div key={l.direction} className="flex flex-col gap-1">
            <p className="font-mono text-xs tabular-nums">{text}</p>
            <div
              role="progressbar"
              aria-label={what}
              aria-valuemin={0}
              aria-valuemax={l.total ?? undefined}
              aria-valuenow={l.total === null ? undefined : l.done}
              aria-valuetext={text}
              className="h-1.5 overflow-hidden rounded-full bg-sky-200 dark:bg-sky-900"
            >
              <div
                className={`h-full rounded-full bg-sky-600 dark:bg-sky-400 ${l.percent === null ? 'w-1/3 animate-pulse' : ''}`}
                style={l.percent === null ? undefined : { width: `${l.percent}%` }}
              />
            </div>
          </div>
        );
      })}
    </section>
  );
}
