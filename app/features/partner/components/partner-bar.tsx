import type { PartnerDemoKey, PartnerDemoKeyInfo, PartnerEnvironmentInfo } from '../../../../core/contract.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { KeyPicker } from '../../../components/key-picker.tsx';
import { ENVIRONMENT_BAR, ENVIRONMENT_DOT, ENVIRONMENT_LABEL } from '../../../lib/environment-style.ts';
import { Suspense } from 'react';
import { deferred } from '../../../lib/deferred.ts';

// Only for sandbox and production: loaded apart from the first screen.
const PartnerKeysPanel = deferred(() => import('./partner-keys-panel.tsx').then((m) => m.PartnerKeysPanel));

export interface PartnerBarProps {
  info: PartnerEnvironmentInfo;
  demoPartners: PartnerDemoKeyInfo[];
  partnerKey: PartnerDemoKey;
  onPartnerKeyChange: (key: PartnerDemoKey) => void;
}

/** The environment bar of the Partner API: its base URL, then the demo partner (mock) or the Partner keys panel. */
export function PartnerBar({ info, demoPartners, partnerKey, onPartnerKeyChange }: PartnerBarProps) {
  const name = info.name;
  return (
    <section
      aria-label={`${ENVIRONMENT_LABEL[name]} environment, Partner API`}
      className={`rounded-lg border px-3 py-2 text-xs ${ENVIRONMENT_BAR[name]}`}
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
        <span className="flex items-center gap-1.5 font-semibold">
          <span aria-hidden="true" className={`size-2 rounded-full ${ENVIRONMENT_DOT[name]}`} />
          {name === 'production' ? 'PRODUCTION' : ENVIRONMENT_LABEL[name]}
          <span className="rounded bg-slate-800 px-1.5 py-px text-[10px] font-semibold text-white dark:bg-slate-200 dark:text-slate-900">
            Partner API
          </span>
        </span>
        <span
          className="font-mono break-all text-slate-600 dark:text-slate-300"
          title="Base URL, set by the server configuration"
        >
          {info.baseUrl}
        </span>
        {name === 'mock' && demoPartners.length > 0 && (
          <DemoPartnerPicker demoPartners={demoPartners} value={partnerKey} onChange={onPartnerKeyChange} />
        )}
      </div>
      {name !== 'mock' && (
        <Suspense fallback={<p className="mt-1.5 text-slate-600 dark:text-slate-400">Loading the Partner keys…</p>}>
          <PartnerKeysPanel info={info} />
        </Suspense>
      )}
    </section>
  );
}

/** Combobox "Demo partner": whose key pair signs requests to the embedded Partner API, and its world. */
function DemoPartnerPicker({
  demoPartners,
  value,
  onChange,
}: {
  demoPartners: PartnerDemoKeyInfo[];
  value: PartnerDemoKey;
  onChange: (key: PartnerDemoKey) => void;
}) {
  return (
    <KeyPicker
      label="Demo partner"
      keys={demoPartners}
      value={value}
      onChange={onChange}
      className="flex min-w-[min(20rem,100%)] flex-1 items-center gap-2"
      labelClassName="shrink-0 font-medium text-slate-600 dark:text-slate-300"
      descriptionClassName="min-w-0 flex-1 truncate text-slate-500 dark:text-slate-400"
      after={(current) => <CopyButton value={current.publicKeyPem} label={`${current.label} public key`} />}
    />
  );
}
