/**
 * The one question asked before a request goes to production: every way of sending (Send, Re-send,
 * a bundle re-run, an imported request) hands its request to the page's ConfirmSend, which asks with
 * the same dialog when core/guardrails says so, and otherwise lets it go at once.
 */
import type { Environment } from '../../core/contract.ts';

export interface RequestToConfirm {
  environment: Environment;
  method: string;
  path: string;
  body: string | null;
  /** What is sending it, said in the dialog ("Re-send of history #12"); null for the composer's Send. */
  action: string | null;
}

/** `proceed(true)` after the person confirmed; `proceed(false)` when nothing needed confirming. */
export type ConfirmSend = (request: RequestToConfirm, proceed: (confirmed: boolean) => void) => void;
