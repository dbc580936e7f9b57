import { useId, useState } from 'react';
import type { HistoryEntry, RelayResult } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import type { ConfirmSend } from '../../../lib/confirm-send.ts';
import { entryCurl } from '../../../lib/curl-command.ts';
import { describeWindow } from '../../../lib/timestamp-window.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useDeleteEntry, useHistoryEntry, useReplay, useResend } from '../api/history-api.ts';

/** What can be done with the selected entry: load, re-send, replay (confirmed), delete. */
export function EntryActions(props: {
  id: number;
  onLoad: (entry: HistoryEntry) => void;
  onResult: (result: RelayResult) => void;
  /** Called after the entry is deleted, to move the selection. */
  onDeleted: (id: number) => void;
  /** Asks the page's production question before a re-send; without it, nothing asks. */
  confirmSend?: ConfirmSend;
  /** "Diagnose": the entry goes to the signature doctor. */
  onDiagnose?: (entry: HistoryEntry) => void;
  /** "Compare": the entry becomes one side of a comparison. */
  onCompare?: (entry: HistoryEntry) => void;
  /** "New request from history": the request opens in a new tab. */
  onNewTab?: (entry: HistoryEntry) => void;
  /** "Save to collection": the request is saved as a named request. */
  onSaveToCollection?: (entry: HistoryEntry) => void;
}) {
  const entry = useHistoryEntry(props.id);
  const resend = useResend();
  const replay = useReplay();
  const remove = useDeleteEntry();
  const [confirming, setConfirming] = useState(false);
  const explainId = useId();
  const data = entry.data;
  const production = data?.environment === 'production';
  const busy = resend.isPending || replay.isPending || remove.isPending;
  const failure = resend.error ?? replay.error ?? remove.error;
  const now = useNow(5000);
  const [copied, setCopied] = useState<{ text: string; error: boolean } | null>(null);
  const curl = data ? entryCurl(data) : null;
  const copyCurl = async () => {
    if (!curl) return;
    if (!curl.ok) {
      setCopied({ text: curl.reason, error: true });
      return;
    }
    try {
      await navigator.clipboard.writeText(curl.command);
      setCopied({ text: `Copied #${props.id} as cURL: the exact request that was sent.`, error: false });
    } catch {
      setCopied({ text: 'Copying failed: the browser did not allow it.', error: true });
    }
  };

  return (
    <div
      role="group"
      aria-label="Selected request"
      className="flex flex-col gap-2 border-t border-slate-200 pt-2 dark:border-slate-800"
    >
      <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400">
        {entry.isPending
          ? 'Loading the selected request…'
          : entry.isError
            ? `Could not load request #${props.id}: ${entry.error.message}`
            : data
              ? `#${data.id} ${data.request.method} ${data.request.path}`
              : ''}
      </p>
      <div className="flex flex-wrap gap-1.5">
        <Button size="sm" disabled={!data || busy} onClick={() => data && props.onLoad(data)}>
          Load into composer
        </Button>
        <Button
          size="sm"
          disabled={!data || busy}
          onClick={() => {
            if (!data) return;
            const go = (confirm: boolean) =>
              resend.mutate({ id: props.id, confirm }, { onSuccess: (result) => props.onResult(result) });
            if (!props.confirmSend) go(false);
            else
              props.confirmSend(
                {
                  environment: data.environment,
                  method: data.request.method,
                  path: data.request.path,
                  body: data.request.body,
                  action: `Re-send of history #${data.id}, signed again now`,
                },
                go,
              );
          }}
        >
          {resend.isPending ? 'Re-sending…' : 'Re-send'}
        </Button>
        <Button
          size="sm"
          disabled={!data || busy || production}
          aria-describedby={production ? explainId : undefined}
          onClick={() => setConfirming(true)}
        >
          Replay exact
        </Button>
        <Button size="sm" disabled={!data} onClick={() => void copyCurl()}>
          Copy as cURL
        </Button>
        {props.onNewTab && (
          <Button size="sm" disabled={!data} onClick={() => data && props.onNewTab?.(data)}>
            New request from history
          </Button>
        )}
        {props.onSaveToCollection && (
          <Button size="sm" disabled={!data} onClick={() => data && props.onSaveToCollection?.(data)}>
            Save to collection
          </Button>
        )}
        {props.onDiagnose && (
          <Button size="sm" disabled={!data} onClick={() => data && props.onDiagnose?.(data)}>
            Diagnose
          </Button>
        )}
        {props.onCompare && (
          <Button size="sm" disabled={!data} onClick={() => data && props.onCompare?.(data)}>
            Compare…
          </Button>
        )}
        <Button
          size="sm"
          variant="ghost"
          disabled={busy}
          onClick={() => remove.mutate(props.id, { onSuccess: () => props.onDeleted(props.id) })}
        >
          Delete
        </Button>
      </div>
      {data && (
        <p className="text-[11px] text-slate-500 dark:text-slate-400">
          cURL of #{data.id}: its exact bytes, timestamp {data.timestamp} and signature.{' '}
          {describeWindow(data.timestamp, now, (ms) => new Date(ms).toLocaleTimeString())}
        </p>
      )}
      {copied && (
        <p
          role={copied.error ? 'alert' : 'status'}
          className={`text-xs ${copied.error ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
        >
          {copied.text}
        </p>
      )}
      {production && (
        <p id={explainId} className="text-xs text-slate-600 dark:text-slate-400">
          Replay exact is not offered for production: replaying the same signed bytes could move funds twice. Re-send
          signs again instead.
        </p>
      )}
      {failure && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {failure.message}
        </p>
      )}
      <Dialog open={confirming} title="Replay the exact request?" onClose={() => setConfirming(false)}>
        <div className="flex flex-col gap-3 text-sm text-slate-700 dark:text-slate-300">
          <p>
            Replay sends the same bytes again: the same timestamp
            {data ? <span className="font-mono"> {data.timestamp}</span> : null} and the same signature. The upstream
            may refuse it as a repeat or as too old; if it accepts it, a request that changes something happens twice.
          </p>
          <p>To send it as new, with a fresh timestamp and signature, use Re-send instead.</p>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button
              variant="primary"
              onClick={() => {
                setConfirming(false);
                replay.mutate(
                  { id: props.id, request: { confirm: true } },
                  { onSuccess: (result) => props.onResult(result) },
                );
              }}
            >
              Replay now
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
