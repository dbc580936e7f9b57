import { SCHEMES, type SchemeId } from '../../../../core/schemes.ts';

const LABEL: Record<SchemeId, string> = { v1: 'Qredo API', partner: 'Partner API' };
const HINT: Record<SchemeId, string> = {
  v1: 'Qredo API v1 (/qapi/v1): HMAC-SHA256 over timestamp + method + URL + body',
  partner: 'Partner API (/api/v1/p): RSA-SHA256 over x-timestamp or x-nonce + URL + body, no method',
};

/** Radio group "API": which API, and so which signing scheme, catalogue and keys; beside the environment. */
export function SchemeSwitch({ value, onChange }: { value: SchemeId; onChange: (scheme: SchemeId) => void }) {
  return (
    <div
      role="radiogroup"
      aria-label="API"
      className="inline-flex items-center gap-0.5 rounded-lg border border-slate-300 bg-white p-0.5 dark:border-slate-700 dark:bg-slate-900"
    >
      {SCHEMES.map((scheme) => (
        <label
          key={scheme}
          title={HINT[scheme]}
          className={
            'flex h-7 cursor-pointer items-center rounded-md px-2.5 text-xs font-semibold whitespace-nowrap transition-colors ' +
            'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-sky-500 ' +
            (scheme === value
              ? 'bg-slate-800 text-white shadow-sm dark:bg-slate-100 dark:text-slate-900'
              : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800')
          }
        >
          <input
            type="radio"
            name="api-scheme"
            value={scheme}
            checked={scheme === value}
            onChange={() => onChange(scheme)}
            aria-label={LABEL[scheme]}
            className="sr-only"
          />
          {LABEL[scheme]}
        </label>
      ))}
    </div>
  );
}
