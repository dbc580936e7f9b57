/** Pure mappers for bundles in the page: file names, re-run drafts, demo keys. No React. */
import type { BundleEntry } from '../../../core/bundle/index.ts';
import type { DemoKey, DemoKeyInfo, Environment, RequestDraft, SendRequest } from '../../../core/contract.ts';
import { isComputedHeader, isSensitiveHeader, isTransportHeader } from '../../../core/headers.ts';
import { demoPartnerOf } from '../../../core/constants.ts';
import { schemeOf } from '../../../core/schemes.ts';
import { pathFromUrl } from '../../lib/qredo-url.ts';

/** Where a bundle entry can be re-run: anywhere, production only after the page's confirmation. */
export type RerunEnvironment = Environment;

export type RerunDraft = { ok: true; request: SendRequest; note: string | null } | { ok: false; error: string };

/**
 * The send request that re-runs a bundle entry: same method and exact body, the path with the
 * sender's base removed, a fresh timestamp (signed again with one's own key, never replayed).
 */
export function draftFromBundleEntry(
  entry: BundleEntry,
  environment: RerunEnvironment,
  bases: readonly string[],
  demoKeys: readonly DemoKeyInfo[] = [],
): RerunDraft {
  const found = pathFromUrl(entry.request.url, bases, schemeOf(entry.scheme).basePath);
  if (!found.ok) return { ok: false, error: `Cannot re-run: ${found.error}` };
  const request: SendRequest = {
    environment,
    method: entry.request.method,
    path: found.path,
    body: entry.request.body,
  };
  let note: string | null = null;
  if (entry.request.bodyTruncated)
    return {
      ok: false,
      error: 'Cannot re-run: the bundle holds only the start of this body (it was cut at the history limit).',
    };
  if (entry.scheme === 'partner') {
    // The Partner API's: signed by its own scheme, by the same demo partner on the mock.
    request.scheme = 'partner';
    if (environment === 'mock') {
      const partnerKey = demoPartnerOf(entry.keyId);
      if (partnerKey) request.partnerKey = partnerKey;
      else note = `The sender's partner key is not a demo partner's; the mock's Northwind demo partner signs instead.`;
    }
  } else if (environment === 'mock') {
    const demo: DemoKey | undefined = demoKeys.find((k) => k.keyId === entry.keyId)?.id;
    if (demo) request.demoKey = demo;
    else note = `The sender's key ${entry.keyId} is not a demo key; the mock's full demo key signs instead.`;
  }
  return { ok: true, request, note };
}

export type BundleRequest = { ok: true; request: RequestDraft; note: string | null } | { ok: false; error: string };

/**
 * "New request from this" and "Save to collection…" on a bundle entry: the same request as a re-run
 * on the chosen environment (method, path with its query, exact body, the demo key on the mock) and
 * the headers the sender added. A header whose value is a credential (or was redacted) is left out,
 * as are the signing and transport headers: a request made from a bundle holds no secret.
 */
export function requestFromBundleEntry(
  entry: BundleEntry,
  environment: RerunEnvironment,
  bases: readonly string[],
  demoKeys: readonly DemoKeyInfo[] = [],
): BundleRequest {
  const rerun = draftFromBundleEntry(entry, environment, bases, demoKeys);
  if (!rerun.ok)
    return { ok: false, error: rerun.error.replace(/^Cannot re-run: /, 'Cannot make a request from it: ') };
  const added = entry.request.extraHeaders ?? [];
  const kept = added.filter(
    (h) =>
      !isSensitiveHeader(h.name) && !isComputedHeader(h.name) && !isTransportHeader(h.name) && h.value !== '[redacted]',
  );
  const left = added.filter((h) => !kept.includes(h)).map((h) => h.name);
  const request: RequestDraft = {
    ...rerun.request,
    ...(kept.length > 0 ? { headers: kept.map(({ name, value }) => ({ name, value })) } : {}),
    ...(entry.scheme === 'partner' ? {} : { timestampUnit: entry.timestamp.length >= 17 ? 'nanoseconds' : 'seconds' }),
  };
  const leftNote =
    left.length > 0 ? `Left out header ${left.join(', ')}: credentials and signing headers are never carried.` : null;
  const notes = [rerun.note, leftNote].filter((n): n is string => n !== null);
  return { ok: true, request, note: notes.length > 0 ? notes.join(' ') : null };
}

/** A file name for an export: qredo-bundle-<env>-<method>-<path>-<ms>.json */
export function exportFileName(
  entry: Pick<BundleEntry, 'environment' | 'request' | 'createdAt'>,
  ext: 'json' | 'har',
): string {
  const slug = `${entry.request.method}-${entry.request.path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `qredo-${ext === 'har' ? 'har' : 'bundle'}-${entry.environment}-${slug}-${Math.floor(entry.createdAt)}.${ext}`;
}

/** Most characters of a response or request body rendered at once; the rest is summarised. */
export const MAX_SHOWN_CHARS = 200_000;

export function clip(text: string): { text: string; hidden: number } {
  return text.length > MAX_SHOWN_CHARS
    ? { text: text.slice(0, MAX_SHOWN_CHARS), hidden: text.length - MAX_SHOWN_CHARS }
    : { text, hidden: 0 };
}
