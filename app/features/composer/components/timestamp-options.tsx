import { useId } from 'react';
import { Controller, useFormState, useWatch, type FormStore } from '../../../lib/form-store.ts';
import { currentTimestamp, type ComposerValues, type TimestampMode, type TimestampUnit } from '../form.ts';

const segmented =
  'flex h-7 cursor-pointer items-center rounded px-2 text-xs font-medium text-slate-600 has-[:checked]:bg-white has-[:checked]:text-slate-900 has-[:checked]:shadow-sm ' +
  'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 dark:text-slate-300 dark:has-[:checked]:bg-slate-700 dark:has-[:checked]:text-white';

/** Timestamp mode (at send time / pinned), the pinned value and its unit (v1 only: the Partner API's are seconds). */
export function TimestampOptions({ form }: { form: FormStore<ComposerValues> }) {
  const secondsOnly = useWatch({ control: form.control, name: 'scheme' }) === 'partner';
  const tsId = useId();
  const errId = useId();
  const mode = useWatch({ control: form.control, name: 'timing.mode' });
  const error = useFormState(form.control).errors.timing?.pinned;

  const setMode = (next: TimestampMode) => {
    form.setValue('timing.mode', next);
    if (next === 'pinned' && form.getValues('timing.pinned') === '') {
      form.setValue('timing.pinned', currentTimestamp(form.getValues('timing.unit')));
    }
  };
  const setUnit = (next: TimestampUnit) => {
    const prev = form.getValues('timing.unit');
    form.setValue('timing.unit', next);
    // A pinned value the page filled in follows the unit; one the person typed is left alone.
    const pinned = form.getValues('timing.pinned');
    if (prev !== next && /^\d+$/.test(pinned)) {
      const converted =
        next === 'nanoseconds' && pinned.length <= 11
          ? `${pinned}000000000`
          : next === 'seconds' && pinned.length >= 17
            ? pinned.slice(0, -9)
            : null;
      if (converted) form.setValue('timing.pinned', converted, { shouldValidate: true });
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs">
      <div
        role="radiogroup"
        aria-label="Timestamp mode"
        className="flex items-center gap-0.5 rounded-md bg-slate-100 p-0.5 dark:bg-slate-800"
      >
        {(
          [
            ['send-time', 'At send time'],
            ['pinned', 'Pinned'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={segmented}>
            <input
              type="radio"
              name="timestamp-mode"
              className="sr-only"
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {label}
          </label>
        ))}
      </div>
      {mode === 'pinned' && (
        <div className="flex items-center gap-1.5">
          <label htmlFor={tsId} className="font-medium text-slate-600 dark:text-slate-300">
            Timestamp
          </label>
          <input
            id={tsId}
            inputMode="numeric"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!!error}
            aria-describedby={error ? errId : undefined}
            className="h-7 w-52 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs tabular-nums aria-[invalid=true]:border-env-production dark:border-slate-700 dark:bg-slate-900"
            {...form.register('timing.pinned', {
              validate: (v, all) =>
                all.timing.mode !== 'pinned' || /^\d{1,20}$/.test(v) || 'The timestamp must be 1 to 20 digits',
            })}
          />
          {error && (
            <span id={errId} className="text-env-production">
              {error.message}
            </span>
          )}
        </div>
      )}
      {!secondsOnly && (
        <Controller
          control={form.control}
          name="timing.unit"
          render={({ field }) => (
            <div
              role="radiogroup"
              aria-label="Timestamp unit"
              className="flex items-center gap-0.5 rounded-md bg-slate-100 p-0.5 dark:bg-slate-800"
            >
              {(
                [
                  ['seconds', 'Seconds'],
                  ['nanoseconds', 'Nanoseconds'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className={segmented}>
                  <input
                    type="radio"
                    name="timestamp-unit"
                    className="sr-only"
                    checked={field.value === value}
                    onChange={() => setUnit(value)}
                  />
                  {label}
                </label>
              ))}
            </div>
          )}
        />
      )}
    </div>
  );
}
