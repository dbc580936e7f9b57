import { needsConfirmation } from '../../core/guardrails.ts';
import { MAX_API_BODY_BYTES, SendRequest, type Environment } from '../../core/contract.ts';
import { exchange } from '../exchange.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { signDraft } from '../signer.ts';
import type { Handler } from './types.ts';

/**
 * A POST, PUT, PATCH or DELETE (any non-safe method) to production needs an explicit confirmation.
 * The message speaks to the person, of what to do (`how`: in the page, or the CLI's flag), never of
 * the wire field that carries the answer.
 */
export function requireConfirmation(
  environment: Environment,
  method: string,
  confirm: boolean | undefined,
  how = 'Confirm it in the page first.',
): void {
  if (needsConfirmation(environment, method) && confirm !== true) {
    throw new HttpError(
      403,
      'confirmation-required',
      `A ${method} to production can move funds, so it is sent only after you confirm it. ${how}`,
    );
  }
}

/** POST /api/send: signs at send time (or with the pinned timestamp) and relays exactly those bytes. */
export function createSendHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const request = await readJson(req, SendRequest, MAX_API_BODY_BYTES);
    requireConfirmation(request.environment, request.method, request.confirm);
    const { confirm: _confirm, ...draft } = request;
    const signed = await signDraft(services, draft);
    const result = await exchange(services, signed, 'send');
    sendJson(res, services.redactor, 200, result);
  };
}
