import { useState } from 'react';
import type { PartnerWalkthroughResponse, RequestDraft } from '../../../../core/contract.ts';
import { useWalkthrough } from '../api/walkthrough-api.ts';
import { partnerWalkthroughSteps } from '../partner-steps.ts';
import { StepCard } from './walkthrough-view.tsx';

type Source = 'test-key' | 'request';

/**
 * The Partner API's pipeline step by step, computed by the server: on the signing vectors' public test
 * key (whose private half may be shown: it guards nothing), or as the composer's request is signed.
 */
export function PartnerWalkthroughView({ draft }: { draft: RequestDraft }) {
  const [source, setSource] = useState<Source>('test-key');
  // The test key is the mock's demo partner "partner-test-key"; the request keeps its own environment.
  const asked: RequestDraft =
    source === 'test-key' ? { ...draft, environment: 'mock', partnerKey: 'partner-test-key' } : draft;
  const query = useWalkthrough(asked);
  const data = query.data && 'scheme' in query.data ? (query.data as PartnerWalkthroughResponse) : null;
  return (
    <div className="mx-auto max-w-5xl space-y-4 p-4">
      <div>
        <h2 className="text-lg font-semibold">Walkthrough: how a Partner API request is signed</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The x-timestamp (or x-nonce) value, the URL and the body, then SHA-256, the PKCS#1 v1.5 signature and its
          base64url: every intermediate value, to check by hand with openssl.
        </p>
      </div>
      <fieldset className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
        <legend className="sr-only">Which key to walk through with</legend>
        <label className="inline-flex items-center gap-1.5">
          <input
            type="radio"
            name="partner-walkthrough-source"
            className="accent-sky-600"
            checked={source === 'test-key'}
            onChange={() => setSource('test-key')}
          />
          The vectors’ public test key
        </label>
        <label className="inline-flex items-center gap-1.5">
          <input
            type="radio"
            name="partner-walkthrough-source"
            className="accent-sky-600"
            checked={source === 'request'}
            onChange={() => setSource('request')}
          />
          The current request as it is signed
        </label>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {draft.method} {draft.path}
          {source === 'request' ? ` on ${draft.environment}` : ' on the mock'}; computed by the playground server. Only
          the test key’s private half is ever shown.
        </span>
      </fieldset>
      {query.error && (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
        >
          {query.error.message}
        </p>
      )}
      {data ? (
        <ol aria-label="Signing steps" className="space-y-3">
          {partnerWalkthroughSteps(data).map((step) => (
            <StepCard key={step.id} step={step} />
          ))}
        </ol>
      ) : (
        !query.error && <p className="text-sm text-slate-500">Computing…</p>
      )}
    </div>
  );
}
