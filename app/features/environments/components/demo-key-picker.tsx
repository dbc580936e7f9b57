import type { DemoKey, DemoKeyInfo } from '../../../../core/contract.ts';
import { KeyPicker } from '../../../components/key-picker.tsx';

export interface DemoKeyPickerProps {
  demoKeys: DemoKeyInfo[];
  value: DemoKey;
  onChange: (key: DemoKey) => void;
}

/** Combobox "Demo key": which of the mock's demo keys signs, so that 403s and empty data can be shown on purpose. */
export function DemoKeyPicker({ demoKeys, value, onChange }: DemoKeyPickerProps) {
  return (
    // The description shows where the bar has room for more than its first letters (a container query).
    <div className="@container min-w-0">
      <KeyPicker
        label="Demo key"
        keys={demoKeys}
        value={value}
        onChange={onChange}
        className="flex min-w-0 items-center gap-2"
        labelClassName="shrink-0 text-xs font-medium text-slate-600 dark:text-slate-300"
        descriptionClassName="hidden min-w-0 truncate text-xs text-slate-500 @[28rem]:inline dark:text-slate-400"
        describe={(current) =>
          current.permissions.length > 0 && (
            <span className="ml-1 font-mono text-[11px] text-slate-400">[{current.permissions.join(', ')}]</span>
          )
        }
      />
    </div>
  );
}
