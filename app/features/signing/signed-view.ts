/** One shape for what the signing panel shows, from a live preview (SignResponse) or a sent entry. */
import type { RelayResult, SignResponse, StringToSignView } from '../../../core/contract.ts';
import { schemeOf } from '../../../core/schemes.ts';

export interface SignedView {
  source: 'preview' | 'sent';
  method: string;
  url: string;
  stringToSign: StringToSignView;
  signature: string;
  bodySha256: string;
  /** For a sent entry: the hash of the bytes that went on the wire. */
  sentBodySha256?: string;
  headers: { name: string; value: string }[];
  timestampAtSendTime: boolean;
}

export function viewFromPreview(r: SignResponse): SignedView {
  return {
    source: 'preview',
    method: r.method,
    url: r.url,
    stringToSign: r.stringToSign,
    signature: r.signature,
    bodySha256: r.bodySha256,
    headers: r.headers,
    timestampAtSendTime: r.timestampAtSendTime,
  };
}

export function viewFromEntry(e: RelayResult): SignedView {
  const h = e.request.headers;
  const scheme = schemeOf(e.scheme);
  const nonce = e.stringToSign.segments.some((s) => s.name === 'nonce');
  const freshness = nonce && scheme.headers.nonce ? scheme.headers.nonce : scheme.headers.timestamp;
  return {
    source: 'sent',
    method: e.request.method,
    url: e.request.url,
    stringToSign: e.stringToSign,
    signature: e.signature,
    bodySha256: e.hashes.signedBodySha256,
    sentBodySha256: e.hashes.sentBodySha256,
    headers: [
      { name: scheme.headers.key, value: h[scheme.headers.key] ?? e.keyId },
      { name: freshness, value: h[freshness] ?? e.timestamp },
      { name: scheme.headers.signature, value: h[scheme.headers.signature] ?? e.signature },
    ],
    timestampAtSendTime: false,
  };
}
