import type { ReactNode } from 'react';
import { CopyButton } from '../../../components/copy-button.tsx';
import { diffText, type ComponentRow, type DoctorView, type TextDiff } from '../view-model.ts';

const card = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900';

/** The diagnosis: verdict, signatures, component comparison, ranked causes, notes. */
export function DoctorResult({ view, actions }: { view: DoctorView; actions?: ReactNode }) {
  return (
    <section aria-label="Diagnosis" className="space-y-4">
      <div
        role="status"
        className={
          'rounded-lg border-2 p-4 ' +
          (view.valid
            ? 'border-emerald-500 bg-emerald-50 text-emerald-950 dark:bg-emerald-950/30 dark:text-emerald-100'
            : 'border-red-500 bg-red-50 text-red-950 dark:bg-red-950/30 dark:text-red-100')
        }
      >
        <p className="text-2xl font-bold">{view.verdict}</p>
        <p className="mt-1 text-sm">{view.summary}</p>
        <p className="mt-1 text-xs opacity-80">{view.keyLine}</p>
      </div>
      {actions}

      <div className={card}>
        <h3 className="mb-2 text-sm font-semibold">Signatures</h3>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500 dark:text-slate-400">Expected</dt>
          <dd className="flex items-center gap-2 font-mono break-all">
            <span aria-label="Expected signature">{view.expected}</span>
            <CopyButton value={view.expected} label="expected signature" />
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Captured</dt>
          <dd className="font-mono break-all" aria-label="Captured signature">
            {view.signatureMatches ? (
              view.captured
            ) : (
              <Marked diff={diffText(view.captured, view.expected)} side="left" />
            )}
          </dd>
        </dl>
      </div>

      <div className={card}>
        <h3 className="mb-2 text-sm font-semibold">Component by component</h3>
        <table className="w-full table-fixed text-left text-sm">
          <caption className="sr-only">Each part of the captured request compared with what is expected</caption>
          <thead className="text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="w-28 py-1">
                Part
              </th>
              <th scope="col" className="w-28 py-1">
                Result
              </th>
              <th scope="col" className="py-1">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {view.components.map((c) => (
              <ComponentLine key={c.name} row={c} />
            ))}
          </tbody>
        </table>
      </div>

      <div className={card}>
        <h3 className="mb-2 text-sm font-semibold">Probable causes</h3>
        {view.causes.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            None: nothing in this capture explains a refusal.
          </p>
        ) : (
          <ol aria-label="Probable causes" className="space-y-2">
            {view.causes.map((c) => (
              <li key={c.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-xs text-slate-400">{c.rank}.</span>
                  <span className="font-semibold">{c.title}</span>
                  <span
                    className={
                      'rounded-full px-2 py-0.5 text-[11px] font-semibold tracking-wide uppercase ' +
                      (c.confidence === 'certain'
                        ? 'bg-red-600 text-white dark:bg-red-500 dark:text-slate-950'
                        : 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100')
                    }
                  >
                    {c.confidence}
                  </span>
                  <code className="ml-auto text-[11px] text-slate-400">{c.id}</code>
                </div>
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{c.detail}</p>
              </li>
            ))}
          </ol>
        )}
        {view.notes.length > 0 && (
          <ul className="mt-3 list-disc space-y-1 pl-5 text-xs text-slate-600 dark:text-slate-400">
            {view.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function Marked({ diff, side }: { diff: TextDiff; side: 'left' | 'right' }) {
  const middle = side === 'left' ? diff.left : diff.right;
  return (
    <span className="whitespace-pre-wrap">
      {diff.prefix}
      {middle !== '' && (
        <mark className="rounded-sm bg-amber-200 text-amber-950 dark:bg-amber-500/40 dark:text-amber-50">{middle}</mark>
      )}
      {diff.suffix}
    </span>
  );
}

function ComponentLine({ row }: { row: ComponentRow }) {
  return (
    <tr className="border-t border-slate-100 align-top dark:border-slate-800">
      <th scope="row" className="py-1.5 font-medium">
        {row.label}
      </th>
      <td className="py-1.5">
        <span
          className={
            'rounded px-1.5 py-0.5 text-xs font-semibold ' +
            (row.same
              ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100'
              : 'bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100')
          }
        >
          {row.same ? 'same' : 'different'}
        </span>
      </td>
      <td className="min-w-0 py-1.5 font-mono text-xs break-all">
        {row.other ? (
          <div className="space-y-0.5">
            <div>
              <span className="mr-2 font-sans text-slate-500 dark:text-slate-400">Captured</span>
              <Marked diff={row.other.diff} side="left" />
            </div>
            <div>
              <span className="mr-2 font-sans text-slate-500 dark:text-slate-400">{row.other.label}</span>
              <Marked diff={row.other.diff} side="right" />
            </div>
          </div>
        ) : (
          <span className="line-clamp-4 whitespace-pre-wrap">{row.captured}</span>
        )}
      </td>
    </tr>
  );
}
