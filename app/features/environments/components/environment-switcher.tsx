import type { Environment, EnvironmentInfo } from '../../../../core/contract.ts';
import { ENVIRONMENTS } from '../../../../core/constants.ts';
import { ENVIRONMENT_DOT, ENVIRONMENT_LABEL, ENVIRONMENT_SELECTED } from '../environment-style.ts';

export interface EnvironmentSwitcherProps {
  value: Environment;
  onChange: (environment: Environment) => void;
  /** From the session; missing while it loads (all three are still offered). */
  environments?: EnvironmentInfo[];
}

/** Radio group "Environment": a segmented control; arrow keys move between the three. */
export function EnvironmentSwitcher({ value, onChange, environments }: EnvironmentSwitcherProps) {
  return (
    <div
      role="radiogroup"
      aria-label="Environment"
      className="inline-flex items-center gap-0.5 rounded-lg border border-slate-300 bg-white p-0.5 dark:border-slate-700 dark:bg-slate-900"
    >
      {ENVIRONMENTS.map((name) => {
        const info = environments?.find((e) => e.name === name);
        const selected = name === value;
        return (
          <label
            key={name}
            title={info ? `${info.baseUrl}${info.configured ? '' : ' — no credentials yet'}` : undefined}
            className={
              'relative flex h-7 cursor-pointer items-center gap-1 rounded-md px-1.5 text-xs font-semibold tracking-wide whitespace-nowrap transition-colors sm:gap-1.5 sm:px-2.5 ' +
              'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-sky-500 ' +
              (selected
                ? ENVIRONMENT_SELECTED[name]
                : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800')
            }
          >
            <input
              type="radio"
              name="environment"
              value={name}
              checked={selected}
              onChange={() => onChange(name)}
              aria-label={ENVIRONMENT_LABEL[name]}
              aria-describedby={info && !info.configured ? `env-no-key-${name}` : undefined}
              className="sr-only"
            />
            {!selected && <span aria-hidden="true" className={`size-1.5 rounded-full ${ENVIRONMENT_DOT[name]}`} />}
            {name === 'production' ? ENVIRONMENT_LABEL[name].toUpperCase() : ENVIRONMENT_LABEL[name]}
            {info && !info.configured && (
              <span
                id={`env-no-key-${name}`}
                className={`text-[10px] font-normal ${selected ? 'text-white/80' : 'text-slate-400'}`}
              >
                (no key)
              </span>
            )}
          </label>
        );
      })}
    </div>
  );
}
