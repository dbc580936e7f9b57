/** A two-column table of header names and values, in the order given. */
export function HeadersTable({
  headers,
  caption,
  highlight,
}: {
  headers: Record<string, string>;
  caption: string;
  highlight?: (name: string) => boolean;
}) {
  const rows = Object.entries(headers);
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No headers.</p>;
  return (
    <table className="w-full table-fixed border-collapse text-left text-[13px]">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <th scope="col" className="w-1/3 py-1 pr-3 font-medium">
            Name
          </th>
          <th scope="col" className="py-1 font-medium">
            Value
          </th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {rows.map(([name, value]) => (
          <tr
            key={name}
            className={
              highlight?.(name)
                ? 'border-b border-slate-100 bg-sky-50 align-top dark:border-slate-900 dark:bg-sky-950/40'
                : 'border-b border-slate-100 align-top dark:border-slate-900'
            }
          >
            <th scope="row" className="py-1 pr-3 font-normal break-all text-slate-700 dark:text-slate-300">
              {name}
            </th>
            <td className="py-1 break-all text-slate-900 dark:text-slate-100">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
