import { useId } from 'react';
import { OPERATIONS, type Operation, type OperationGroup } from '../../../../core/catalogue.ts';
import { PARTNER_OPERATIONS, PARTNER_TAGS, type PartnerOperation } from '../../../../core/partner/catalogue.ts';
import type { SchemeId } from '../../../../core/schemes.ts';

const GROUPS: OperationGroup[] = ['Read-only', 'Web3'];

export interface EndpointPickerProps {
  value: string;
  onChange: (operationId: string) => void;
  /** Which API's catalogue: v1's 11 operations, or the Partner API's 53 (grouped by the OpenAPI file's tags). */
  scheme?: SchemeId;
}

type Group = { label: string; operations: ReadonlyArray<Operation | PartnerOperation> };

const V1_GROUPS: Group[] = GROUPS.map((g) => ({ label: g, operations: OPERATIONS.filter((o) => o.group === g) }));
const PARTNER_GROUPS: Group[] = PARTNER_TAGS.map((t) => ({
  label: t,
  operations: PARTNER_OPERATIONS.filter((o) => o.tag === t),
}));

/** Select "Endpoint": the catalogue's operations in their groups, plus a custom request. */
export function EndpointPicker({ value, onChange, scheme = 'v1' }: EndpointPickerProps) {
  const id = useId();
  const descId = useId();
  const groups = scheme === 'partner' ? PARTNER_GROUPS : V1_GROUPS;
  const op = groups.flatMap((g) => g.operations).find((o) => o.id === value);
  const tag = op ? ('group' in op ? op.group : op.tag) : null;
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
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.operations.map((o) => (
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
              {tag}
            </span>
            {op.description}
            {'auth' in op && op.auth === 'zkp' && (
              <span className="ml-1 font-medium text-env-sandbox-ink dark:text-env-sandbox-night">
                Authenticated with a Signing Agent&rsquo;s x-api-zkp token, not the RSA signature: the mock answers 501.
              </span>
            )}
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
