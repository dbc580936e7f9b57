import { CopyButton } from '../../../components/copy-button.tsx';
import { type ActionTimeline, clockTime } from '../timeline.ts';

const STATUS_BADGE: Record<string, string> = {
  pending: 'bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300',
  approved: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300',
  expired: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
};
const OTHER_BADGE = 'bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300';

/** One core client action of a Partner API feed: its id, type, and the statuses the feed gave it. */
export function ActionCard({ action }: { action: ActionTimeline }) {
  return (
    <article
      aria-label={`Action ${action.id}`}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-mono text-sm font-semibold break-all text-slate-900 dark:text-slate-50">{action.id}</span>
        <CopyButton value={action.id} label="action id" />
        <span className="text-xs font-medium text-slate-700 dark:text-slate-300">{action.type}</span>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_BADGE[action.status] ?? OTHER_BADGE}`}
          aria-label={`Status: ${action.status}`}
        >
          {action.status}
        </span>
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
          {action.messages} {action.messages === 1 ? 'message' : 'messages'}
        </span>
      </div>
      <p className="mt-1 font-mono text-xs break-all text-slate-600 dark:text-slate-300">
        {action.coreClientID && <span>core client {action.coreClientID}</span>}
        {action.timestamp !== null && <span> · created {clockTime(action.timestamp)}</span>}
        {action.expireTime !== null && <span> · expires {clockTime(action.expireTime)}</span>}
      </p>
      <ol aria-label="Statuses heard" className="mt-2 flex flex-wrap items-center gap-1 text-xs">
        {action.statuses.map((s, i) => (
          <li key={s} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden="true">→</span>}
            <span className={`rounded px-1.5 py-0.5 ${STATUS_BADGE[s] ?? OTHER_BADGE}`}>{s}</span>
          </li>
        ))}
      </ol>
    </article>
  );
}
