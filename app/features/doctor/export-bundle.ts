/**
 * "Export bundle" from a diagnosis: the entry it was opened from (history or bundle), or else the
 * captured request itself as a bundle entry (no response, no timings), redacted by core/bundle like
 * every export, so that a colleague can open it and verify it with their own key.
 */
import type { BundleEntry } from '../../../core/bundle/index.ts';
import type { DoctorResponse, HistoryEntry, RelayResult } from '../../../core/contract.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../../core/signing/signature.ts';
import { buildStringToSign } from '../../../core/signing/string-to-sign.ts';
import { pathFromUrl } from '../../lib/qredo-url.ts';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The captured request as a history-shaped entry: what was sent, as far as the capture tells. */
export async function entryFromDiagnosis(d: DoctorResponse, createdAt: number): Promise<HistoryEntry> {
  const c = d.capture;
  const built = buildStringToSign({ timestamp: c.timestamp, method: c.method, url: c.url, body: c.body });
  // The path as history keeps it (relative to the v1 base), or whatever follows the host.
  const found = pathFromUrl(c.url);
  const path = found.ok ? found.path : /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(c.url)?.[1] || '/';
  const hash = await sha256Hex(c.body ?? '');
  return {
    id: 0,
    kind: 'send',
    createdAt,
    environment: d.environment,
    keyId: c.keyId ?? d.keyId,
    request: {
      method: c.method,
      url: c.url,
      path,
      headers: {
        [HEADER_KEY]: c.keyId ?? d.keyId,
        [HEADER_TIMESTAMP]: c.headerTimestamp ?? c.timestamp,
        [HEADER_SIGNATURE]: c.signature,
      },
      body: c.body,
    },
    timestamp: c.headerTimestamp ?? c.timestamp,
    timestampAtSendTime: false,
    signature: c.signature,
    stringToSign: { segments: built.segments, byteLength: built.bytes.length },
    hashes: { signedBodySha256: hash, sentBodySha256: hash },
    response: null,
    error: null,
    timings: { ttfbMs: null, totalMs: 0 },
  };
}

/** The bundle file for a diagnosis: its name and text. */
export async function diagnosisBundle(
  d: DoctorResponse,
  source: RelayResult | BundleEntry | null,
  appVersion: string,
  nowMs: number,
): Promise<{ name: string; text: string }> {
  const { toBundle } = await import('../../../core/bundle/index.ts');
  const entry: HistoryEntry = source
    ? 'id' in source
      ? source
      : (() => {
          const { appVersion: _v, ...rest } = source;
          return { ...rest, id: 0 };
        })()
    : await entryFromDiagnosis(d, nowMs);
  const bundle = toBundle([entry], { appVersion, exportedAt: nowMs });
  const slug = `${entry.request.method}-${entry.request.path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return {
    name: `qredo-bundle-${entry.environment}-${slug}-${Math.floor(nowMs)}.json`,
    text: `${JSON.stringify(bundle, null, 2)}\n`,
  };
}
