/** Turns a pasted Partner API request (cURL or raw HTTP, already parsed) into a capture the doctor can check. */
import { present } from '../checked.ts';
import { headerValue, type ImportedRequest } from '../import/types.ts';
import {
  PARTNER_HEADER_NONCE,
  PARTNER_HEADER_SIGNATURE,
  PARTNER_HEADER_TIMESTAMP,
  choosePartnerValue,
} from '../partner/index.ts';
import { HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../signing/index.ts';
import type { PartnerCapture } from './partner.ts';

export type PartnerCaptureResult =
  { ok: true; capture: PartnerCapture; notes: string[] } | { ok: false; error: string };

/**
 * Reads x-sign and x-timestamp / x-nonce (an empty one counts as absent, as servers read it). The
 * X-API-KEY's value is never read: only whether the header was there, through the header names.
 */
export function partnerCaptureFromRequest(request: ImportedRequest): PartnerCaptureResult {
  const notes: string[] = [];
  let signature = headerValue(request, PARTNER_HEADER_SIGNATURE);
  if (signature === undefined) {
    const v1 = headerValue(request, HEADER_SIGNATURE);
    if (v1 !== undefined) {
      notes.push(`Read "${HEADER_SIGNATURE}" (the Qredo API v1 name) as "${PARTNER_HEADER_SIGNATURE}".`);
      signature = v1;
    }
  }
  if (signature === undefined)
    return {
      ok: false,
      error: `The request has no "${PARTNER_HEADER_SIGNATURE}" header, so there is no signature to check.`,
    };
  let timestamp = headerValue(request, PARTNER_HEADER_TIMESTAMP)?.trim();
  if (timestamp === undefined) {
    const v1 = headerValue(request, HEADER_TIMESTAMP)?.trim();
    if (v1 !== undefined) {
      notes.push(`Read "${HEADER_TIMESTAMP}" (the Qredo API v1 name) as "${PARTNER_HEADER_TIMESTAMP}".`);
      timestamp = v1;
    }
  }
  const nonce = headerValue(request, PARTNER_HEADER_NONCE)?.trim();
  const choice = choosePartnerValue(timestamp, nonce);
  if (!choice.ok && choice.problem === 'missing')
    return {
      ok: false,
      error: `The request has neither "${PARTNER_HEADER_TIMESTAMP}" nor "${PARTNER_HEADER_NONCE}" with a value, so the signed value is unknown.`,
    };
  if (timestamp === '' && nonce) notes.push(`"${PARTNER_HEADER_TIMESTAMP}" is empty: it counts as absent.`);
  if (nonce === '' && timestamp) notes.push(`"${PARTNER_HEADER_NONCE}" is empty: it counts as absent.`);
  const capture: PartnerCapture = choice.ok
    ? {
        freshness: choice.kind,
        value: choice.value,
        method: request.method,
        url: request.url,
        body: request.body,
        signature: signature.trim(),
      }
    : {
        freshness: 'timestamp',
        // Not ok and not missing: both headers are there.
        value: present(timestamp, 'the timestamp'),
        alsoNonce: present(nonce, 'the nonce'),
        method: request.method,
        url: request.url,
        body: request.body,
        signature: signature.trim(),
      };
  capture.headerNames = request.headers.map((h) => h.name.toLowerCase());
  return { ok: true, capture, notes: [...request.notes, ...notes] };
}
