/** One shape for what the signing panel shows, from a live preview (SignResponse) or a sent entry. */
import type { RelayResult, SignResponse, StringToSignView } from '../../../core/contract.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../../core/signing/signature.ts';

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
    headers: [
      { name: HEADER_KEY, value: r.headers[HEADER_KEY] },
      { name: HEADER_TIMESTAMP, value: r.headers[HEADER_TIMESTAMP] },
      { name: HEADER_SIGNATURE, value: r.headers[HEADER_SIGNATURE] },
    ],
    timestampAtSendTime: r.timestampAtSendTime,
  };
}

export function viewFromEntry(e: RelayResult): SignedView {
  const h = e.request.headers;
  return {
    source: 'sent',
    method: e.request.method,
    url: e.request.url,
    stringToSign: e.stringToSign,
    signature: e.signature,
    bodySha256: e.hashes.signedBodySha256,
    sentBodySha256: e.hashes.sentBodySha256,
    headers: [
      { name: HEADER_KEY, value: h[HEADER_KEY] ?? e.keyId },
      { name: HEADER_TIMESTAMP, value: h[HEADER_TIMESTAMP] ?? e.timestamp },
      { name: HEADER_SIGNATURE, value: h[HEADER_SIGNATURE] ?? e.signature },
    ],
    timestampAtSendTime: false,
  };
}
