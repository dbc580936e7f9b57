import type { RelayResult } from '../../../../core/contract.ts';
import { groupDigits } from '../../../lib/format.ts';
import { formatDuration } from '../format.ts';
import { PHASE_HINT, waterfall, type PhaseName } from '../waterfall.ts';

/** One colour per phase, light and dark. */
const BAR: Record<PhaseName, string> = {
  blocked: 'bg-slate-400 dark:bg-slate-500',
  dns: 'bg-teal-500 dark:bg-teal-400',
  connect: 'bg-amber-500 dark:bg-amber-400',
  ssl: 'bg-violet-500 dark:bg-violet-400',
  send: 'bg-sky-500 dark:bg-sky-400',
  wait: 'bg-emerald-600 dark:bg-emerald-400',
  receive: 'bg-blue-600 dark:bg-blue-400',
};

/**
 * Where one exchange's time went: a bar per phase on one time scale, labelled with its duration. It
 * is a table (phase, start, duration) with the bars drawn in a cell, so a screen reader reads the
 * numbers; `scaleMs` puts two waterfalls on the same scale when they are compared.
 */
export function WaterfallView({
  result,
  scaleMs,
  caption = 'Where the time went',
}: {
  result: RelayResult;
  scaleMs?: number;
  caption?: string;
}) {
  const w = waterfall(result.timings, /^https:/i.test(result.request.url));
  const scale = Math.max(scaleMs ?? 0, w.totalMs, 0.001);
  const pct = (ms: number) => `${Math.min(100, (ms / scale) * 100)}%`;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
        <span>
          Total <span className="font-mono tabular-nums">{formatDuration(result.timings.totalMs)}</span>
        </span>
        {w.reused !== null && (
          <span
            className={
              'rounded px-1.5 py-0.5 font-medium ' +
              (w.reused
                ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200'
                : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200')
            }
          >
            {w.reused ? 'Reused connection (keep-alive): no lookup, connect or TLS' : 'New connection'}
          </span>
        )}
        {w.bytesWritten !== null && w.bytesRead !== null && (
          <span className="font-mono tabular-nums">
            {groupDigits(w.bytesWritten)} B written · {groupDigits(w.bytesRead)} B read
          </span>
        )}
      </div>
      {w.legacy && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Recorded before the relay kept each phase: only the first byte and the total are known.
        </p>
      )}
      <table className="w-full table-fixed border-collapse text-xs">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-[11px] text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className="w-36 py-1 font-medium">
              Phase
            </th>
            <th scope="col" className="w-16 py-1 text-right font-medium">
              Starts
            </th>
            <th scope="col" className="w-24 py-1 pr-3 text-right font-medium">
              Duration
            </th>
            <th scope="col" className="py-1 font-medium">
              <span className="sr-only">Bar</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {w.bars.map((b) => (
            <tr key={b.phase} className="border-t border-slate-100 dark:border-slate-800" title={PHASE_HINT[b.phase]}>
              <th scope="row" className="py-1 text-left font-normal text-slate-700 dark:text-slate-200">
                {b.label}
                {w.longest === b.phase && (
                  <span className="ml-1 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-900 dark:bg-amber-900/60 dark:text-amber-100">
                    longest
                  </span>
                )}
              </th>
              <td className="py-1 text-right font-mono text-slate-500 tabular-nums dark:text-slate-400">
                {b.start === null ? '' : formatDuration(b.start)}
              </td>
              {b.duration === null ? (
                // A phase that did not happen says why across the duration and the bar, on one line.
                <td colSpan={2} className="py-1 pl-1 text-[11px] whitespace-nowrap text-slate-500 dark:text-slate-400">
                  {b.skipped}
                </td>
              ) : (
                <>
                  <td className="py-1 pr-3 text-right font-mono tabular-nums">{formatDuration(b.duration)}</td>
                  <td className="py-1">
                    <div aria-hidden="true" className="relative h-3.5 rounded-sm bg-slate-100 dark:bg-slate-800/70">
                      {b.start !== null && (
                        <div
                          className={`absolute inset-y-0 min-w-[2px] rounded-sm ${BAR[b.phase]}`}
                          style={{ left: pct(b.start), width: pct(b.duration) }}
                        />
                      )}
                    </div>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
