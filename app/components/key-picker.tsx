import { useId, type ReactNode } from 'react';

/** A key the picker offers: its id, the name shown in the list, and the line that says what it is. */
export interface PickableKey<K extends string> {
  id: K;
  label: string;
  description: string;
}

export interface KeyPickerProps<K extends string, T extends PickableKey<K>> {
  /** The combobox's visible name ("Demo key", "Demo partner"). */
  label: string;
  keys: readonly T[];
  value: K;
  onChange: (key: K) => void;
  /** The classes of the row, the label and the description: each bar lays the picker out its own way. */
  className: string;
  labelClassName: string;
  descriptionClassName: string;
  /** Shown after the description, inside it (read as part of the combobox's description). */
  describe?: (current: T) => ReactNode;
  /** Shown after the description, beside it. */
  after?: (current: T) => ReactNode;
}

/**
 * A combobox choosing one of the mock's demo keys (v1's demo keys, the Partner API's demo partners),
 * with the chosen key's description beside it as the combobox's description.
 */
export function KeyPicker<K extends string, T extends PickableKey<K>>({
  label,
  keys,
  value,
  onChange,
  className,
  labelClassName,
  descriptionClassName,
  describe,
  after,
}: KeyPickerProps<K, T>) {
  const id = useId();
  const descId = useId();
  const current = keys.find((k) => k.id === value);
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        aria-describedby={descId}
        onChange={(e) => onChange(e.target.value as K)}
        className="h-7 rounded-md border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-900"
      >
        {keys.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label}
          </option>
        ))}
      </select>
      <span id={descId} className={descriptionClassName} title={current?.description}>
        {current?.description}
        {current && describe?.(current)}
      </span>
      {current && after?.(current)}
    </div>
  );
}
