import { present } from '../core/checked.ts';
import { createPrivateKey, randomBytes } from 'node:crypto';
import {
  ENVIRONMENTS,
  type DemoKey,
  type Environment,
  type ExtraHeader,
  type PartnerDemoKey,
  type RequestDraft,
} from '../core/contract.ts';
import { extraHeaderIssues } from '../core/headers.ts';
import { schemeOf, signPayload, type Payload, type PayloadSigner, type SchemeId } from '../core/schemes.ts';
import { checkPath, decodeSecret, formatTimestamp, joinUrl } from '../core/signing/index.ts';
import { baseUrlFor } from './config/config.ts';
import { envVarNames, fingerprint, partnerEnvVarNames } from './config/credentials.ts';
import { readPartnerPrivateKey } from './config/partner-keys.ts';
import { nodeHmac, nodeRsaSha256, sha256Hex } from './crypto.ts';
import { HttpError } from './http.ts';
import { DEMO_KEYS, findDemoKey } from './mock/keys.ts';
import { PARTNER_DEMO_KEYS } from './mock/partner/keys.ts';
import type { Services } from './services.ts';

export interface SignedRequest {
  scheme: SchemeId;
  environment: Environment;
  keyId: string;
  method: string;
  path: string;
  url: string;
  /** The freshness value sent: the timestamp, or (Partner API) the nonce. */
  timestamp: string;
  freshness: 'timestamp' | 'nonce';
  timestampAtSendTime: boolean;
  stringToSign: Payload;
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

/** A key that signs payload bytes for one scheme, and the id the history shows for it. */
export interface SchemeKey {
  /** v1: the key id; Partner API: the demo partner's id, or "key " + the X-API-KEY's fingerprint. */
  keyId: string;
  /** The value of the key header (v1: the key id; Partner API: the X-API-KEY itself). */
  headerValue: string;
  signer: PayloadSigner;
}

/** The key that signs a draft: v1's HMAC key (the decoded secret) or the partner's RSA private key. */
export function keyFor(services: Services, draft: RequestDraft): SchemeKey {
  if ((draft.scheme ?? 'v1') === 'partner') return partnerKeyFor(services, draft.environment, draft.partnerKey);
  const { keyId, secret } = credentialsFor(services, draft.environment, draft.demoKey);
  const decoded = decodeSecret(secret);
  if (!decoded.ok) {
    throw new HttpError(
      400,
      'bad-secret',
      `The secret configured for ${draft.environment} cannot be used: ${decoded.error}`,
    );
  }
  return { keyId, headerValue: keyId, signer: (bytes) => nodeHmac(decoded.key, bytes) };
}

/** A Partner API key: what signs, and the public half that checks (never a secret). */
export interface PartnerSchemeKey extends SchemeKey {
  /** SPKI PEM. */
  publicKeyPem: string;
  /** Signature length in bytes: the modulus length. */
  modulusBytes: number;
}

/** The partner key for an environment: a demo partner for the mock, the saved or configured one elsewhere. */
export function partnerKeyFor(
  services: Services,
  environment: Environment,
  partnerKey?: PartnerDemoKey,
): PartnerSchemeKey {
  if (!ENVIRONMENTS.includes(environment)) {
    throw new HttpError(
      400,
      'bad-environment',
      `${JSON.stringify(environment)} is not an environment of the playground.`,
    );
  }
  if (environment === 'mock') {
    const demo = PARTNER_DEMO_KEYS.find((k) => k.id === (partnerKey ?? 'partner-northwind'));
    if (!demo)
      throw new HttpError(
        400,
        'bad-demo-key',
        `${JSON.stringify(partnerKey)} is not a demo partner of the embedded Partner API.`,
      );
    const key = createPrivateKey(demo.privateKeyPem);
    return {
      keyId: demo.id,
      headerValue: demo.apiKey,
      signer: (bytes) => nodeRsaSha256(key, bytes),
      publicKeyPem: demo.publicKeyPem,
      modulusBytes: demo.modulusBytes,
    };
  }
  const found = services.credentials.getPartner(environment);
  const names = partnerEnvVarNames(environment);
  if (!found?.apiKey || !found.privateKeyPem) {
    const missing =
      !found?.apiKey && !found?.privateKeyPem
        ? 'No Partner API key'
        : !found.apiKey
          ? 'No X-API-KEY'
          : 'No private key';
    throw new HttpError(
      400,
      'no-credentials',
      `${missing} is configured for the Partner API in ${environment}. Add it in the page (generate a key pair there, or import yours), or set ${names.apiKey} and ${names.privateKeyFile} before starting the playground.`,
    );
  }
  let read;
  try {
    read = readPartnerPrivateKey(found.privateKeyPem);
  } catch (e) {
    throw new HttpError(
      400,
      'bad-secret',
      `The Partner API private key for ${environment} cannot be used: ${(e as Error).message}`,
    );
  }
  const key = read.key;
  return {
    keyId: `key ${fingerprint(found.apiKey)}`,
    headerValue: found.apiKey,
    signer: (bytes) => nodeRsaSha256(key, bytes),
    publicKeyPem: read.publicKeyPem,
    modulusBytes: read.bits / 8,
  };
}

/** A fresh nonce for a Partner API request that asks for one without giving it: 16 random bytes, hex. */
const freshNonce = (): string => randomBytes(16).toString('hex');

/**
 * Signs a draft exactly as it will be sent, by its scheme: the full URL from the configured base and
 * the checked path, the freshness value (a timestamp pinned or taken now; for the Partner API, a nonce
 * when asked), the body as the exact UTF-8 bytes of the text given.
 */
export async function signDraft(services: Services, draft: RequestDraft): Promise<SignedRequest> {
  const scheme = schemeOf(draft.scheme);
  const checked = checkPath(draft.path);
  if (!checked.ok) throw new HttpError(400, 'bad-path', checked.error);
  if (draft.nonce !== undefined && scheme.id !== 'partner') {
    throw new HttpError(400, 'bad-nonce', 'Only the Partner API takes an x-nonce; Qredo API v1 signs a timestamp.');
  }
  const key = keyFor(services, draft);
  const timestamp = draft.timestamp ?? formatTimestamp(services.clock(), draft.timestampUnit ?? 'seconds');
  const freshness =
    draft.nonce !== undefined
      ? { kind: 'nonce' as const, value: draft.nonce === '' ? freshNonce() : draft.nonce }
      : { kind: 'timestamp' as const, value: timestamp };
  const url = joinUrl(baseUrlFor(services.config, scheme.id, draft.environment), checked.path);
  const stringToSign = scheme.payload({ method: draft.method, url, body: draft.body, freshness });
  const signature = await signPayload(key.signer, stringToSign);
  const bodySegment = present(
    stringToSign.segments.find((seg) => seg.name === 'body'),
    'the body segment of the string to sign',
  );
  const bodyBytes =
    draft.body === null
      ? null
      : stringToSign.bytes.subarray(bodySegment.offset, bodySegment.offset + bodySegment.length);
  const extraHeaders = draft.headers ?? [];
  // Values can come from stored history rows, not only from validated requests: checked again here.
  const problems = extraHeaderIssues(extraHeaders);
  if (problems.length > 0) throw new HttpError(400, 'bad-header', problems.join('; '), problems);
  const added = (name: string) => extraHeaders.some((h) => h.name.toLowerCase() === name);
  const headers: Array<[string, string]> = scheme.signedHeaders(key.headerValue, freshness, signature.value);
  // The defaults, unless the person set their own (a test of another media type, say).
  if (!added('accept')) headers.push(['accept', 'application/json']);
  if (draft.body !== null && !added('content-type')) headers.push(['content-type', 'application/json']);
  for (const h of extraHeaders) headers.push([h.name, h.value]);
  return {
    scheme: scheme.id,
    environment: draft.environment,
    keyId: key.keyId,
    method: draft.method,
    path: checked.path,
    url,
    timestamp: freshness.value,
    freshness: freshness.kind,
    timestampAtSendTime: draft.timestamp === undefined && freshness.kind === 'timestamp',
    stringToSign,
    signature: signature.value,
    headers,
    extraHeaders,
    body: draft.body,
    bodyBytes,
    bodySha256: sha256Hex(bodyBytes ?? new Uint8Array()),
  };
}

export function segmentsView(sts: Payload) {
  return { segments: sts.segments, byteLength: sts.bytes.length };
}
