import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useWatch, type FormStore } from '../../../lib/form-store.ts';
import { Button } from '../../../components/button.tsx';
import type { ComposerValues } from '../form.ts';
import {
  caretAfterEncoding,
  decodeQueryPart,
  encodeQueryPart,
  pathWithRows,
  rowsOfPath,
  type QueryRow,
} from '../query-rows.ts';

const input =
  'h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900';

type Part = 'key' | 'value';

/**
 * The query as key/value rows, read from the Path field and written back to it: what a row shows is
 * exactly what the path holds. Text typed into a row is encoded only where it must be, and the row
 * says what was encoded. A new row lives here until it has a name or a value, so that an empty row
 * never changes what is signed.
 */
export function QueryEditor({
  form,
  onPathChanged,
}: {
  form: FormStore<ComposerValues>;
  /** The path was rewritten from the rows (the Endpoint picker may follow it). */
  onPathChanged: () => void;
}) {
  const path = useWatch({ control: form.control, name: 'path' });
  const rows = useMemo(() => rowsOfPath(path), [path]);
  // An added row that is still empty: shown after the others, not yet in the path.
  const [pending, setPending] = useState(false);
  const [note, setNote] = useState<{ row: number; text: string } | null>(null);
  const caret = useRef<{ el: HTMLInputElement; at: number } | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());

  useLayoutEffect(() => {
    const c = caret.current;
    if (!c) return;
    caret.current = null;
    if (document.activeElement === c.el) c.el.setSelectionRange(c.at, c.at);
  });

  const write = (next: QueryRow[]) => {
    form.setValue('path', pathWithRows(form.getValues('path'), next), { shouldValidate: true });
    onPathChanged();
  };

  const edit = (index: number, part: Part, el: HTMLInputElement) => {
    const typed = el.value;
    const encoded = encodeQueryPart(typed, part);
    if (encoded.text !== typed) caret.current = { el, at: caretAfterEncoding(typed, el.selectionStart ?? 0, part) };
    // What was encoded stays said while the person goes on typing in that row.
    if (encoded.changes.length) setNote({ row: index, text: `Encoded ${encoded.changes.join(', ')}.` });
    else if (note?.row !== index) setNote(null);
    const current = rowsOfPath(form.getValues('path'));
    const next = [...current];
    const before = next[index] ?? { key: '', value: null };
    const row: QueryRow =
      part === 'key' ? { key: encoded.text, value: before.value } : { key: before.key, value: encoded.text };
    next[index] = row;
    if (index >= current.length) {
      // The added row becomes a real one as soon as it holds anything.
      if (row.key === '' && (row.value ?? '') === '') return;
      setPending(false);
    }
    write(next);
  };

  const remove = (index: number) => {
    setNote(null);
    if (index >= rows.length) {
      setPending(false);
      return;
    }
    write(rows.filter((_, i) => i !== index));
  };

  const add = () => {
    setPending(true);
    setNote(null);
    // Focus the new row's name once it is drawn.
    requestAnimationFrame(() => inputs.current.get(`${rows.length}-key`)?.focus());
  };

  const shown: QueryRow[] = pending ? [...rows, { key: '', value: null }] : rows;

  return (
    <div className="space-y-2">
      <p className="text-[11px] text-slate-500 dark:text-slate-400">
        The path’s query as rows, in order and exactly as written there: editing either changes the other. What you type
        is encoded only where it must be (spaces, non-ASCII, “&”, “#”), and the row says so.
      </p>
      {shown.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No query parameters.</p>
      ) : (
        <table className="w-full table-fixed border-separate border-spacing-y-1 text-xs">
          <caption className="sr-only">Query parameters, as in the path</caption>
          <thead className="text-left text-[11px] text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="w-[40%] font-medium">
                Name
              </th>
              <th scope="col" className="font-medium">
                Value
              </th>
              <th scope="col" className="w-8">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <QueryRowFields
                key={i}
                index={i}
                row={row}
                note={note?.row === i ? note.text : null}
                register={(part, el) => {
                  if (el) inputs.current.set(`${i}-${part}`, el);
                  else inputs.current.delete(`${i}-${part}`);
                }}
                onEdit={edit}
                onRemove={remove}
              />
            ))}
          </tbody>
        </table>
      )}
      <Button size="sm" onClick={add} disabled={pending}>
        Add query parameter
      </Button>
    </div>
  );
}

function QueryRowFields(props: {
  index: number;
  row: QueryRow;
  note: string | null;
  register: (part: Part, el: HTMLInputElement | null) => void;
  onEdit: (index: number, part: Part, el: HTMLInputElement) => void;
  onRemove: (index: number) => void;
}) {
  const { index, row } = props;
  const n = index + 1;
  const decoded = (raw: string) => {
    const d = decodeQueryPart(raw);
    return d !== null && d !== raw ? `Reads as: ${d}` : undefined;
  };
  return (
    <>
      <tr>
        <td className="pr-1.5">
          <input
            ref={(el) => props.register('key', el)}
            aria-label={`Query parameter ${n} name`}
            value={row.key}
            spellCheck={false}
            autoComplete="off"
            title={decoded(row.key)}
            onChange={(e) => props.onEdit(index, 'key', e.currentTarget)}
            className={input}
          />
        </td>
        <td className="pr-1.5">
          <input
            ref={(el) => props.register('value', el)}
            aria-label={`Query parameter ${n} value`}
            value={row.value ?? ''}
            placeholder={row.value === null ? '(no "=")' : undefined}
            spellCheck={false}
            autoComplete="off"
            title={row.value === null ? undefined : decoded(row.value)}
            onChange={(e) => props.onEdit(index, 'value', e.currentTarget)}
            className={input}
          />
        </td>
        <td>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove query parameter ${n}${row.key ? ` (${row.key})` : ''}`}
            onClick={() => props.onRemove(index)}
          >
            ✕
          </Button>
        </td>
      </tr>
      {props.note && (
        <tr>
          <td colSpan={3} role="status" className="pb-1 text-[11px] text-sky-800 dark:text-sky-300">
            {props.note}
          </td>
        </tr>
      )}
    </>
  );
}
