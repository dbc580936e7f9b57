import { MAX_API_BODY_BYTES, SendRequest } from '../../core/contract.ts';
import { requireConsent } from '../consent.ts';
import { exchange } from '../exchange.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { signDraft } from '../signer.ts';
import type { Handler } from './types.ts';

/**
 * POST /api/send: signs at send time (or with the pinned timestamp) and relays exactly those bytes;
 * the history entry is linked to the saved request the draft came from, when it names one.
 */
export function createSendHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const request = await readJson(req, SendRequest, MAX_API_BODY_BYTES);
    requireConsent({ ...request, nowMs: services.clock() });
    const { confirm: _confirm, sendId, savedRequestId, ...draft } = request;
    if (savedRequestId !== undefined && !services.workbench().collections.hasRequest(savedRequestId))
      throw new HttpError(
        400,
        'bad-saved-request',
        `There is no saved request ${savedRequestId} (it may have been deleted): send without it, or save the request again.`,
      );
    const signed = await signDraft(services, draft);
    const result = await exchange(services, signed, 'send', {
      ...(sendId !== undefined ? { sendId } : {}),
      ...(savedRequestId !== undefined ? { savedRequestId } : {}),
    });
    sendJson(res, services.redactor, 200, result);
  };
}
