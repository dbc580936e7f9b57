import type { Environment } from '../core/contract.ts';
import { needsConfirmation, pinnedTimestampRefusal } from '../core/guardrails.ts';
import { HttpError } from './http.ts';

/**
 * A request that could move funds (a non-safe method to production) is signed or sent only with the
 * person's confirmation, and never signed with a timestamp far ahead: such a signature is a
 * capability that outlives the moment. The rules themselves live in core/guardrails.ts.
 */
export function requireConsent(request: {
  environment: Environment;
  method: string;
  timestamp?: string | undefined;
  confirm?: boolean | undefined;
  nowMs: number;
  /** What the person does to confirm, where they are (the page by default; the CLI names its flag). */
  how?: string;
}): void {
  const refusal = pinnedTimestampRefusal(request.environment, request.method, request.timestamp, request.nowMs);
  if (refusal) throw new HttpError(403, 'timestamp-too-far', refusal);
  if (needsConfirmation(request.environment, request.method) && request.confirm !== true) {
    throw new HttpError(
      403,
      'confirmation-required',
      `A ${request.method.toUpperCase()} to production can move funds, so it is signed and sent only after you confirm it. ${request.how ?? 'Confirm it in the page first.'}`,
    );
  }
}
