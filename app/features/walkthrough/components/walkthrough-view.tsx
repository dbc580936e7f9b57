import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RequestDraft } from '../../../../core/contract.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { useWalkthrough } from '../api/walkthrough-api.ts';
import {
  APITOOL_EXAMPLE,
  computeExample,
  dataFromResponse,
  walkthroughSteps,
  type Step,
  type WalkthroughData,
} from '../steps.ts';
import { webCryptoHmac } from '../web-hmac.ts';
import { PartnerWalkthroughView } from './partner-walkthrough-view.tsx';

type Source = 'example' | 'request';

/** Teaching mode: the pipeline of the composer's API, v1 HMAC or the Partner API's RSA. */
export function WalkthroughView({ draft }: { draft: RequestDraft }) {
  return draft.scheme === 'partner' ? <PartnerWalkthroughView draft={draft} /> : <V1WalkthroughView draft={draft} />;
}

/**
 * The v1 signing pipeline step by step. By default the published apitool example, computed in the
 * page; or the request currently in the composer, computed by the server.
 */
function V1WalkthroughView({ draft }: { draft: RequestDraft }) {
  const [source, setSource] = useState<Source>('example');
  const example = useQuery({
    queryKey: ['walkthrough-example'],
    queryFn: () => computeExample(webCryptoHmac),
    staleTime: Infinity,
    retry: false,
  });
  // Pin the timestamp the server would otherwise take "now", so the steps stay still while read.
  const current = useWalkthrough(source === 'request' ? draft : null);

  const answer = current.data && !('scheme' in current.data) ? current.data : null;
  const data: WalkthroughData | null =
    source === 'example' ? (example.data ?? null) : answer ? dataFromResponse(answer) : null;
  const failure = source === 'example' ? example.error : current.error;
  const error: string | null = failure ? failure.message : null;

  return (
    <div className="mx-auto max-w-5xl space-y-4 p-4">
      <div>
        <h2 className="text-lg font-semibold">Walkthrough: how a Qredo v1 request is signed</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every intermediate value, from the secret to the headers. Check them by hand with any HMAC tool.
        </p>
      </div>
      <fieldset className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
        <legend className="sr-only">Which request to walk through</legend>
        <label className="inline-flex items-center gap-1.5">
          <input
            type="radio"
            name="walkthrough-source"
            className="accent-sky-600"
            checked={source === 'example'}
            onChange={() => setSource('example')}
          />
          The published apitool example
        </label>
        <label className="inline-flex items-center gap-1.5">
          <input
            type="radio"
            name="walkthrough-source"
            className="accent-sky-600"
            checked={source === 'request'}
            onChange={() => setSource('request')}
          />
          Use the current request
        </label>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {source === 'example'
            ? `Qredo's apitool README: its signature is ${APITOOL_EXAMPLE.published}. Computed in this page with WebCrypto.`
            : `${draft.method} ${draft.path} on ${draft.environment}, as in the Playground's composer${draft.timestamp ? '' : ' (timestamp: now)'}. Computed by the playground server; key bytes are shown only for the mock's demo keys.`}
        </span>
      </fieldset>

      {error && (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
        >
          {error}
        </p>
      )}
      {data ? (
        <ol aria-label="Signing steps" className="space-y-3">
          {walkthroughSteps(data).map((step) => (
            <StepCard key={step.id} step={step} />
          ))}
        </ol>
      ) : (
        !error && <p className="text-sm text-slate-500">Computing…</p>
      )}
      {data?.source === 'example' && data.signature === APITOOL_EXAMPLE.published && (
        <p role="status" className="text-sm font-medium text-emerald-700 dark:text-emerald-400">
          ✓ Matches the signature published in apitool’s README.
        </p>
      )}
    </div>
  );
}

export function StepCard({ step }: { step: Step }) {
  const headingId = `walkthrough-step-${step.id}`;
  return (
    <li
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-baseline gap-3">
        <span
          aria-hidden="true"
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-sky-600 text-sm font-bold text-white dark:bg-sky-500 dark:text-slate-950"
        >
          {step.n}
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={headingId} className="font-semibold">
            <span className="sr-only">Step {step.n}: </span>
            {step.title}
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">{step.explain}</p>
          <dl className="mt-2 space-y-1.5">
            {step.values.map((v) => (
              <div key={v.label} className="grid gap-x-3 md:grid-cols-[9rem_1fr]">
                <dt className="text-xs font-medium text-slate-500 md:pt-1 dark:text-slate-400">{v.label}</dt>
                <dd className="flex min-w-0 items-start gap-2">
                  <code className="min-w-0 flex-1 rounded bg-slate-50 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap text-slate-900 dark:bg-slate-950 dark:text-slate-100">
                    {v.value}
                  </code>
                  {v.note && (
                    <span className="shrink-0 pt-1 text-[11px] text-slate-500 dark:text-slate-400">{v.note}</span>
                  )}
                  <CopyButton value={v.value} label={`${v.label} (step ${step.n})`} className="mt-0.5" />
                </dd>
              </div>
            ))}
          </dl>
          {step.pitfalls.length > 0 && (
            <details className="mt-2 text-sm" open={step.n !== 1}>
              <summary className="cursor-pointer text-xs font-semibold text-amber-700 dark:text-amber-400">
                Pitfalls
              </summary>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-xs text-slate-700 dark:text-slate-300">
                {step.pitfalls.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </div>
    </li>
  );
}
