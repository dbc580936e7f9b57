import { MAX_API_BODY_BYTES, PartnerDemoKey, ReplayRequest } from '../../core/contract.ts';
import { requireConsent } from '../consent.ts';
import { exchange } from '../exchange.ts';
import { HttpError, readJson, sendJson } from '../http.ts';
import type { Services } from '../services.ts';
import { demoKeyFor, signDraft } from '../signer.ts';
import { entryId } from './history-params.ts';
import type { Handler } from './types.ts';

/**
 * POST /api/history/:id/resend: the same request signed again with a fresh timestamp (linked, like
 * the entry, to the saved request that produced it).
 */
export function createHistoryResendHandler(services: Services): Handler {
  return async (ctx) => {
    const { confirm } = await readJson(ctx.req, ReplayRequest, MAX_API_BODY_BYTES);
    const id = entryId(ctx);
    const entry = services.history().get(id);
    if (!entry) throw new HttpError(404, 'not-found', `There is no history entry ${id}.`);
    if (entry.request.bodyTruncated) {
      throw new HttpError(
        409,
        'body-truncated',
        'This entry’s body was cut at the history limit, so it cannot be sent again.',
      );
    }
    requireConsent({ environment: entry.environment, method: entry.request.method, confirm, nowMs: services.clock() });
    // Keep the unit the entry was signed with: nanosecond timestamps have 19 digits.
    const nanoseconds = entry.timestamp.length >= 17;
    const partner = entry.scheme === 'partner';
    // A nonce is used once: re-sent, it is a fresh one.
    const usedNonce = entry.stringToSign.segments.some((s) => s.name === 'nonce');
    const partnerKey = PartnerDemoKey.safeParse(entry.keyId);
    const signed = await signDraft(services, {
      ...(partner ? { scheme: 'partner' as const } : {}),
      ...(partner && usedNonce ? { nonce: '' } : {}),
      ...(partner && entry.environment === 'mock' && partnerKey.success ? { partnerKey: partnerKey.data } : {}),
      environment: entry.environment,
      method: entry.request.method,
      path: entry.request.path,
      body: entry.request.body,
      ...(entry.request.extraHeaders ? { headers: entry.request.extraHeaders } : {}),
      timestampUnit: nanoseconds ? 'nanoseconds' : 'seconds',
      ...(!partner && entry.environment === 'mock' ? { demoKey: demoKeyFor(entry.keyId) ?? 'full' } : {}),
    });
    const result = await exchange(
      services,
      signed,
      'resend',
      entry.savedRequestId !== undefined ? { savedRequestId: entry.savedRequestId } : {},
    );
    sendJson(ctx.res, services.redactor, 200, result);
  };
}
