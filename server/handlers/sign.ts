import { MAX_API_BODY_BYTES, SignRequest, type SignResponse } from '../../core/contract.ts';
import { requireConsent } from '../consent.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { segmentsView, signDraft } from '../signer.ts';
import type { Handler } from './types.ts';

/** POST /api/sign: the string-to-sign, signature and headers for a draft, without sending it. */
export function createSignHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const { confirm, ...draft } = await readJson(req, SignRequest, MAX_API_BODY_BYTES);
    requireConsent({ ...draft, confirm, nowMs: services.clock() });
    const signed = await signDraft(services, draft);
    const body: SignResponse = {
      scheme: signed.scheme,
      environment: signed.environment,
      keyId: signed.keyId,
      method: signed.method,
      url: signed.url,
      timestamp: signed.timestamp,
      timestampAtSendTime: signed.timestampAtSendTime,
      stringToSign: segmentsView(signed.stringToSign),
      signature: signed.signature,
      headers: signed.headers.slice(0, 3).map(([name, value]) => ({ name, value })),
      bodySha256: signed.bodySha256,
    };
    sendJson(res, services.redactor, 200, body);
  };
}
