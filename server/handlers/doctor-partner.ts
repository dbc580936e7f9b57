/**
 * The Partner API half of POST /api/doctor (server/handlers/doctor.ts dispatches by scheme): the
 * capture is checked against the public key of the environment's partner key (for the mock, a demo
 * partner's), by verifying the captured signature over each replayed mistake. The private key signs
 * only the expected signature shown beside the captured one, and never leaves the server.
 */
import type { DoctorRequest, DoctorResponse, PartnerDemoKey } from '../../core/contract.ts';
import { partnerCaptureFromRequest, type PartnerCapture, type PartnerDiagnosis } from '../../core/doctor/index.ts';
import { pinnedTimestampRefusal, needsConfirmation } from '../../core/guardrails.ts';
import { buildPartnerPayload, decodePartnerSignature, PARTNER_NONCE_MAX_LENGTH } from '../../core/partner/index.ts';
import { base64url } from '../../core/signing/index.ts';
import { requireConsent } from '../consent.ts';
import { nodeRsaDigestRecovery } from '../crypto.ts';
import { capturedFromPaste } from './doctor-capture.ts';
import { HttpError } from '../http.ts';
import { PARTNER_DEMO_KEYS } from '../mock/partner/keys.ts';
import type { Services } from '../services.ts';
import { partnerKeyFor } from '../signer.ts';

/** The capture as the Partner doctor reads it, from whichever form the page sent. */
export function partnerCaptureFromInput(input: DoctorRequest['capture']): { capture: PartnerCapture; notes: string[] } {
  if ('curl' in input || 'raw' in input) {
    const result = capturedFromPaste(input, partnerCaptureFromRequest);
    if (result.capture.value.length > 64 || (result.capture.alsoNonce?.length ?? 0) > 256)
      throw new HttpError(
        400,
        'bad-capture',
        `The x-timestamp or x-nonce is longer than ${PARTNER_NONCE_MAX_LENGTH} characters; no server takes it.`,
      );
    return result;
  }
  const freshness = input.freshness ?? 'timestamp';
  const notes: string[] = [];
  if (input.keyId !== undefined)
    notes.push('The key id field is not read for the Partner API: the X-API-KEY is a secret.');
  const capture: PartnerCapture = {
    freshness,
    value: input.timestamp,
    method: input.method,
    url: input.url,
    body: input.body,
    signature: input.signature,
    ...(input.headerNames ? { headerNames: input.headerNames } : {}),
    ...(input.nonce !== undefined && freshness === 'timestamp' ? { alsoNonce: input.nonce } : {}),
  };
  return { capture, notes };
}

/** The demo partner whose key pair made this signature, if one did (read with each public key). */
function demoPartnerFor(signature: string): PartnerDemoKey | undefined {
  const text = signature.trim().replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const decoded = decodePartnerSignature(text);
  if (!decoded.ok) return undefined;
  return PARTNER_DEMO_KEYS.find((k) => nodeRsaDigestRecovery(k.publicKey)(decoded.bytes) !== null)?.id as
    PartnerDemoKey | undefined;
}

export async function diagnosePartnerRequest(
  services: Services,
  request: DoctorRequest,
  capture: PartnerCapture,
  notes: string[],
): Promise<DoctorResponse> {
  const nowMs = services.clock();
  const { environment } = request;
  // The expected signature of a production mutation could be sent by anyone who reads it: the same
  // confirmation as a send; never for a timestamp far ahead, and never over a nonce (it does not expire).
  requireConsent({ environment, method: capture.method, confirm: request.confirm, nowMs });
  const withheld =
    capture.freshness === 'nonce'
      ? needsConfirmation(environment, capture.method)
        ? `A signature over an x-nonce does not expire, so for a ${capture.method.toUpperCase()} to production it is not shown.`
        : null
      : pinnedTimestampRefusal(environment, capture.method, capture.value, nowMs);
  const partnerKey = environment === 'mock' ? (request.partnerKey ?? demoPartnerFor(capture.signature)) : undefined;
  const key = partnerKeyFor(services, environment, partnerKey);
  const diagnosis: PartnerDiagnosis = await services.doctor.runPartner(capture, key.publicKeyPem, {
    now: Math.floor(nowMs / 1000),
    knownBaseUrls: Object.values(services.config.partnerBaseUrls),
    modulusBytes: key.modulusBytes,
  });
  const expected = withheld
    ? ''
    : base64url(
        await key.signer(
          buildPartnerPayload({ kind: capture.freshness, value: capture.value, url: capture.url, body: capture.body })
            .bytes,
        ),
      );
  return {
    scheme: 'partner',
    environment,
    keyId: key.keyId,
    keyIdMatches: null,
    capture: {
      timestamp: capture.value,
      freshness: capture.freshness,
      method: capture.method,
      url: capture.url,
      body: capture.body,
      signature: capture.signature,
      ...(capture.headerNames ? { headerNames: capture.headerNames } : {}),
      ...(capture.alsoNonce !== undefined ? { nonce: capture.alsoNonce } : {}),
    },
    valid: diagnosis.valid,
    signatureMatches: diagnosis.signatureMatches,
    expected,
    components: diagnosis.components.map((c) => {
      if (c.name !== 'signature') return c;
      const { expected: _none, ...rest } = c;
      return expected ? { ...rest, expected } : rest;
    }),
    causes: diagnosis.causes,
    reproduced: diagnosis.reproduced,
    summary: diagnosis.summary,
    notes: [
      ...notes,
      ...(partnerKey && !request.partnerKey
        ? [`Checked against the demo partner ${partnerKey}, whose key pair made the signature.`]
        : []),
      ...(withheld ? [`The expected signature is not shown. ${withheld}`] : []),
      ...diagnosis.notes,
    ],
    variantsTried: diagnosis.variantsTried,
    keyPairMatches: diagnosis.keyPairMatches,
    signedSha256Hex: diagnosis.signedSha256Hex,
  };
}
