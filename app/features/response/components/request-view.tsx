import { useMemo } from 'react';
import type { RelayResult } from '../../../../core/contract.ts';
import { textLineModel } from '../json-lines.ts';
import { Button } from '../../../components/button.tsx';
import { Notice, type WrapChoice } from './body-view.tsx';
import { HeadersTable } from './headers-table.tsx';
import { LineViewer } from './line-viewer.tsx';

/** The Request tab: the request exactly as the relay wrote it, and the two body hashes. */
export function RequestView({ result, wrap = false, onWrapChange }: { result: RelayResult } & Partial<WrapChoice>) {
  const { request, hashes } = result;
  const same = hashes.signedBodySha256 === hashes.sentBodySha256;
  const bodyModel = useMemo(() => (request.body ? textLineModel(request.body) : null), [request.body]);
  const stringToSign = result.stringToSign.segments.map((s) => s.text).join('');

  return (
    <div className="flex flex-col gap-4 text-sm">
      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          Request line
        </h3>
        <p className="font-mono break-all text-slate-900 dark:text-slate-100">
          <span className="font-semibold">{request.method}</span> {request.url}
        </p>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {result.kind === 'replay'
            ? 'Replayed: the same bytes, timestamp and signature as the original.'
            : result.kind === 'resend'
              ? 'Re-sent: signed again with a fresh timestamp.'
              : 'Sent'}{' '}
          to {result.environment} with key {result.keyId}, timestamp {result.timestamp}.
        </p>
      </div>

      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          Headers as sent
        </h3>
        <HeadersTable headers={request.headers} caption="Request headers as sent" />
      </div>

      <div className="flex flex-col gap-1">
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          Body as sent
        </h3>
        {request.bodyTruncated && (
          <Notice tone="warn">History keeps only the start of this body; the full body was sent.</Notice>
        )}
        {bodyModel ? (
          <LineViewer
            model={bodyModel}
            foldable={false}
            searchable={false}
            label="Request body as sent"
            wrap={wrap}
            tools={
              onWrapChange && (
                <Button size="sm" aria-pressed={wrap} onClick={() => onWrapChange(!wrap)}>
                  Wrap lines
                </Button>
              )
            }
          />
        ) : (
          <p className="text-slate-600 dark:text-slate-400">No body.</p>
        )}
      </div>

      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          Body hashes (SHA-256)
        </h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-[12px]">
          <dt className="text-slate-600 dark:text-slate-400">signed</dt>
          <dd className="break-all text-slate-900 dark:text-slate-100">{hashes.signedBodySha256}</dd>
          <dt className="text-slate-600 dark:text-slate-400">sent</dt>
          <dd className="break-all text-slate-900 dark:text-slate-100">{hashes.sentBodySha256}</dd>
        </dl>
        <p
          className={
            same
              ? 'mt-1 text-sm text-emerald-700 dark:text-emerald-400'
              : 'mt-1 text-sm font-semibold text-red-700 dark:text-red-400'
          }
        >
          {same
            ? 'They match: the bytes that were signed are the bytes that were sent.'
            : 'They differ: the bytes sent are not the bytes that were signed.'}
        </p>
      </div>

      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          String to sign ({result.stringToSign.byteLength} bytes)
        </h3>
        <pre className="max-h-48 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-[12px] break-all whitespace-pre-wrap text-slate-900 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-100">
          {stringToSign.length > 20_000 ? `${stringToSign.slice(0, 20_000)}…` : stringToSign}
        </pre>
        <p className="mt-1 font-mono text-[12px] break-all text-slate-600 dark:text-slate-400">
          signature {result.signature}
        </p>
      </div>
    </div>
  );
}
