import type { RequestDraft } from '../../../../core/contract.ts';
import { schemeOf } from '../../../../core/schemes.ts';
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
  const pending = sendOnly ? 'made on Send' : preview.isError ? 'not signable yet' : '…';
  // The scheme's own three headers: v1's, or the Partner API's (x-timestamp or x-nonce).
  const scheme = schemeOf(settled.scheme);
  const header = (name: string) => data?.headers.find((h) => h.name === name)?.value ?? null;
  const nonceName = settled.nonce === undefined ? null : scheme.headers.nonce;
  const usesNonce = nonceName !== null;
  const freshnessName = nonceName ?? scheme.headers.timestamp;
  const pinned = usesNonce ? settled.nonce !== '' : settled.timestamp !== undefined;
  const rows: Array<{ name: string; value: string | null; note: string }> = [
    { name: scheme.headers.key, value: header(scheme.headers.key), note: 'the key that signs' },
    {
      name: freshnessName,
      value: header(freshnessName) ?? (usesNonce ? settled.nonce || null : (settled.timestamp ?? null)),
      note: pinned ? 'pinned' : 'taken again at Send',
    },
    {
      name: scheme.headers.signature,
      value: sendOnly ? null : header(scheme.headers.signature),
      note: pinned ? 'as Send makes it' : 'made again at Send',
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
