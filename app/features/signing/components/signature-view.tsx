import { CopyButton } from '../../../components/copy-button.tsx';
import type { SignedView } from '../signed-view.ts';

function Row({
  label,
  value,
  copyLabel,
  mono = true,
}: {
  label: string;
  value: string;
  copyLabel: string;
  mono?: boolean;
}) {
  return (
    <div className="grid grid-cols-[7.5rem_minmax(0,1fr)_auto] items-start gap-2 py-1">
      <dt className={`pt-0.5 text-xs text-slate-500 dark:text-slate-400 ${mono ? 'font-mono' : ''}`}>{label}</dt>
      <dd className="min-w-0 font-mono text-xs leading-5 break-all text-slate-800 dark:text-slate-100">
        {value || <span className="text-slate-400">(empty)</span>}
      </dd>
      <dd>
        <CopyButton value={value} label={copyLabel} />
      </dd>
    </div>
  );
}

/** The signature, the body hash and the three headers, each with a copy button. */
export function SignatureView({ view }: { view: SignedView }) {
  const sameBytes = view.sentBodySha256 === undefined || view.sentBodySha256 === view.bodySha256;
  return (
    <div>
      <dl className="divide-y divide-slate-100 dark:divide-slate-800">
        <Row label="Signature" value={view.signature} copyLabel="signature" mono={false} />
        <Row label="Body SHA-256" value={view.bodySha256} copyLabel="body SHA-256" mono={false} />
        {view.headers.map((h) => (
          <Row key={h.name} label={h.name} value={h.value} copyLabel={h.name} />
        ))}
      </dl>
      {view.sentBodySha256 !== undefined && (
        <p className={`mt-2 text-xs ${sameBytes ? 'text-emerald-700 dark:text-emerald-400' : 'text-env-production'}`}>
          {sameBytes
            ? '✓ The body sent has the same SHA-256 as the body signed: what was signed is what was sent.'
            : `✗ The body sent (SHA-256 ${view.sentBodySha256}) differs from the body signed.`}
        </p>
      )}
    </div>
  );
}
