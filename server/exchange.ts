import type { RelayResult } from '../core/contract.ts';
import { segmentsView, type SignedRequest } from './signer.ts';
import type { Services } from './services.ts';

/** What is sent: a request just signed, or a stored one replayed (its string-to-sign as recorded). */
export type Outgoing = Omit<SignedRequest, 'stringToSign'> & {
  stringToSign: SignedRequest['stringToSign'] | RelayResult['stringToSign'];
};

const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Sends signed bytes through the relay and records the exchange in history before answering,
 * failures included, linked to the saved request it came from when there is one. What is recorded
 * and returned passes through the redactor.
 */
export async function exchange(
  services: Services,
  out: Outgoing,
  kind: RelayResult['kind'],
  opts: { sendId?: string; savedRequestId?: number } = {},
): Promise<RelayResult> {
  if (out.environment === 'mock') await services.ensureMock();
  const createdAt = services.clock();
  const flight = opts.sendId === undefined ? null : services.inflight.start(opts.sendId);
  let outcome;
  try {
    outcome = await services.relay.send(
      {
        url: out.url,
        method: out.method,
        headers: out.headers,
        body: out.bodyBytes,
        ...(flight ? { signal: flight.signal, progress: flight.attach } : {}),
      },
      services.config.relay,
    );
  } finally {
    flight?.end();
  }
  const entry: Omit<RelayResult, 'id'> = {
    kind,
    createdAt,
    ...(out.scheme === 'partner' ? { scheme: 'partner' as const } : {}),
    environment: out.environment,
    keyId: out.keyId,
    request: {
      method: out.method,
      url: out.url,
      path: out.path,
      headers: outcome.requestHeaders,
      ...(out.extraHeaders.length > 0 ? { extraHeaders: out.extraHeaders } : {}),
      body: out.body,
    },
    timestamp: out.timestamp,
    timestampAtSendTime: out.timestampAtSendTime,
    signature: out.signature,
    stringToSign: 'bytes' in out.stringToSign ? segmentsView(out.stringToSign) : out.stringToSign,
    hashes: { signedBodySha256: out.bodySha256, sentBodySha256: outcome.sentBodySha256 },
    response: outcome.response,
    error: outcome.error,
    timings: outcome.timings,
    ...(opts.savedRequestId !== undefined ? { savedRequestId: opts.savedRequestId } : {}),
  };
  // Between the stages of a large exchange, other requests get their turn.
  await yieldToOthers();
  const clean = services.redactor.scrubValue(entry);
  await yieldToOthers();
  const recorded = services.history().record(clean);
  await yieldToOthers();
  return { ...clean, id: recorded.id };
}
