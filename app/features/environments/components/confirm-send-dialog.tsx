import { groupDigits } from '../../../lib/format.ts';
import { useId } from 'react';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { describeUnexpectedBody, unexpectedBody } from '../../../../core/request-body.ts';
import { joinUrl } from '../../../../core/signing/url.ts';
import type { RequestToConfirm } from '../../../lib/confirm-send.ts';
import { useSession } from '../api/session.ts';

export interface ConfirmSendDialogProps {
  open: boolean;
  method: string;
  /** The full URL the request will go to (or the path when the base URL is unknown). */
  url: string;
  body: string | null;
  /** What is sending it ("Re-send of history #12, signed again now"); null for the composer's Send. */
  action?: string | null;
  /** 'sign': the request is signed to be copied, not sent. */
  purpose?: 'send' | 'sign';
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asked before a mutating request goes to production; Send happens only after "Send to production". */
export function ConfirmSendDialog({
  open,
  method,
  url,
  body,
  action = null,
  purpose = 'send',
  onConfirm,
  onCancel,
}: ConfirmSendDialogProps) {
  const descId = useId();
  const unexpected = unexpectedBody(method, body);
  const signOnly = purpose === 'sign';
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      tone="danger"
      describedBy={descId}
      initialFocus="[data-autofocus]"
      title={signOnly ? `Sign ${method.toUpperCase()} for production?` : `Send ${method.toUpperCase()} to production?`}
    >
      <div id={descId} className="space-y-3 text-sm">
        {action && <p className="font-medium">{action}.</p>}
        {signOnly ? (
          <p>
            This signs the request with your production key and copies it, ready to run: whoever runs the command within
            the timestamp window sends it to the <strong className="text-env-production">live Qredo API</strong>. A{' '}
            {method.toUpperCase()} there can create real transactions.
          </p>
        ) : (
          <p>
            This request goes to the <strong className="text-env-production">live Qredo API</strong>, signed with your
            production key. A {method.toUpperCase()} there can create real transactions.
          </p>
        )}
        <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all dark:border-slate-700 dark:bg-slate-950">
          <span className="font-semibold text-env-production">{method.toUpperCase()}</span> {url}
        </p>
        {unexpected ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs font-medium text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200">
            {describeUnexpectedBody(unexpected)}, although a {method.toUpperCase()} takes no body.
          </p>
        ) : (
          body !== null && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              With a body of {groupDigits(new TextEncoder().encode(body).length)} bytes, sent exactly as shown in the
              string to sign.
            </p>
          )
        )}
      </div>
      <div className="mt-5 flex justify-end gap-2">
        <Button onClick={onCancel} data-autofocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm}>
          {signOnly ? 'Sign and copy' : 'Send to production'}
        </Button>
      </div>
    </Dialog>
  );
}

/** The production question for a request (none open when `request` is null), its URL from the session's base URLs. */
export function ConfirmSendQuestion({
  request,
  onAnswer,
}: {
  request: RequestToConfirm | null;
  onAnswer: (confirmed: boolean) => void;
}) {
  const environments = useSession().data?.environments;
  const base = environments?.find((e) => e.name === request?.environment)?.baseUrl;
  return (
    <ConfirmSendDialog
      open={request !== null}
      method={request?.method ?? ''}
      url={request ? (base ? joinUrl(base, request.path) : request.path) : ''}
      body={request?.body ?? null}
      action={request?.action ?? null}
      purpose={request?.purpose ?? 'send'}
      onCancel={() => onAnswer(false)}
      onConfirm={() => onAnswer(true)}
    />
  );
}
