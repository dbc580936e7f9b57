/**
 * A tab's draft as a saved request (core/workbench's SavedRequest) and back, and a draft made from a
 * history entry. The saved request keeps what a request is (its API, method, path, headers, exact
 * body, environment, demo key or partner, timestamp unit or nonce, capture rules), not how the
 * composer showed it.
 */
import type { HistoryEntry, RequestDraft, SavedRequest, WorkspaceDraft } from '../../../core/contract.ts';
import { demoPartnerOf } from '../../../core/constants.ts';
import { isComputedHeader, isTransportHeader } from '../../../core/headers.ts';
import type { CaptureRule } from '../../../core/workbench/collection.ts';
import { draftMethod } from './tabs.ts';

export function savedRequestFromDraft(
  name: string,
  draft: WorkspaceDraft,
  captures: readonly CaptureRule[] = [],
): SavedRequest {
  const partner = draft.scheme === 'partner';
  const onMock = draft.environment === 'mock';
  return {
    type: 'request',
    name,
    ...(partner ? { scheme: 'partner' as const } : {}),
    method: draftMethod(draft),
    path: draft.path,
    headers: draft.headers
      .filter((h) => h.name !== '' || h.value !== '')
      .map(({ name: n, value }) => ({ name: n, value })),
    body: draft.body === '' ? null : draft.body,
    environment: draft.environment,
    ...(!partner && onMock && draft.demoKey ? { demoKey: draft.demoKey } : {}),
    ...(partner && onMock && draft.partnerKey ? { partnerKey: draft.partnerKey } : {}),
    ...(!partner && draft.timing ? { timestampUnit: draft.timing.unit } : {}),
    ...(partner && draft.nonce !== undefined ? { freshness: 'nonce' as const } : {}),
    captures: captures.map((c) => ({ ...c })),
  };
}

/** A draft's API fields for the Partner API: its partner, and a nonce to be typed or made when it signs one. */
function partnerFields(partnerKey: string | undefined, nonce: boolean): Partial<WorkspaceDraft> {
  const known = demoPartnerOf(partnerKey);
  return {
    scheme: 'partner',
    ...(known ? { partnerKey: known } : {}),
    ...(nonce ? { nonce: '' } : {}),
  };
}

/** A draft for a saved request: sent at send time; the page finds its catalogue operation. */
export function draftFromSaved(saved: SavedRequest): WorkspaceDraft {
  const partner = saved.scheme === 'partner';
  return {
    environment: saved.environment ?? 'mock',
    ...(!partner && saved.demoKey ? { demoKey: saved.demoKey } : {}),
    ...(partner ? partnerFields(saved.partnerKey, saved.freshness === 'nonce') : {}),
    method: saved.method,
    path: saved.path,
    body: saved.body ?? '',
    headers: saved.headers.map(({ name, value }) => ({ name, value })),
    timing: { mode: 'send-time', pinned: '', unit: (!partner && saved.timestampUnit) || 'seconds' },
  };
}

/** "New request from history": the request as it was sent, to be sent again at send time. */
export function draftFromEntry(entry: HistoryEntry, demoKey?: WorkspaceDraft['demoKey']): WorkspaceDraft {
  const partner = entry.scheme === 'partner';
  return {
    environment: entry.environment,
    ...(!partner && entry.environment === 'mock' && demoKey ? { demoKey } : {}),
    // A Partner API entry on the mock names its demo partner as its key id; a nonce is never reused.
    ...(partner
      ? partnerFields(
          entry.environment === 'mock' ? entry.keyId : undefined,
          entry.stringToSign.segments.some((s) => s.name === 'nonce'),
        )
      : {}),
    method: entry.request.method,
    path: entry.request.path,
    body: entry.request.body ?? '',
    headers: (entry.request.extraHeaders ?? []).map(({ name, value }) => ({ name, value })),
    timing: { mode: 'send-time', pinned: '', unit: entry.timestamp.length >= 17 ? 'nanoseconds' : 'seconds' },
  };
}

/**
 * "New request from this" (the doctor's corrected request, an imported bundle's entry): a request
 * handed over from another view, as a draft to be signed again at send time. Only what a request is
 * goes in (API, environment, demo key or partner, method, path with its query, added headers, exact
 * body, timestamp unit): never a pinned timestamp or nonce, and no header a signature or the relay
 * writes, so nothing signed elsewhere comes along.
 */
export function draftFromRequest(request: RequestDraft): WorkspaceDraft {
  const partner = request.scheme === 'partner';
  return {
    environment: request.environment,
    ...(!partner && request.environment === 'mock' && request.demoKey ? { demoKey: request.demoKey } : {}),
    method: request.method,
    path: request.path,
    body: request.body ?? '',
    headers: (request.headers ?? [])
      .filter((h) => !isComputedHeader(h.name) && !isTransportHeader(h.name))
      .map(({ name, value }) => ({ name, value })),
    timing: { mode: 'send-time', pinned: '', unit: partner ? 'seconds' : (request.timestampUnit ?? 'seconds') },
    ...(partner
      ? { scheme: 'partner' as const, ...(request.partnerKey ? { partnerKey: request.partnerKey } : {}) }
      : {}),
  };
}

/** A name for a request saved without one: its method and path, cut to the name limit. */
export function defaultRequestName(draft: Pick<WorkspaceDraft, 'method' | 'customMethod' | 'path'>): string {
  return `${draftMethod(draft)} ${draft.path.split('?', 1)[0] ?? ''}`.trim().slice(0, 200) || 'Request';
}
