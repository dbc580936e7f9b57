import { CopyButton } from '../../../components/copy-button.tsx';
import { clockTime, type StageView, type TxTimeline } from '../timeline.ts';

const STATUS_BADGE: Record<string, string> = {
  created: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  pending: 'bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300',
  authorized: 'bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300',
  approved: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300',
};
const OTHER_BADGE = 'bg-red-100 text-red-800 dark:bg-red-500/15 dark:text-red-300';

const DOT: Record<string, string> = {
  created: 'bg-slate-500 dark:bg-slate-400',
  pending: 'bg-amber-500',
  authorized: 'bg-sky-500',
  approved: 'bg-emerald-500',
};

function stageLabel(s: StageView): string {
  if (!s.reached) return `${s.stage}: not yet`;
  return s.at === null ? `${s.stage}: reached` : `${s.stage} at ${clockTime(s.at)}`;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** One transaction: its id, what it moves, and its status timeline as the feed told it. */
export function TxTimelineCard({ tx }: { tx: TxTimeline }) {
  const t = tx.latest;
  const network = str(t.network) || (str(t.chainID) ? `chain ${str(t.chainID)}` : '');
  const last = tx.stages.filter((s) => s.reached).pop()?.stage;
  const createdAt = tx.stages[0]?.at ?? null;
  const elapsed = (s: StageView) =>
    s.at !== null && createdAt !== null && s.stage !== 'created' ? ` +${s.at - createdAt} s` : '';
  return (
    <article
      aria-label={`Transaction ${tx.txID}`}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-mono text-sm font-semibold break-all text-slate-900 dark:text-slate-50">{tx.txID}</span>
        <CopyButton value={tx.txID} label="transaction id" />
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_BADGE[tx.status] ?? OTHER_BADGE}`}
          aria-label={`Status: ${tx.status}`}
        >
          {tx.status}
        </span>
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
          {tx.messages} {tx.messages === 1 ? 'message' : 'messages'}
        </span>
      </div>
      <p className="mt-1 font-mono text-xs break-all text-slate-600 dark:text-slate-300">
        {str(t.value) && <span>value {str(t.value)}</span>}
        {str(t.to) && <span> → {str(t.to)}</span>}
        {network && <span className="text-slate-500 dark:text-slate-400"> · {network}</span>}
      </p>
      <ol aria-label="Status timeline" className="mt-3 grid auto-cols-fr grid-flow-col gap-1">
        {tx.stages.map((s, i) => {
          const next = tx.stages[i + 1];
          return (
            <li
              key={s.stage}
              aria-label={stageLabel(s)}
              aria-current={s.stage === last ? 'step' : undefined}
              className="relative flex flex-col gap-1 text-xs"
            >
              <span aria-hidden="true" className="flex items-center">
                <span
                  className={
                    'size-3 shrink-0 rounded-full border-2 ' +
                    (s.reached
                      ? `border-transparent ${DOT[s.stage] ?? 'bg-red-500'}`
                      : 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900')
                  }
                />
                {next && (
                  <span
                    className={`mx-1 h-0.5 flex-1 rounded ${next.reached ? 'bg-slate-400 dark:bg-slate-500' : 'bg-slate-200 dark:bg-slate-700'}`}
                  />
                )}
              </span>
              <span
                aria-hidden="true"
                className={
                  s.reached ? 'font-semibold text-slate-900 dark:text-slate-100' : 'text-slate-400 dark:text-slate-500'
                }
              >
                {s.stage}
              </span>
              <span
                aria-hidden="true"
                className="font-mono text-[11px] text-slate-500 tabular-nums dark:text-slate-400"
              >
                {s.reached ? (s.at === null ? 'reached' : clockTime(s.at)) : '—'}
                {s.reached && <span className="text-slate-400 dark:text-slate-500">{elapsed(s)}</span>}
                {s.reached && !s.heard && (
                  <span title="Reached before the page was listening; read from a later message" className="ml-1">
                    (earlier)
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {str(t.txHash) && (
        <p className="mt-2 font-mono text-[11px] break-all text-slate-500 dark:text-slate-400">
          txHash {str(t.txHash)}
        </p>
      )}
    </article>
  );
}
