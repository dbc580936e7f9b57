import { ENVIRONMENTS, type DemoKey, type Environment, type ExtraHeader, type RequestDraft } from '../core/contract.ts';
import { extraHeaderIssues } from '../core/headers.ts';
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  buildStringToSign,
  checkPath,
  decodeSecret,
  formatTimestamp,
  joinUrl,
  sign,
  type StringToSign,
} from '../core/signing/index.ts';
import { nodeHmac, sha256Hex } from './crypto.ts';
import { HttpError } from './http.ts';
import { envVarNames } from './config/credentials.ts';
import { DEMO_KEYS, findDemoKey } from './mock/keys.ts';
import type { Services } from './services.ts';

export interface SignedRequest {
  environment: Environment;
  keyId: string;
  method: string;
  path: string;
  url: string;
  timestamp: string;
  timestampAtSendTime: boolean;
  stringToSign: StringToSign;
  signature: string;
  /** Every header the relay writes besides host, content-length and connection. */
  headers: Array<[string, string]>;
  /** The headers the person added, as given (part of `headers`). */
  extraHeaders: ExtraHeader[];
  body: string | null;
  bodyBytes: Uint8Array | null;
  bodySha256: string;
}

/** The key id and secret that sign for an environment; the mock uses the chosen demo key. */
export function credentialsFor(
  services: Services,
  environment: Environment,
  demoKey?: DemoKey,
): { keyId: string; secret: string } {
  // Values can come from stored history rows, not only from validated requests.
  if (!ENVIRONMENTS.includes(environment)) {
    throw new HttpError(
      400,
      'bad-environment',
      `${JSON.stringify(environment)} is not an environment of the playground.`,
    );
  }
  if (demoKey !== undefined && !DEMO_KEYS.some((k) => k.id === demoKey)) {
    throw new HttpError(400, 'bad-demo-key', `${JSON.stringify(demoKey)} is not a demo key of the embedded Qredo API.`);
  }
  if (environment === 'mock') {
    const key = findDemoKey(demoKey ?? 'full');
    return { keyId: key.keyId, secret: key.secret };
  }
  const found = services.credentials.get(environment);
  if (!found) {
    const names = envVarNames(environment);
    throw new HttpError(
      400,
      'no-credentials',
      `No API key is configured for ${environment}. Add one in the page, or set ${names.key} and ${names.secret} before starting the playground.`,
    );
  }
  return found;
}

/** The demo key that owns a key id, so a history entry can be signed again with the same key. */
export function demoKeyFor(keyId: string): DemoKey | undefined {
  return DEMO_KEYS.find((k) => k.keyId === keyId)?.id;
}

/**
 * Signs a draft exactly as it will be sent: the full URL from the configured base and the checked
 * path, the timestamp pinned or taken now, the body as the exact UTF-8 bytes of the text given.
 */
export async function signDraft(services: Services, draft: RequestDraft): Promise<SignedRequest> {
  const checked = checkPath(draft.path);
  if (!checked.ok) throw new HttpError(400, 'bad-path', checked.error);
  const { keyId, secret } = credentialsFor(services, draft.environment, draft.demoKey);
  const decoded = decodeSecret(secret);
  if (!decoded.ok) {
    throw new HttpError(
      400,
      'bad-secret',
      `The secret configured for ${draft.environment} cannot be used: ${decoded.error}`,
    );
  }
  const timestamp = draft.timestamp ?? formatTimestamp(services.clock(), draft.timestampUnit ?? 'seconds');
  const url = joinUrl(services.config.baseUrls[draft.environment], checked.path);
  const stringToSign = buildStringToSign({ timestamp, method: draft.method, url, body: draft.body });
  const signature = await sign(nodeHmac, decoded.key, stringToSign);
  const bodySegment = stringToSign.segments[3]!;
  const bodyBytes =
    draft.body === null
      ? null
      : stringToSign.bytes.subarray(bodySegment.offset, bodySegment.offset + bodySegment.length);
  const extraHeaders = draft.headers ?? [];
  // Values can come from stored history rows, not only from validated requests: checked again here.
  const problems = extraHeaderIssues(extraHeaders);
  if (problems.length > 0) throw new HttpError(400, 'bad-header', problems.join('; '), problems);
  const added = (name: string) => extraHeaders.some((h) => h.name.toLowerCase() === name);
  const headers: Array<[string, string]> = [
    [HEADER_KEY, keyId],
    [HEADER_TIMESTAMP, timestamp],
    [HEADER_SIGNATURE, signature.value],
  ];
  // The defaults, unless the person set their own (a test of another media type, say).
  if (!added('accept')) headers.push(['accept', 'application/json']);
  if (draft.body !== null && !added('content-type')) headers.push(['content-type', 'application/json']);
  for (const h of extraHeaders) headers.push([h.name, h.value]);
  return {
    environment: draft.environment,
    keyId,
    method: draft.method,
    path: checked.path,
    url,
    timestamp,
    timestampAtSendTime: draft.timestamp === undefined,
    stringToSign,
    signature: signature.value,
    headers,
    extraHeaders,
    body: draft.body,
    bodyBytes,
    bodySha256: sha256Hex(bodyBytes ?? new Uint8Array()),
  };
}

export function segmentsView(sts: StringToSign) {
  return { segments: sts.segments, byteLength: sts.bytes.length };
}
