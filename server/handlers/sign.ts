import { MAX_API_BODY_BYTES, SignRequest, type SignResponse } from '../../core/contract.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { segmentsView, signDraft } from '../signer.ts';
import type { Handler } from './types.ts';

/** POST /api/sign: the string-to-sign, signature and headers for a draft, without sending it. */
export function createSignHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const draft = await readJson(req, SignRequest, MAX_API_BODY_BYTES);
    const signed = await signDraft(services, draft);
    const [key, ts, sig] = signed.headers;
    const body: SignResponse = {
      environment: signed.environment,
      keyId: signed.keyId,
      method: signed.method,
      url: signed.url,
      timestamp: signed.timestamp,
      timestampAtSendTime: signed.timestampAtSendTime,
      stringToSign: segmentsView(signed.stringToSign),
      signature: signed.signature,
      headers: { [key![0]]: key![1], [ts![0]]: ts![1], [sig![0]]: sig![1] } as SignResponse['headers'],
      bodySha256: signed.bodySha256,
    };
    sendJson(res, services.redactor, 200, body);
  };
}
