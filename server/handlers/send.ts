import { MAX_API_BODY_BYTES, SendRequest } from '../../core/contract.ts';
import { requireConsent } from '../consent.ts';
import { exchange } from '../exchange.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { signDraft } from '../signer.ts';
import type { Handler } from './types.ts';

/** POST /api/send: signs at send time (or with the pinned timestamp) and relays exactly those bytes. */
export function createSendHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const request = await readJson(req, SendRequest, MAX_API_BODY_BYTES);
    requireConsent({ ...request, nowMs: services.clock() });
    const { confirm: _confirm, sendId, ...draft } = request;
    const signed = await signDraft(services, draft);
    const result = await exchange(services, signed, 'send', sendId === undefined ? {} : { sendId });
    sendJson(res, services.redactor, 200, result);
  };
}
