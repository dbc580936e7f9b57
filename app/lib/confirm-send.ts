/**
 * The one question asked before a request goes to production: every way of sending (Send, Re-send,
 * a bundle re-run, an imported request) hands its request to the page's ConfirmSend, which asks with
 * the same dialog when core/guardrails says so, and otherwise lets it go at once.
 */
import { useCallback, useState } from 'react';
import type { Environment } from '../../core/contract.ts';
import { needsConfirmation } from '../../core/guardrails.ts';
import { announce } from './announce.ts';

export interface RequestToConfirm {
  environment: Environment;
  method: string;
  path: string;
  body: string | null;
  /** What is sending it, said in the dialog ("Re-send of history #12"); null for the composer's Send. */
  action: string | null;
  /**
   * 'sign' when the request is only signed, not sent (Copy as cURL): a signature for a production
   * mutation is a capability, so the same question is asked, in its own words.
   */
  purpose?: 'send' | 'sign';
}

/** `proceed(true)` after the person confirmed; `proceed(false)` when nothing needed confirming. */
export type ConfirmSend = (request: RequestToConfirm, proceed: (confirmed: boolean) => void) => void;

/**
 * The page's ConfirmSend, and the question it is asking now (null when none): the page shows the
 * question with the environments feature's dialog and passes the answer back.
 */
export function useConfirmSend(): {
  confirmSend: ConfirmSend;
  asking: RequestToConfirm | null;
  answer: (confirmed: boolean) => void;
} {
  const [pending, setPending] = useState<{ request: RequestToConfirm; proceed: () => void } | null>(null);
  const confirmSend: ConfirmSend = useCallback((request, proceed) => {
    if (!needsConfirmation(request.environment, request.method)) proceed(false);
    else setPending({ request, proceed: () => proceed(true) });
  }, []);
  const answer = useCallback(
    (confirmed: boolean) => {
      setPending(null);
      if (confirmed) pending?.proceed();
      else announce('Send to production cancelled.');
    },
    [pending],
  );
  return { confirmSend, asking: pending?.request ?? null, answer };
}
