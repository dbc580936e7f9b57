import type { RequestDraft } from '../../../../core/contract.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../../../core/signing/signature.ts';
import { signedOnlyOnSend } from '../../../lib/queries.ts';
import { useSignPreview } from '../api/sign-preview.ts';

/**
 * The three headers the playground computes for every send, read-only, with the values of the live
 * preview (the same query as the signing panel's: nothing more is asked of the server).
 */
export function ComputedHeaders({ settled }: { settled: RequestDraft }) {
  const sendOnly = signedOnlyOnSend(settled);
  const preview = useSignPreview(sendOnly ? null : settled);
  const data = preview.data;
  const stale = preview.isPlaceholderData || preview.isFetching;
  const header = (name: string) => data?.headers.find((h) => h.name === name)?.value;
  const pending = sendOnly ? 'made on Send' : preview.isError ? 'not signable yet' : '…';
  const rows: Array<{ name: string; value: string | null; note: string }> = [
    { name: HEADER_KEY, value: header(HEADER_KEY) ?? null, note: 'the key that signs' },
    {
      name: HEADER_TIMESTAMP,
      value: header(HEADER_TIMESTAMP) ?? settled.timestamp ?? null,
      note: settled.timestamp === undefined ? 'taken again at Send' : 'pinned',
    },
    {
      name: HEADER_SIGNATURE,
      value: sendOnly ? null : (header(HEADER_SIGNATURE) ?? null),
      note: settled.timestamp === undefined ? 'made again at Send' : 'as Send makes it',
    },
  ];
  return (
    <div>
      <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        Computed headers
      </h3>
      <p className="mb-1.5 text-[11px] text-slate-500 dark:text-slate-400">
        Written by the playground on every send, read-only here; Accept (and Content-Type with a body) are
        application/json unless added below.
      </p>
      <table className={`w-full table-fixed text-xs ${stale && data ? 'opacity-60' : ''}`}>
        <caption className="sr-only">Computed headers, with their current values</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Current value</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="align-top">
              <th
                scope="row"
                className="w-[38%] py-0.5 pr-2 text-left font-mono font-normal text-slate-600 dark:text-slate-300"
              >
                {r.name}
              </th>
              <td
                className="truncate py-0.5 pr-2 font-mono text-slate-800 dark:text-slate-100"
                title={r.value ?? undefined}
              >
                {r.value ?? <span className="text-slate-400">{pending}</span>}
              </td>
              <td className="w-28 py-0.5 text-[11px] text-slate-500 dark:text-slate-400">{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
