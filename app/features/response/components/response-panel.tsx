import { TabList } from '../../../components/tab-list.tsx';
import { groupDigits } from '../../../lib/format.ts';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { RelayResponse, RelayResult, SendProgress } from '../../../../core/contract.ts';
import type { ApiRequestError } from '../../../lib/api-client.ts';
import { ENVIRONMENT_LABEL } from '../../../lib/environment-label.ts';
import type { KeyName } from '../../../lib/key-label.ts';
import { decodeBase64, extensionFor } from '../binary.ts';
import { pageErrorTitle, relayErrorTitle } from '../errors.ts';
import { fileStamp, formatBytes, formatDuration } from '../format.ts';
import { notCurrentLabel, shownTime } from '../shown-request.ts';
import { readQredoError, reasonHint, statusLine, statusTone, type StatusTone } from '../status.ts';
import { BodyView, Notice, RawView } from './body-view.tsx';
import { HeadersTable } from './headers-table.tsx';
import { SmallButton } from './line-viewer.tsx';
import { RequestView } from './request-view.tsx';
import { SendProgressView } from './send-progress-view.tsx';
import { WaterfallView } from './waterfall-view.tsx';

export interface ResponsePanelProps {
  result: RelayResult | null;
  pending: boolean;
  error: ApiRequestError | null;
  /** How the page names the key that signed the shown request. */
  keyName?: KeyName | null;
  /** Why the shown request is no longer the composer's, or null while it is. */
  notCurrent?: string | null;
  /** A send in flight that can be watched and cancelled (shown while `pending`). */
  progress?: { data: SendProgress | null; onCancel: () => void; cancelling: boolean } | null;
  /** Open a tab of the shown result (the history row's duration opens Timing); `seq` tells requests apart. */
  tabRequest?: { tab: TabId; seq: number } | null;
}

export type TabId = 'body' | 'headers' | 'raw' | 'request' | 'timing';
const TAB_LABELS: Record<TabId, string> = {
  body: 'Body',
  headers: 'Headers',
  raw: 'Raw',
  request: 'Request',
  timing: 'Timing',
};

/** Where the response appears: status, timings, size, the body and the request as sent. */
export function ResponsePanel({
  result,
  pending,
  error,
  keyName = null,
  notCurrent = null,
  progress = null,
  tabRequest = null,
}: ResponsePanelProps) {
  const response = result?.response ?? null;
  const identityId = useId();
  // Wrapping is one choice for every response shown, Body and Raw alike.
  const [wrap, setWrap] = useState(false);
  const shown = result && !error ? result : null;
  const dim = shown && notCurrent ? 'opacity-55 transition-opacity' : 'transition-opacity';
  return (
    <section
      aria-label="Response"
      aria-describedby={shown ? identityId : undefined}
      className="flex min-h-0 min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 text-slate-900 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-sm font-semibold">Response</h2>
        {shown && (
          <div className={dim}>
            <Summary result={shown} />
          </div>
        )}
        {response && shown && <ResponseActions response={response} createdAt={shown.createdAt} />}
      </div>
      {shown && <ShownRequest id={identityId} result={shown} keyName={keyName} notCurrent={notCurrent} />}
      {pending &&
        (progress ? (
          <SendProgressView progress={progress.data} onCancel={progress.onCancel} cancelling={progress.cancelling} />
        ) : (
          <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <span aria-hidden="true" className="h-2 w-2 animate-pulse rounded-full bg-sky-500" />
            Sending…
          </p>
        ))}
      {error ? (
        <PageError error={error} />
      ) : result ? (
        <div className={`flex min-h-0 flex-1 flex-col ${dim}`}>
          <ResultView
            key={`${result.id}-${result.createdAt}`}
            result={result}
            wrap={wrap}
            onWrapChange={setWrap}
            tabRequest={tabRequest}
          />
        </div>
      ) : (
        !pending && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Send a request, or pick one from the history, to see its response here.
          </p>
        )
      )}
    </section>
  );
}

/**
 * Which request this is: history number, method and path, environment, key and time. When the
 * composer has moved on (another environment or operation), it says so, and the rest is dimmed.
 */
function ShownRequest(props: { id: string; result: RelayResult; keyName: KeyName | null; notCurrent: string | null }) {
  const { result, keyName, notCurrent } = props;
  // The time of day it was sent, with the date when that was not today: read once per entry.
  // eslint-disable-next-line react-hooks/purity
  const time = useMemo(() => shownTime(result.createdAt, Date.now()), [result.createdAt]);
  const kind = result.kind === 'resend' ? ' · re-send' : result.kind === 'replay' ? ' · replay' : '';
  return (
    <div className="-mt-1 flex flex-col gap-1.5">
      <p id={props.id} className="min-w-0 text-xs break-words text-slate-600 dark:text-slate-400">
        <span className="font-mono font-semibold text-slate-800 dark:text-slate-200">#{result.id}</span>
        {' · '}
        <span className="font-mono break-all" title={`${result.request.method} ${result.request.url}`}>
          <span className="font-semibold">{result.request.method}</span> {result.request.path}
        </span>
        {' · '}
        {ENVIRONMENT_LABEL[result.environment]}
        {' · key '}
        <span className="font-mono" title={keyName?.title ?? `Key id ${result.keyId}`}>
          {keyName?.name ?? result.keyId}
        </span>
        {kind}
        {' · '}
        <time dateTime={new Date(result.createdAt).toISOString()} title={new Date(result.createdAt).toString()}>
          {time}
        </time>
        {/* Said by the marker below on screen; here for the region's description. */}
        {notCurrent && <span className="sr-only">. Not the current request.</span>}
      </p>
      {notCurrent && (
        <p className="flex flex-wrap items-baseline gap-x-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
          <span className="font-semibold">{notCurrentLabel(result)}</span>
          <span>{notCurrent}</span>
        </p>
      )}
    </div>
  );
}

const TONE_CLASSES: Record<StatusTone, string> = {
  success:
    'bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800',
  redirect: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800',
  'client-error':
    'bg-amber-100 text-amber-950 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  'server-error': 'bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  info: 'bg-slate-100 text-slate-900 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-700',
  error: 'bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
};

function Summary({ result }: { result: RelayResult }) {
  const response = result.response;
  const { ttfbMs, totalMs } = result.timings;
  return (
    <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <div className="flex items-center gap-1">
        <dt className="sr-only">Status</dt>
        <dd
          className={`rounded px-2 py-0.5 font-mono text-sm font-semibold ring-1 ${TONE_CLASSES[statusTone(response ? response.status : null)]}`}
        >
          {response ? statusLine(response.status, response.statusText) : 'No response'}
        </dd>
      </div>
      <div className="flex items-center gap-1">
        <dt className="text-slate-600 dark:text-slate-400">Time</dt>
        <dd
          className="font-mono tabular-nums"
          title={ttfbMs !== null ? `First byte after ${formatDuration(ttfbMs)}` : undefined}
        >
          {formatDuration(totalMs)}
          {ttfbMs !== null && (
            <span className="text-slate-600 dark:text-slate-400"> (first byte {formatDuration(ttfbMs)})</span>
          )}
        </dd>
      </div>
      {response && (
        <div className="flex items-center gap-1">
          <dt className="text-slate-600 dark:text-slate-400">Size</dt>
          <dd className="font-mono tabular-nums" title={`${groupDigits(response.size)} bytes`}>
            {formatBytes(response.size)}
            {response.truncated && <span className="text-amber-700 dark:text-amber-400"> (cut)</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}

function ResponseActions({ response, createdAt }: { response: RelayResponse; createdAt: number }) {
  const [note, setNote] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(response.body);
      setNote(response.bodyEncoding === 'base64' ? 'Copied (as base64).' : 'Copied.');
    } catch {
      setNote('Copying failed: the browser did not allow it.');
    }
  };
  const download = () => {
    const binary = response.bodyEncoding === 'base64';
    const data: BlobPart = binary ? (decodeBase64(response.body) as Uint8Array<ArrayBuffer>) : response.body;
    const type = response.headers['content-type'] ?? (binary ? 'application/octet-stream' : 'text/plain');
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `response-${response.status}-${fileStamp(createdAt)}.${extensionFor(response.headers['content-type'], binary)}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setNote('Download started.');
  };
  return (
    <div className="ml-auto flex items-center gap-2">
      <span aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {note}
      </span>
      <SmallButton onClick={() => void copy()}>Copy response</SmallButton>
      <SmallButton onClick={download}>Download response</SmallButton>
    </div>
  );
}

function PageError({ error }: { error: ApiRequestError }) {
  return (
    <div
      role="alert"
      className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <p className="font-semibold">{pageErrorTitle(error.status, error.code)}</p>
      <p className="mt-1">{error.message}</p>
      {error.issues.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {error.issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      <p className="mt-1 font-mono text-xs opacity-80">
        {error.status > 0 ? `HTTP ${error.status} · ` : ''}
        {error.code}
      </p>
      <p className="mt-1 text-xs opacity-80">Nothing was sent upstream.</p>
    </div>
  );
}

function ResultView({
  result,
  wrap,
  onWrapChange,
  tabRequest,
}: {
  result: RelayResult;
  wrap: boolean;
  onWrapChange: (wrap: boolean) => void;
  tabRequest: { tab: TabId; seq: number } | null;
}) {
  const response = result.response;
  const tabs: TabId[] = response ? ['body', 'headers', 'raw', 'request', 'timing'] : ['request', 'timing'];
  const [chosen, setChosen] = useState<TabId>(tabRequest?.tab ?? 'body');
  // A tab asked for from outside (the history row's duration), once per request.
  const [seenRequest, setSeenRequest] = useState(tabRequest?.seq ?? null);
  if (tabRequest && tabRequest.seq !== seenRequest) {
    setSeenRequest(tabRequest.seq);
    setChosen(tabRequest.tab);
  }
  const tab = tabs.includes(chosen) ? chosen : (tabs[0] ?? 'request');
  const qredo =
    response && response.status >= 400 && response.bodyEncoding === 'utf8' ? readQredoError(response.body) : null;
  const location =
    response && response.status >= 300 && response.status < 400 ? (response.headers['location'] ?? null) : null;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      {result.error && (
        <div
          role="alert"
          className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
        >
          <p className="font-semibold">{relayErrorTitle(result.error.code)}</p>
          <p className="mt-1">{result.error.message}</p>
          <p className="mt-1 font-mono text-xs opacity-80">
            {result.error.code} · {result.request.method} {result.request.url}
          </p>
        </div>
      )}
      {qredo && (
        <div className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-50">
          <p className="text-xs font-semibold tracking-wide uppercase opacity-80">
            Qredo says: {qredo.msg} (code {qredo.code})
          </p>
          {qredo.reason ? (
            <p
              className={`mt-1 font-semibold [overflow-wrap:anywhere] ${qredo.reason.length > 40 ? 'text-base' : 'text-lg'}`}
            >
              Reason: <span className={qredo.reason.length > 40 ? '' : 'font-mono'}>{qredo.reason}</span>
            </p>
          ) : (
            <p className="mt-1 text-sm">No reason was given.</p>
          )}
          {qredo.reason && reasonHint(qredo.reason) && <p className="mt-1 text-sm">{reasonHint(qredo.reason)}</p>}
        </div>
      )}
      {response && response.status >= 300 && response.status < 400 && (
        <Notice>
          <span>
            Redirect to <span className="font-mono break-all">{location ?? '(no Location header)'}</span>. The
            playground never follows redirects: the signature covers one URL, and the credentials must not travel to
            another host.
          </span>
        </Notice>
      )}
      <Tabs tabs={tabs} selected={tab} onSelect={setChosen}>
        {tab === 'body' && response && <BodyView response={response} wrap={wrap} onWrapChange={onWrapChange} />}
        {tab === 'headers' && response && (
          <HeadersTable
            headers={response.headers}
            caption="Response headers"
            highlight={(name) => name === 'location'}
          />
        )}
        {tab === 'raw' && response && <RawView response={response} wrap={wrap} onWrapChange={onWrapChange} />}
        {tab === 'request' && <RequestView result={result} wrap={wrap} onWrapChange={onWrapChange} />}
        {tab === 'timing' && <WaterfallView result={result} />}
      </Tabs>
    </div>
  );
}

function Tabs(props: { tabs: TabId[]; selected: TabId; onSelect: (tab: TabId) => void; children: ReactNode }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <TabList
        label="Response views"
        tabs={props.tabs.map((id) => ({ id, label: TAB_LABELS[id] }))}
        selected={props.selected}
        onSelect={props.onSelect}
        tabPadding="px-2 py-1.5 xl:px-3"
        panelClassName="flex min-h-0 flex-1 flex-col"
      >
        {props.children}
      </TabList>
    </div>
  );
}
