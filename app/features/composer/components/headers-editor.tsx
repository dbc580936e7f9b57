import { useId, type ReactNode } from 'react';
import { useFieldArray, useFormState, type FormStore } from '../../../lib/form-store.ts';
import { MAX_EXTRA_HEADERS } from '../../../../core/headers.ts';
import { Button } from '../../../components/button.tsx';
import { validateHeaderName, validateHeaderValue, type ComposerValues } from '../form.ts';

const input =
  'h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900 aria-[invalid=true]:border-env-production';

/**
 * Headers added to the request: sent exactly as typed, after the playground's own, and not signed
 * (v1 signs no header). The three computed headers are shown read-only beside them (`computed`),
 * with their current values. A name or value the relay would refuse is said at its field, in
 * core/headers.ts's words.
 */
export function HeadersEditor({ form, computed }: { form: FormStore<ComposerValues>; computed?: ReactNode }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'headers' });
  const errors = useFormState(form.control).errors.headers;
  const noteId = useId();
  return (
    <div className="space-y-3">
      {computed}
      <div>
        <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Added headers
        </h3>
        <p id={noteId} className="mb-1.5 text-[11px] text-slate-500 dark:text-slate-400">
          Sent exactly as typed, in this order, and <strong className="font-semibold">not signed</strong>: a Qredo v1
          signature covers the timestamp, method, URL and body only. An Accept or Content-Type here replaces the
          playground’s (application/json).
        </p>
        {fields.length === 0 ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">No added headers.</p>
        ) : (
          <table className="w-full table-fixed border-separate border-spacing-y-1 text-xs">
            <caption className="sr-only">Added headers, sent as typed and not signed</caption>
            <thead className="text-left text-[11px] text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="w-[38%] font-medium">
                  Name
                </th>
                <th scope="col" className="font-medium">
                  Value
                </th>
                <th scope="col" className="w-20 font-medium">
                  <span className="sr-only">Signed?</span>
                </th>
                <th scope="col" className="w-8">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f, i) => {
                const nameError = errors?.[i]?.name?.message;
                const valueError = errors?.[i]?.value?.message;
                const n = i + 1;
                return (
                  <HeaderRow
                    key={f.id}
                    n={n}
                    nameError={nameError}
                    valueError={valueError}
                    nameField={form.register(`headers.${i}.name`, {
                      validate: (v, all) => validateHeaderName(v, all.headers[i]?.value ?? ''),
                      deps: [`headers.${i}.value`],
                    })}
                    valueField={form.register(`headers.${i}.value`, {
                      validate: (v, all) => validateHeaderValue(all.headers[i]?.name ?? '', v),
                      deps: [`headers.${i}.name`],
                    })}
                    onRemove={() => remove(i)}
                  />
                );
              })}
            </tbody>
          </table>
        )}
        <Button
          size="sm"
          className="mt-1"
          disabled={fields.length >= MAX_EXTRA_HEADERS}
          onClick={() => append({ name: '', value: '' }, { focusName: `headers.${fields.length}.name` })}
        >
          Add header
        </Button>
      </div>
    </div>
  );
}

function HeaderRow(props: {
  n: number;
  nameError: string | undefined;
  valueError: string | undefined;
  nameField: ReturnType<FormStore<ComposerValues>['register']>;
  valueField: ReturnType<FormStore<ComposerValues>['register']>;
  onRemove: () => void;
}) {
  const nameErrId = useId();
  const valueErrId = useId();
  const { n, nameError, valueError } = props;
  return (
    <>
      <tr className="align-top">
        <td className="pr-1.5">
          <input
            aria-label={`Header ${n} name`}
            spellCheck={false}
            autoComplete="off"
            placeholder="x-request-id"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? nameErrId : undefined}
            className={input}
            {...props.nameField}
          />
        </td>
        <td className="pr-1.5">
          <input
            aria-label={`Header ${n} value`}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={valueError ? true : undefined}
            aria-describedby={valueError ? valueErrId : undefined}
            className={input}
            {...props.valueField}
          />
        </td>
        <td className="pt-1.5">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-medium whitespace-nowrap text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            not signed
          </span>
        </td>
        <td>
          <Button size="sm" variant="ghost" aria-label={`Remove header ${n}`} onClick={props.onRemove}>
            ✕
          </Button>
        </td>
      </tr>
      {(nameError || valueError) && (
        <tr>
          <td colSpan={4} className="pb-1 text-[11px] text-env-production dark:text-env-production-night">
            {nameError && <p id={nameErrId}>{nameError}</p>}
            {valueError && <p id={valueErrId}>{valueError}</p>}
          </td>
        </tr>
      )}
    </>
  );
}
