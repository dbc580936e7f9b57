import { useId } from 'react';

export type Freshness = 'timestamp' | 'nonce';

const segmented =
  'flex h-7 cursor-pointer items-center rounded px-2 font-mono text-xs font-medium text-slate-600 has-[:checked]:bg-white has-[:checked]:text-slate-900 has-[:checked]:shadow-sm ' +
  'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 dark:text-slate-300 dark:has-[:checked]:bg-slate-700 dark:has-[:checked]:text-white';

const NONCE = /^[\x21-\x7e]{0,64}$/;

/**
 * The Partner API signs one of two values first: x-timestamp (Unix seconds) or x-nonce (unique per
 * key). Never both: a server refuses a request that sends both. An empty nonce is a fresh one per send.
 */
export function FreshnessOptions({
  freshness,
  nonce,
  onFreshnessChange,
  onNonceChange,
}: {
  freshness: Freshness;
  nonce: string;
  onFreshnessChange: (next: Freshness) => void;
  onNonceChange: (next: string) => void;
}) {
  const nonceId = useId();
  const hintId = useId();
  const bad = !NONCE.test(nonce);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-xs">
      <div
        role="radiogroup"
        aria-label="Freshness header"
        className="flex items-center gap-0.5 rounded-md bg-slate-100 p-0.5 dark:bg-slate-800"
      >
        {(['timestamp', 'nonce'] as const).map((value) => (
          <label key={value} className={segmented}>
            <input
              type="radio"
              name="partner-freshness"
              value={value}
              checked={freshness === value}
              onChange={() => onFreshnessChange(value)}
              className="sr-only"
            />
            x-{value}
          </label>
        ))}
      </div>
      {freshness === 'nonce' && (
        <div className="flex items-center gap-2">
          <label htmlFor={nonceId} className="font-medium text-slate-600 dark:text-slate-300">
            Nonce
          </label>
          <input
            id={nonceId}
            value={nonce}
            onChange={(e) => onNonceChange(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            placeholder="fresh on every send"
            aria-invalid={bad || undefined}
            aria-describedby={hintId}
            className="h-7 w-52 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs aria-[invalid=true]:border-env-production dark:border-slate-700 dark:bg-slate-900"
          />
          <span id={hintId} className={bad ? 'text-env-production' : 'text-slate-500 dark:text-slate-400'}>
            {bad
              ? '1 to 64 printable ASCII characters, no spaces'
              : 'a used nonce is refused: leave empty for a fresh one'}
          </span>
        </div>
      )}
    </div>
  );
}
