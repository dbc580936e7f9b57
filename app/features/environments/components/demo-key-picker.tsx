import { useId } from 'react';
import type { DemoKey, DemoKeyInfo } from '../../../../core/contract.ts';

export interface DemoKeyPickerProps {
  demoKeys: DemoKeyInfo[];
  value: DemoKey;
  onChange: (key: DemoKey) => void;
}

/** Combobox "Demo key": which of the mock's demo keys signs, so that 403s and empty data can be shown on purpose. */
export function DemoKeyPicker({ demoKeys, value, onChange }: DemoKeyPickerProps) {
  const id = useId();
  const descId = useId();
  const current = demoKeys.find((k) => k.id === value);
  return (
    // The description shows where the bar has room for more than its first letters (a container query).
    <div className="@container min-w-0">
      <div className="flex min-w-0 items-center gap-2">
        <label htmlFor={id} className="shrink-0 text-xs font-medium text-slate-600 dark:text-slate-300">
          Demo key
        </label>
        <select
          id={id}
          value={value}
          aria-describedby={descId}
          onChange={(e) => onChange(e.target.value as DemoKey)}
          className="h-7 rounded-md border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-900"
        >
          {demoKeys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
        <span
          id={descId}
          className="hidden min-w-0 truncate text-xs text-slate-500 @[28rem]:inline dark:text-slate-400"
          title={current?.description}
        >
          {current?.description}
          {current && current.permissions.length > 0 && (
            <span className="ml-1 font-mono text-[11px] text-slate-400">[{current.permissions.join(', ')}]</span>
          )}
        </span>
      </div>
    </div>
  );
}
