import { useId } from 'react';
import { OPERATIONS, type OperationGroup } from '../../../../core/catalogue.ts';

const GROUPS: OperationGroup[] = ['Read-only', 'Web3'];

export interface EndpointPickerProps {
  value: string;
  onChange: (operationId: string) => void;
}

/** Select "Endpoint": the 11 catalogue operations grouped Read-only and Web3, plus a custom request. */
export function EndpointPicker({ value, onChange }: EndpointPickerProps) {
  const id = useId();
  const descId = useId();
  const op = OPERATIONS.find((o) => o.id === value);
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
        Endpoint
      </label>
      <select
        id={id}
        value={value}
        aria-describedby={descId}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <option value="">Custom request</option>
        {GROUPS.map((group) => (
          <optgroup key={group} label={group}>
            {OPERATIONS.filter((o) => o.group === group).map((o) => (
              <option key={o.id} value={o.id}>
                {o.method} {o.path} — {o.summary}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id={descId} className="mt-1.5 min-h-5 text-xs leading-5 text-slate-500 dark:text-slate-400">
        {op ? (
          <>
            <span className="mr-1.5 rounded bg-slate-100 px-1 py-px font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              {op.group}
            </span>
            {op.description}
            {op.websocket && (
              <span className="ml-1 font-medium text-env-sandbox-ink dark:text-env-sandbox-night">
                Not callable over plain HTTP: watch it in the Feed view.
              </span>
            )}
          </>
        ) : (
          'Any method and path relative to the environment base URL; both fields are free to edit.'
        )}
      </p>
    </div>
  );
}
