import type { RelayResult } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { formatBytes, formatDuration } from '../format.ts';
import { statusLine } from '../status.ts';
import { PHASE_LABEL, waterfall, type WaterfallBar } from '../waterfall.ts';

function outcome(r: RelayResult): string {
  return r.response ? statusLine(r.response.status, r.response.statusText) : `No response (${r.error?.code ?? '—'})`;
}

function delta(a: number | null, b: number | null): string {
  if (a === null || b === null) return '';
  const d = b - a;
  if (Math.abs(d) < 0.05) return 'same';
  return `${d > 0 ? '+' : '−'}${formatDuration(Math.abs(d))}`;
}

function Bar({ bar, scale, tone }: { bar: WaterfallBar; scale: number; tone: 'a' | 'b' }) {
  const pct = (ms: number) => `${Math.min(100, (ms / scale) * 100)}%`;
  return (
    <div className="relative h-2 rounded-sm bg-slate-100 dark:bg-slate-800/70">
      {bar.duration !== null && bar.start !== null && (
        <div
          className={`absolute inset-y-0 min-w-[2px] rounded-sm ${tone === 'a' ? 'bg-sky-600 dark:bg-sky-400' : 'bg-fuchsia-600 dark:bg-fuchsia-400'}`}
          style={{ left: pct(bar.start), width: pct(bar.duration) }}
        />
      )}
    </div>
  );
}

/**
 * Two history entries side by side: what was sent and what came back, and each phase of the two
 * waterfalls on one time scale (a bar each, one above the other), with the difference.
 */
export function CompareView({ left, right, onClose }: { left: RelayResult; right: RelayResult; onClose: () => void }) {
  const a = waterfall(left.timings, /^https:/i.test(left.request.url));
  const b = waterfall(right.timings, /^https:/i.test(right.request.url));
  const scale = Math.max(a.totalMs, b.totalMs, 0.001);
  const side = (r: RelayResult, tone: 'a' | 'b', reused: boolean | null) => (
    <div className="min-w-0 space-y-1">
      <h3 className="flex items-center gap-1.5 text-sm font-semibold">
        <span
          aria-hidden="true"
          className={`size-2.5 rounded-sm ${tone === 'a' ? 'bg-sky-600 dark:bg-sky-400' : 'bg-fuchsia-600 dark:bg-fuchsia-400'}`}
        />
        #{r.id} <span className="font-mono font-normal">{r.request.method}</span>
      </h3>
      <p className="font-mono text-xs break-all text-slate-700 dark:text-slate-300">{r.request.path}</p>
      <dl className="grid grid-cols-[3.5rem_1fr] gap-x-2 gap-y-0.5 text-xs">
        <dt className="text-slate-500 dark:text-slate-400">Status</dt>
        <dd className="font-mono">{outcome(r)}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Sent</dt>
        <dd>
          {new Date(r.createdAt).toLocaleTimeString()} · {r.environment} · key {r.keyId}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Size</dt>
        <dd className="font-mono">{r.response ? formatBytes(r.response.size) : '—'}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Socket</dt>
        <dd>{reused === null ? 'not recorded' : reused ? 'reused (keep-alive)' : 'new connection'}</dd>
      </dl>
    </div>
  );
  return (
    <section
      aria-label="Comparison"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-slate-900 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-semibold">
          Comparing #{left.id} and #{right.id}
        </h2>
        <Button size="sm" className="ml-auto" onClick={onClose}>
          Close comparison
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-4">
        {side(left, 'a', a.reused)}
        {side(right, 'b', b.reused)}
      </div>
      <table className="w-full table-fixed text-xs">
        <caption className="sr-only">
          Where the time went, phase by phase: #{left.id}, #{right.id} and the difference
        </caption>
        <thead className="text-left text-[11px] text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className="w-28 py-1 font-medium">
              Phase
            </th>
            <th scope="col" className="w-20 py-1 pl-2 text-right font-medium">
              #{left.id}
            </th>
            <th scope="col" className="w-20 py-1 pl-2 text-right font-medium">
              #{right.id}
            </th>
            <th scope="col" className="w-24 py-1 pr-3 pl-2 text-right font-medium">
              Difference
            </th>
            <th scope="col" className="py-1 font-medium">
              <span className="sr-only">Bars</span>
            </th>
          </tr>
        </thead>
        <tbody className="font-mono tabular-nums">
          {a.bars.map((bar, i) => {
            const other = b.bars[i];
            if (!other) throw new Error('waterfall() gives both entries a bar for every phase, in the same order.');
            return (
              <tr key={bar.phase} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1 text-left font-sans font-normal">
                  {PHASE_LABEL[bar.phase]}
                </th>
                <td className="py-1 pl-2 text-right">{bar.duration === null ? '—' : formatDuration(bar.duration)}</td>
                <td className="py-1 pl-2 text-right">
                  {other.duration === null ? '—' : formatDuration(other.duration)}
                </td>
                <td className="py-1 pr-3 pl-2 text-right">{delta(bar.duration, other.duration)}</td>
                <td className="py-1">
                  <div aria-hidden="true" className="space-y-0.5">
                    <Bar bar={bar} scale={scale} tone="a" />
                    <Bar bar={other} scale={scale} tone="b" />
                  </div>
                </td>
              </tr>
            );
          })}
          <tr className="border-t border-slate-300 font-semibold dark:border-slate-700">
            <th scope="row" className="py-1 text-left font-sans">
              Total
            </th>
            <td className="py-1 pl-2 text-right">{formatDuration(left.timings.totalMs)}</td>
            <td className="py-1 pl-2 text-right">{formatDuration(right.timings.totalMs)}</td>
            <td className="py-1 pr-3 pl-2 text-right">{delta(left.timings.totalMs, right.timings.totalMs)}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </section>
  );
}
