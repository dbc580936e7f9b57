import { needsConfirmation } from '../../core/guardrails.ts';
import { MAX_API_BODY_BYTES, SendRequest, type Environment } from '../../core/contract.ts';
import { exchange } from '../exchange.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { signDraft } from '../signer.ts';
import type { Handler } from './types.ts';

/** A POST, PUT, PATCH or DELETE (any non-safe method) to production needs an explicit confirmation. */
export function requireConfirmation(environment: Environment, method: string, confirm: boolean | undefined): void {
  if (needsConfirmation(environment, method) && confirm !== true) {
    throw new HttpError(
      403,
      'confirmation-required',
      `A ${method} to production can move funds: confirm it in the page (the request must carry "confirm": true).`,
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
