import { z } from '../../core/zod.ts';
import {
  CaptureCurl,
  CaptureFields,
  CaptureRaw,
  DoctorRequest,
  describeIssues,
  type DoctorResponse,
} from '../../core/contract.ts';
import { captureFromRequest, jsonNestingDepth, type Capture } from '../../core/doctor/index.ts';
import { pinnedTimestampRefusal } from '../../core/guardrails.ts';
import { decodeSecret } from '../../core/signing/index.ts';
import { requireConsent } from '../consent.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { credentialsFor, demoKeyFor } from '../signer.ts';
import { capturedFromPaste } from './doctor-capture.ts';
import { diagnosePartnerRequest, partnerCaptureFromInput } from './doctor-partner.ts';
import type { Handler } from './types.ts';

/** The largest captured body the doctor diagnoses: each mistake is replayed over it a few hundred times. */
export const MAX_CAPTURE_BODY_BYTES = 1024 * 1024;
/** Deeper JSON than any API takes: a body nested further is refused rather than re-written in a dozen styles. */
export const MAX_CAPTURE_JSON_DEPTH = 512;
/** The whole request: a cURL or raw capture holding such a body, with room for JSON escaping. */
const MAX_DOCTOR_REQUEST_BYTES = 3 * MAX_CAPTURE_BODY_BYTES;

/** The capture as fields, from whichever form the page sent. */
export function captureFromInput(input: DoctorRequest['capture']): { capture: Capture; notes: string[] } {
  if ('curl' in input || 'raw' in input) return capturedFromPaste(input, captureFromRequest);
  const capture: Capture = { ...input };
  return { capture, notes: [] };
}

/** The envelope first, then the capture against the one form it claims to be, for precise messages. */
async function readDoctorRequest(req: Parameters<Handler>[0]['req']): Promise<DoctorRequest> {
  const envelope = await readJson(req, DoctorRequest.extend({ capture: z.unknown() }), MAX_DOCTOR_REQUEST_BYTES);
  const raw = envelope.capture;
  if (raw === undefined)
    throw new HttpError(
      400,
      'invalid-request',
      'The request is not valid: capture: give the captured request as fields, { curl } or { raw }.',
      ['capture: missing'],
    );
  const isObject = typeof raw === 'object' && raw !== null;
  const schema = isObject && 'curl' in raw ? CaptureCurl : isObject && 'raw' in raw ? CaptureRaw : CaptureFields;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error).map((i) => `capture.${i}`);
    throw new HttpError(400, 'invalid-request', `The request is not valid: ${issues.join('; ')}`, issues);
  }
  return { ...envelope, capture: parsed.data };
}

/** The body limits, the same for both schemes: each mistake is replayed over the body. */
function checkCaptureBody(body: string | null): void {
  const bodyBytes = body === null ? 0 : Buffer.byteLength(body, 'utf8');
  if (bodyBytes > MAX_CAPTURE_BODY_BYTES) {
    throw new HttpError(
      413,
      'capture-too-large',
      `The captured body is ${bodyBytes} bytes; the doctor diagnoses bodies up to ${MAX_CAPTURE_BODY_BYTES} bytes (1 MiB). Diagnose a smaller request that fails the same way.`,
    );
  }
  if (body !== null && jsonNestingDepth(body) > MAX_CAPTURE_JSON_DEPTH) {
    throw new HttpError(
      422,
      'capture-too-deep',
      `The captured body nests brackets more than ${MAX_CAPTURE_JSON_DEPTH} levels deep; no Qredo request does. Diagnose the request with the body it really sent.`,
    );
  }
}

/**
 * POST /api/doctor: checks a captured request against the environment's own key, by its scheme: v1's
 * secret (for the mock, a demo key), or the Partner API's public key (for the mock, a demo partner's),
 * and names the mistake when the signature is wrong. The secret and the private key stay on the server.
 */
export function createDoctorHandler(services: Services): Handler {
  return async ({ req, res }) => {
    const request = await readDoctorRequest(req);
    if (request.scheme === 'partner') {
      if (request.demoKey !== undefined)
        throw new HttpError(
          400,
          'invalid-request',
          'A demo key is a Qredo API v1 key; for the Partner API give partnerKey.',
        );
      const { capture, notes } = partnerCaptureFromInput(request.capture);
      checkCaptureBody(capture.body);
      sendJson(res, services.redactor, 200, await diagnosePartnerRequest(services, request, capture, notes));
      return;
    }
    if (request.partnerKey !== undefined)
      throw new HttpError(400, 'invalid-request', 'partnerKey is for the Partner API: add scheme "partner".');
    const { capture, notes } = captureFromInput(request.capture);
    checkCaptureBody(capture.body);
    const nowMs = services.clock();
    const signedTimestamp = capture.headerTimestamp ?? capture.timestamp;
    // The expected signature of a production mutation could be sent by anyone who reads it: the same
    // confirmation as a send, and never for a timestamp far ahead (then the doctor says why, without it).
    const withheld = pinnedTimestampRefusal(request.environment, capture.method, signedTimestamp, nowMs);
    requireConsent({ environment: request.environment, method: capture.method, confirm: request.confirm, nowMs });
    const demoKey =
      request.environment === 'mock'
        ? (request.demoKey ?? (capture.keyId ? demoKeyFor(capture.keyId) : undefined))
        : undefined;
    const { keyId, secret } = credentialsFor(services, request.environment, demoKey);
    const decoded = decodeSecret(secret);
    if (!decoded.ok)
      throw new HttpError(
        400,
        'bad-secret',
        `The secret configured for ${request.environment} cannot be used: ${decoded.error}`,
      );
    const diagnosis = await services.doctor.run(capture, decoded.key, {
      now: Math.floor(nowMs / 1000),
      rawSecret: secret,
      knownBaseUrls: Object.values(services.config.baseUrls),
    });
    const keyIdMatches = capture.keyId === undefined ? null : capture.keyId === keyId;
    const extraNotes =
      keyIdMatches === false
        ? [
            `The capture's key id is not ${keyId}, the key checked against; a signature made with another key's secret cannot match.`,
          ]
        : [];
    const body: DoctorResponse = {
      environment: request.environment,
      keyId,
      keyIdMatches,
      capture: capture satisfies CaptureFields,
      valid: diagnosis.valid,
      signatureMatches: diagnosis.signatureMatches,
      expected: withheld ? '' : diagnosis.expected,
      components: withheld ? diagnosis.components.map(({ expected: _withheld, ...c }) => c) : diagnosis.components,
      causes: diagnosis.causes,
      reproduced: diagnosis.reproduced,
      summary: diagnosis.summary,
      notes: [
        ...notes,
        ...extraNotes,
        ...(withheld ? [`The expected signature is not shown. ${withheld}`] : []),
        ...diagnosis.notes,
      ],
      variantsTried: diagnosis.variantsTried,
    };
    sendJson(res, services.redactor, 200, body);
  };
}
