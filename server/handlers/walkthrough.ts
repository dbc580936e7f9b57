import { MAX_API_BODY_BYTES, WalkthroughRequest, type WalkthroughResponse } from '../../core/contract.ts';
import { base64standard, decodeSecret, signedHeaders, toHex } from '../../core/signing/index.ts';
import { nodeHmac } from '../crypto.ts';
import { requireConsent } from '../consent.ts';
import { readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { credentialsFor, segmentsView, signDraft } from '../signer.ts';
import type { Handler } from './types.ts';
import { partnerWalkthrough } from './walkthrough-partner.ts';

/**
 * POST /api/walkthrough: every intermediate value of signing a draft, for teaching. The key bytes
 * are given only for the mock's demo keys (public by design); for sandbox and production only their
 * length. The secret itself never leaves. A draft with `scheme: "partner"` gets the Partner API's
 * pipeline instead (PartnerWalkthroughResponse, server/handlers/walkthrough-partner.ts).
 */
export function createWalkthroughHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const { confirm, ...draft } = await readJson(req, WalkthroughRequest, MAX_API_BODY_BYTES);
    requireConsent({ ...draft, confirm, nowMs: services.clock() });
    if (draft.scheme === 'partner') {
      sendJson(res, services.redactor, 200, await partnerWalkthrough(services, draft));
      return;
    }
    const signed = await signDraft(services, draft);
    const demoKey = draft.environment === 'mock' ? (draft.demoKey ?? 'full') : null;
    const { secret } = credentialsFor(services, draft.environment, demoKey ?? undefined);
    const decoded = decodeSecret(secret);
    // signDraft has already refused a secret that does not decode.
    const key = decoded.ok ? decoded.key : new Uint8Array();
    const mac = await nodeHmac(key, signed.stringToSign.bytes);
    const rawKeyMac = await nodeHmac(new TextEncoder().encode(secret), signed.stringToSign.bytes);
    const body: WalkthroughResponse = {
      environment: signed.environment,
      keyId: signed.keyId,
      demoKey,
      key: {
        bytes: demoKey ? Array.from(key) : null,
        reason: demoKey
          ? null
          : `The key bytes of a ${draft.environment} key are never shown; only their length is. Use the mock's demo keys or the published example to see them.`,
        length: key.length,
        warnings: decoded.ok ? decoded.warnings : [],
      },
      method: signed.method,
      url: signed.url,
      timestamp: signed.timestamp,
      body: signed.body,
      stringToSign: segmentsView(signed.stringToSign),
      hmacHex: toHex(mac),
      signature: signed.signature,
      headers: signedHeaders(signed.keyId, signed.timestamp, signed.signature),
      contrasts: {
        secretNotDecoded: base64standard(rawKeyMac).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
        standardBase64: base64standard(mac).replace(/=+$/, ''),
        padded: base64standard(mac).replace(/\+/g, '-').replace(/\//g, '_'),
      },
    };
    sendJson(res, services.redactor, 200, body);
  };
}
