import { Suspense } from 'react';
import type { DemoKey, DemoKeyInfo, EnvironmentInfo, MockResetResponse } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { deferred } from '../../../lib/deferred.ts';
import { useDeleteCredentials, useSession } from '../api/session.ts';
import { ENVIRONMENT_BAR, ENVIRONMENT_DOT, ENVIRONMENT_LABEL } from '../environment-style.ts';
import { DemoKeyPicker } from './demo-key-picker.tsx';
import { MockReset } from './mock-reset.tsx';

// Shown only for an environment without keys.
const CredentialsForm = deferred(() => import('./credentials-form.tsx').then((m) => m.CredentialsForm));

export interface EnvironmentBarProps {
  info: EnvironmentInfo;
  demoKeys: DemoKeyInfo[];
  demoKey: DemoKey;
  onDemoKeyChange: (key: DemoKey) => void;
  /** After "Reset mock data" (Mock only) succeeded: the page refreshes what it cached from the mock. */
  onMockReset?: (result: MockResetResponse) => void;
}

const ENV_VARS = {
  sandbox: ['QREDO_SANDBOX_API_KEY', 'QREDO_SANDBOX_API_SECRET'],
  production: ['QREDO_PRODUCTION_API_KEY', 'QREDO_PRODUCTION_API_SECRET'],
} as const;

/** The selected environment at a glance: base URL, which key signs, and how to add or remove one. */
export function EnvironmentBar({ info, demoKeys, demoKey, onDemoKeyChange, onMockReset }: EnvironmentBarProps) {
  const name = info.name;
  const warnings = useSession().data?.warnings ?? [];
  return (
    <section
      aria-label={`${ENVIRONMENT_LABEL[name]} environment`}
      className={`rounded-lg border px-3 py-2 text-xs ${ENVIRONMENT_BAR[name]}`}
    >
      {warnings.length > 0 && (
        <ul
          role="alert"
          aria-label="Security warnings"
          className="mb-2 space-y-1 font-medium text-env-production-ink dark:text-env-production-night"
        >
          {warnings.map((w) => (
            <li key={w} className="font-mono break-all">
              ⚠ {w}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
        <span className="flex items-center gap-1.5 font-semibold">
          <span aria-hidden="true" className={`size-2 rounded-full ${ENVIRONMENT_DOT[name]}`} />
          {name === 'production' ? 'PRODUCTION' : ENVIRONMENT_LABEL[name]}
        </span>
        <span
          className="font-mono text-slate-600 dark:text-slate-300"
          title="Base URL, set by the server configuration"
        >
          {info.baseUrl}
        </span>
        {name === 'mock' && demoKeys.length > 0 ? (
          // Shrinks down to the picker itself (its description truncates), so that "Reset mock data" stays
          // on the same line when there is room, and wraps below it when there is not.
          <div className="min-w-[min(20rem,100%)] flex-1">
            <DemoKeyPicker demoKeys={demoKeys} value={demoKey} onChange={onDemoKeyChange} />
          </div>
        ) : info.configured ? (
          <ConfiguredKey info={info} />
        ) : (
          <span className="font-medium text-slate-700 dark:text-slate-200">
            No credentials yet — requests cannot be signed.
          </span>
        )}
        {name === 'mock' && (
          <span className="ml-auto shrink-0">
            <MockReset onReset={onMockReset} />
          </span>
        )}
      </div>
      {name !== 'mock' && !info.configured && (
        <div className="mt-3 space-y-3 border-t border-black/5 pt-3 dark:border-white/10">
          <p className="max-w-3xl leading-relaxed text-slate-700 dark:text-slate-300">
            Start the playground with{' '}
            <code className="rounded bg-white/70 px-1 font-mono dark:bg-slate-900">{ENV_VARS[name][0]}</code> and{' '}
            <code className="rounded bg-white/70 px-1 font-mono dark:bg-slate-900">{ENV_VARS[name][1]}</code> set in its
            environment, or enter a key below. The secret stays with the local server: it is never sent back to this
            page, written to history or shown again.
          </p>
          <Suspense fallback={null}>
            <CredentialsForm environment={name} />
          </Suspense>
        </div>
      )}
    </section>
  );
}

function ConfiguredKey({ info }: { info: EnvironmentInfo }) {
  const remove = useDeleteCredentials(info.name);
  const fromEnv = info.source === 'env';
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span>
        Key <span className="font-mono font-medium">{info.keyId}</span>
      </span>
      {info.fingerprint && (
        <span title="A fingerprint of the secret, to tell keys apart; not the secret">
          Fingerprint <span className="font-mono">{info.fingerprint}</span>
        </span>
      )}
      <span className="text-slate-500 dark:text-slate-400">
        {fromEnv ? 'from environment variables' : info.source === 'file' ? 'saved by the form' : ''}
      </span>
      {!fromEnv && (
        <Button
          size="sm"
          variant="ghost"
          disabled={remove.isPending}
          onClick={() =>
            remove.mutate(undefined, {
              onSuccess: () => announce(`${ENVIRONMENT_LABEL[info.name]} credentials removed.`),
            })
          }
        >
          Remove
        </Button>
      )}
      {remove.error && (
        <span role="alert" className="text-env-production">
          {remove.error.message}
        </span>
      )}
    </span>
  );
}
