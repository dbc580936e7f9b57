import type { FeedEvent } from '../../../../core/contract.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { clockTime } from '../timeline.ts';

/** The most recent events shown; the rest stay in memory for the timeline. */
const SHOWN = 300;

const KIND: Record<FeedEvent['type'], string> = {
  open: 'text-emerald-700 dark:text-emerald-400',
  message: 'text-sky-700 dark:text-sky-400',
  error: 'text-red-700 dark:text-red-400',
  closed: 'text-slate-500 dark:text-slate-400',
};

function receivedAt(ms: number): string {
  return `${clockTime(Math.floor(ms / 1000))}.${String(ms % 1000).padStart(3, '0')}`;
}

function describe(e: FeedEvent): string {
  if (e.type === 'open') return `connected to ${e.url} with key ${e.keyId}`;
  if (e.type === 'message') return e.raw;
  return e.message + (e.type === 'error' && e.reason && !e.message.includes(e.reason) ? ` (${e.reason})` : '');
}

/** Every frame exactly as it came, newest first, with the connection's own events between them. */
export function RawMessages({ events }: { events: readonly FeedEvent[] }) {
  if (events.length === 0)
    return <p className="p-3 text-sm text-slate-500 dark:text-slate-400">Nothing received yet.</p>;
  const shown = events.slice(-SHOWN).reverse();
  return (
    <ol aria-label="Raw messages, newest first" className="divide-y divide-slate-100 dark:divide-slate-800">
      {shown.map((e, i) => (
        <li key={events.length - i} className="flex gap-3 px-3 py-2 text-xs">
          <span className="w-24 shrink-0 font-mono text-slate-500 tabular-nums dark:text-slate-400">
            {receivedAt(e.at)}
          </span>
          <span className={`w-16 shrink-0 font-semibold ${KIND[e.type]}`}>{e.type}</span>
          <div className="min-w-0 flex-1">
            {e.type === 'message' && e.parsed && (
              <p className="mb-0.5 font-mono text-[11px] font-semibold text-slate-900 dark:text-slate-100">
                {e.parsed.txID} → {e.parsed.status}
              </p>
            )}
            {e.type === 'message' && e.action && (
              <p className="mb-0.5 font-mono text-[11px] font-semibold text-slate-900 dark:text-slate-100">
                {e.action.type} {e.action.id} → {e.action.status}
              </p>
            )}
            <pre
              className={
                'font-mono text-[11px] leading-5 break-all whitespace-pre-wrap ' +
                (e.type === 'message' ? 'text-slate-600 dark:text-slate-400' : 'text-slate-800 dark:text-slate-200')
              }
            >
              {describe(e)}
            </pre>
          </div>
          {e.type === 'message' && <CopyButton value={e.raw} label="message" />}
        </li>
      ))}
      {events.length > SHOWN && (
        <li className="px-3 py-2 text-xs text-slate-500 dark:text-slate-400">
          {events.length - SHOWN} older events are not shown.
        </li>
      )}
    </ol>
  );
}
