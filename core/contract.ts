/**
 * The one wire contract between the page and the backend. The server validates every request body
 * against these schemas at the edge; the page's api-client is typed by them.
 */
import { z } from './zod.ts';
import { DemoKey, Environment, HttpMethod, PartnerDemoKey, Scheme, TimestampUnit } from './contract-base.ts';
import { DOCTOR_CAUSE_IDS, KEY_ID_PATTERN, KEY_ID_RULE } from './constants.ts';
import { MAX_EXTRA_HEADERS, headerNameProblem, headerValueProblem } from './headers.ts';
import { parseHistorySearch } from './history-search.ts';
import { PARTNER_FEEDS } from './feed.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from './signing/signature.ts';
import {
  ItemName,
  MAX_COLLECTION_CHARS,
  MAX_HEADERS,
  MAX_PATH_LENGTH,
  SavedRequest,
  Variable,
  Variables,
} from './workbench/collection.ts';

export { DEMO_KEYS, DOCTOR_CAUSE_IDS, ENVIRONMENTS, KEY_ID_PATTERN, MAX_API_BODY_BYTES } from './constants.ts';

export { DemoKey, Environment, HttpMethod, PartnerDemoKey, Scheme, TimestampUnit } from './contract-base.ts';

// ---- requests --------------------------------------------------------------------------------

/** A header the person added to a request, sent exactly as typed and not signed (core/headers.ts). */
export const ExtraHeader = z
  .object({ name: z.string(), value: z.string() })
  .strict()
  .superRefine((h, ctx) => {
    const name = headerNameProblem(h.name);
    if (name) ctx.addIssue({ code: 'custom', path: ['name'], message: name });
    const value = headerValueProblem(h.value);
    if (value) ctx.addIssue({ code: 'custom', path: ['value'], message: value });
  });
export type ExtraHeader = z.infer<typeof ExtraHeader>;

export const RequestDraft = z
  .object({
    environment: Environment,
    method: HttpMethod,
    /** Relative to the environment's base URL, query included; checked by core/signing checkPath. */
    path: z.string().max(2048, 'The path is longer than 2048 characters.'),
    /** The exact body text, or null for none. */
    body: z.string().nullable(),
    /** A pinned timestamp, exactly as it will be sent; absent means "at send time". */
    timestamp: z
      .string()
      .regex(/^\d{1,20}$/, 'The timestamp must be 1 to 20 decimal digits.')
      .optional(),
    timestampUnit: TimestampUnit.optional(),
    /** Which demo key signs requests to the mock (default: full). Ignored elsewhere. */
    demoKey: DemoKey.optional(),
    /**
     * Headers added to the signed ones, in order, exactly as typed. Accept and Content-Type given here
     * replace the playground's defaults (both application/json).
     */
    headers: z
      .array(ExtraHeader)
      .max(MAX_EXTRA_HEADERS, `At most ${MAX_EXTRA_HEADERS} headers can be added.`)
      .optional(),
    /** The API: v1 (the default) or the Partner API, signed by its own scheme (core/schemes.ts). */
    scheme: Scheme.optional(),
    /**
     * Partner API only: sign with an x-nonce instead of x-timestamp. Its value exactly as it will be
     * sent (printable ASCII, 1 to 64 characters); empty means a fresh random one at send time.
     */
    nonce: z
      .string()
      .regex(/^[\x21-\x7e]{0,64}$/, 'A nonce is 1 to 64 printable ASCII characters, without spaces.')
      .optional(),
    /** Partner API only: which demo partner signs requests to the mock (default: partner-northwind). */
    partnerKey: PartnerDemoKey.optional(),
  })
  .strict();
export type RequestDraft = z.infer<typeof RequestDraft>;

/** Set by the page only after the person confirms a mutating request to production (core/guardrails). */
const Confirm = z.boolean().optional();

/** A signature for a production mutation is a capability: signing one needs the same confirmation as sending it. */
export const SignRequest = RequestDraft.extend({ confirm: Confirm }).strict();
export type SignRequest = z.infer<typeof SignRequest>;

/** A name the page gives a send, so that it can ask how far it has got and cancel it. */
export const SendId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A send id is 8 to 64 letters, digits, "-" or "_".');

/** A saved request's id (core/workbench's SavedRequest as the server stores it). */
export const SavedRequestId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const SendRequest = RequestDraft.extend({
  confirm: Confirm,
  sendId: SendId.optional(),
  /** The saved request this draft came from: the history entry is linked to it. */
  savedRequestId: SavedRequestId.optional(),
}).strict();
export type SendRequest = z.infer<typeof SendRequest>;

export const ReplayRequest = z.object({ confirm: z.boolean().optional() }).strict();
export type ReplayRequest = z.infer<typeof ReplayRequest>;

export const CredentialsRequest = z
  .object({
    keyId: z.string().trim().min(1, 'The key id is empty.').regex(KEY_ID_PATTERN, KEY_ID_RULE),
    secret: z.string().min(1, 'The secret is empty.').max(4096),
  })
  .strict();
export type CredentialsRequest = z.infer<typeof CredentialsRequest>;

// ---- answers ---------------------------------------------------------------------------------

export const Segment = z.object({
  /** v1: timestamp, method, url, body; Partner API: timestamp or nonce, url, body. */
  name: z.enum(['timestamp', 'nonce', 'method', 'url', 'body']),
  text: z.string(),
  offset: z.number().int(),
  length: z.number().int(),
});
export type Segment = z.infer<typeof Segment>;

export const StringToSignView = z.object({
  segments: z.array(Segment),
  byteLength: z.number().int(),
});
export type StringToSignView = z.infer<typeof StringToSignView>;

export const SignedHeadersView = z.object({
  [HEADER_KEY]: z.string(),
  [HEADER_TIMESTAMP]: z.string(),
  [HEADER_SIGNATURE]: z.string(),
});

/** The signed headers of either scheme, in the order they are sent. */
export const SchemeHeaders = z.array(z.object({ name: z.string(), value: z.string() }));

export const SignResponse = z.object({
  scheme: Scheme,
  environment: Environment,
  keyId: z.string(),
  method: z.string(),
  url: z.string(),
  timestamp: z.string(),
  /** True when the timestamp is the current time and Send will sign again. */
  timestampAtSendTime: z.boolean(),
  stringToSign: StringToSignView,
  signature: z.string(),
  /** The scheme's signed headers: v1's three or the Partner API's three (x-api-key, x-timestamp or x-nonce, x-sign). */
  headers: SchemeHeaders,
  bodySha256: z.string(),
});
export type SignResponse = z.infer<typeof SignResponse>;

export const RelayErrorCode = z.enum([
  'upstream-unreachable',
  'dns-failure',
  'connect-timeout',
  'timeout',
  'connection-reset',
  'redirect-refused',
  'aborted',
  'cancelled',
  'no-credentials',
  'bad-secret',
]);
export type RelayErrorCode = z.infer<typeof RelayErrorCode>;

export const RelayResponse = z.object({
  status: z.number().int(),
  statusText: z.string(),
  /** Header names lower-cased; repeated headers joined as Node joins them. */
  headers: z.record(z.string(), z.string()),
  /** The body as text when it is valid UTF-8, otherwise base64. */
  body: z.string(),
  bodyEncoding: z.enum(['utf8', 'base64']),
  /** Bytes received (up to the cap). */
  size: z.number().int(),
  truncated: z.boolean(),
});
export type RelayResponse = z.infer<typeof RelayResponse>;

/**
 * Where one exchange's time went, from the socket's own events: each a time in ms since the relay
 * started the exchange, or null when the phase did not happen (a reused connection has no lookup,
 * connect or TLS; an IP address needs no lookup; plain HTTP has no TLS).
 */
export const RelayPhases = z.object({
  /** A socket was assigned: new, or taken from the keep-alive pool. */
  socket: z.number().nullable(),
  /** The host name was resolved. */
  dns: z.number().nullable(),
  /** The TCP connection was established. */
  connect: z.number().nullable(),
  /** The TLS handshake was done. */
  tls: z.number().nullable(),
  /** The whole request was handed to the operating system. */
  requestSent: z.number().nullable(),
  /** The response's status line and headers arrived. */
  firstByte: z.number().nullable(),
  /** The response was complete (or cut at the cap). */
  complete: z.number().nullable(),
  /** The connection came from the keep-alive pool. */
  reused: z.boolean(),
  /** Bytes written to and read from the socket for this exchange, headers included. */
  bytesWritten: z.number().int(),
  bytesRead: z.number().int(),
});
export type RelayPhases = z.infer<typeof RelayPhases>;

export const RelayResult = z.object({
  /** The history entry id. */
  id: z.number().int(),
  kind: z.enum(['send', 'resend', 'replay']),
  createdAt: z.number(),
  /** Absent on entries recorded before the Partner API: v1. */
  scheme: Scheme.optional(),
  environment: Environment,
  /** The key id (v1) or the X-API-KEY's fingerprint (Partner API): never a secret. */
  keyId: z.string(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    /** Relative path as the page gave it, query included. */
    path: z.string(),
    /** Every header written to the socket, in order, signature and key id included. */
    headers: z.record(z.string(), z.string()),
    /** The headers the person added (part of `headers`), kept apart so that Re-send and Load carry them. */
    extraHeaders: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    body: z.string().nullable(),
    /** True when the stored body was cut at the history cap. */
    bodyTruncated: z.boolean().optional(),
  }),
  timestamp: z.string(),
  /**
   * True when the timestamp was taken at send time, false when it was pinned (or replayed). Absent in
   * entries recorded before it was kept.
   */
  timestampAtSendTime: z.boolean().optional(),
  signature: z.string(),
  stringToSign: StringToSignView,
  hashes: z.object({ signedBodySha256: z.string(), sentBodySha256: z.string() }),
  response: RelayResponse.nullable(),
  error: z.object({ code: RelayErrorCode, message: z.string() }).nullable(),
  /** `phases` is absent on entries recorded before phases were. */
  timings: z.object({ ttfbMs: z.number().nullable(), totalMs: z.number(), phases: RelayPhases.optional() }),
  /** The saved request that produced it (sent with its id, or re-sent from an entry it produced). */
  savedRequestId: z.number().int().optional(),
});
export type RelayResult = z.infer<typeof RelayResult>;
/** GET /api/sends/:id: how far a send still in flight has got. */
export const SendProgress = z.object({
  sendId: SendId,
  stage: z.enum(['connecting', 'sending', 'waiting', 'receiving', 'done']),
  /** Request bytes written to the upstream (headers included), and the body's size. */
  sent: z.number().int(),
  bodyBytes: z.number().int(),
  /** Response body bytes read so far, and the size the upstream announced, when it did. */
  received: z.number().int(),
  expected: z.number().int().nullable(),
  elapsedMs: z.number(),
});
export type SendProgress = z.infer<typeof SendProgress>;

/** POST /api/sends/:id/cancel: the send is being stopped; POST /api/send then answers it, recorded as `cancelled`. */
export const SendCancelResponse = z.object({ ok: z.literal(true), cancelled: SendId });
export type SendCancelResponse = z.infer<typeof SendCancelResponse>;

export const HistoryEntry = RelayResult;
export type HistoryEntry = RelayResult;

export const HistorySummary = z.object({
  id: z.number().int(),
  kind: z.enum(['send', 'resend', 'replay']),
  createdAt: z.number(),
  environment: Environment,
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  totalMs: z.number(),
  size: z.number().int().nullable(),
  /** The key id that signed it (a demo key's for the mock); a key id is not a secret. */
  keyId: z.string(),
  scheme: Scheme.optional(),
  /** The saved request that produced it, when one did. */
  savedRequestId: z.number().int().optional(),
});
export type HistorySummary = z.infer<typeof HistorySummary>;

export const StatusClass = z.enum(['2xx', '3xx', '4xx', '5xx', 'error']);
export type StatusClass = z.infer<typeof StatusClass>;

/** GET /api/response-ids?environment=…: IDs named in that environment's latest responses, newest first. */
export const ResponseIdsAnswer = z.object({
  ids: z.array(
    z.object({
      /** The key it was found under, as the response spells it (txID, fund_id, …). */
      key: z.string(),
      value: z.string(),
      /** The history entry whose response named it, and that entry's method and path. */
      entryId: z.number().int(),
      method: z.string(),
      path: z.string(),
    }),
  ),
});
export type ResponseIdsAnswer = z.infer<typeof ResponseIdsAnswer>;

/** Query string of GET /api/history. `q` is free text with field tokens (core/history-search.ts). */
export const HistoryQuery = z.object({
  environment: Environment.optional(),
  method: z.string().max(16).optional(),
  status: StatusClass.optional(),
  q: z
    .string()
    .max(500)
    .refine((q) => ![...q].some((c) => c < ' ' || c === '\u007f'), {
      message: 'The search may not contain control characters (line breaks, tabs, NUL).',
    })
    // Field tokens (status:403, method:POST, env:, key:, path:) are read by core/history-search.ts.
    .superRefine((q, ctx) => {
      for (const problem of parseHistorySearch(q).problems) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryList = z.object({
  entries: z.array(HistorySummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type HistoryList = z.infer<typeof HistoryList>;

export const EnvironmentInfo = z.object({
  name: Environment,
  baseUrl: z.string(),
  configured: z.boolean(),
  keyId: z.string().nullable(),
  /** A short fingerprint of the secret (never the secret), to tell keys apart. */
  fingerprint: z.string().nullable(),
  source: z.enum(['demo', 'env', 'file']).nullable(),
});
export type EnvironmentInfo = z.infer<typeof EnvironmentInfo>;

export const DemoKeyInfo = z.object({
  id: DemoKey,
  keyId: z.string(),
  label: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
});
export type DemoKeyInfo = z.infer<typeof DemoKeyInfo>;

/** The Partner API in one environment: whether it can sign, and what may be shown (never the X-API-KEY or the private key). */
export const PartnerEnvironmentInfo = z.object({
  name: Environment,
  baseUrl: z.string(),
  configured: z.boolean(),
  hasApiKey: z.boolean(),
  hasPrivateKey: z.boolean(),
  /** A short fingerprint of the X-API-KEY, to tell keys apart. */
  apiKeyFingerprint: z.string().nullable(),
  /** The SPKI public key ("BEGIN PUBLIC KEY"): what is uploaded in the Qredo web app. Not a secret. */
  publicKeyPem: z.string().nullable(),
  keyBits: z.number().int().nullable(),
  source: z.enum(['demo', 'env', 'file']).nullable(),
  /** What the person should know about the key (a PKCS#8 key converted, say). */
  notes: z.array(z.string()),
});
export type PartnerEnvironmentInfo = z.infer<typeof PartnerEnvironmentInfo>;

export const PartnerDemoKeyInfo = z.object({
  id: PartnerDemoKey,
  label: z.string(),
  description: z.string(),
  publicKeyPem: z.string(),
});
export type PartnerDemoKeyInfo = z.infer<typeof PartnerDemoKeyInfo>;

/** PUT /api/partner-credentials/:environment: either half, or both. */
export const PartnerCredentialsRequest = z
  .object({
    apiKey: z
      .string()
      .trim()
      .min(1, 'The X-API-KEY is empty.')
      .max(4096)
      .regex(/^[\x21-\x7e]+$/, 'The X-API-KEY is one line of visible ASCII.')
      .optional(),
    /** A PKCS#1 or PKCS#8 PEM; stored as PKCS#1. */
    privateKeyPem: z.string().min(1, 'The private key is empty.').max(32_768).optional(),
  })
  .strict()
  .refine(
    (r) => r.apiKey !== undefined || r.privateKeyPem !== undefined,
    'Give the X-API-KEY, the private key, or both.',
  );
export type PartnerCredentialsRequest = z.infer<typeof PartnerCredentialsRequest>;

export const SessionInfo = z.object({
  version: z.string(),
  /** Problems the person should fix (a credentials file other users can read), in words. */
  warnings: z.array(z.string()),
  environments: z.array(EnvironmentInfo),
  demoKeys: z.array(DemoKeyInfo),
  /** The Partner API, environment by environment, and its demo partners. */
  partnerEnvironments: z.array(PartnerEnvironmentInfo),
  partnerDemoKeys: z.array(PartnerDemoKeyInfo),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field-level problems from validation, as "path: message". */
    issues: z.array(z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** Summarises zod issues as "field: message" lines for a 400 answer. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

/** The answer to a DELETE: how many entries went. */
export const ApiOk = z.object({ ok: z.literal(true), deleted: z.number().int() });
export type ApiOk = z.infer<typeof ApiOk>;

// ---- signature doctor (POST /api/doctor) -----------------------------------------------------

/** A captured request entered as fields: what was sent, and the signature it carried. */
export const CaptureFields = z
  .object({
    /** The timestamp that was signed (or the qredo-api-ts header when nothing else is known). */
    timestamp: z.string().min(1, 'The timestamp is empty.').max(64, 'The timestamp is longer than 64 characters.'),
    method: z.string().min(1, 'The method is empty.').max(16, 'The method is longer than 16 characters.'),
    /** The full URL the request went to. */
    url: z.string().min(1, 'The URL is empty.').max(8192, 'The URL is longer than 8192 characters.'),
    body: z.string().nullable(),
    signature: z.string().min(1, 'The signature is empty.').max(512, 'The signature is longer than 512 characters.'),
    keyId: z.string().max(256).optional(),
    headerNames: z.array(z.string().max(256)).max(200).optional(),
    /** The qredo-api-ts header, when it is known to differ from the signed timestamp. */
    headerTimestamp: z.string().max(64).optional(),
    /**
     * Partner API only: which header carried the value in `timestamp`, x-timestamp (the default) or
     * x-nonce. The X-API-KEY is never part of a capture: only its header name, in `headerNames`.
     */
    freshness: z.enum(['timestamp', 'nonce']).optional(),
    /** Partner API only: a non-empty x-nonce sent beside x-timestamp (which a server refuses). */
    nonce: z.string().min(1).max(256).optional(),
  })
  .strict();
export type CaptureFields = z.infer<typeof CaptureFields>;

/** A captured request pasted as a cURL command. */
export const CaptureCurl = z.object({ curl: z.string().min(1, 'The cURL command is empty.') }).strict();
/** A captured request pasted as raw HTTP (request line, headers, blank line, body). */
export const CaptureRaw = z.object({ raw: z.string().min(1, 'The raw HTTP request is empty.') }).strict();

export const DoctorRequest = z
  .object({
    /** Whose secret to check against: the server uses it and never returns it. */
    environment: Environment,
    capture: z.union([CaptureFields, CaptureCurl, CaptureRaw]),
    /** For the mock: which demo key's secret (default: the one whose key id the capture carries, else full). */
    demoKey: DemoKey.optional(),
    /** The expected signature of a production mutation is a capability: confirmed as a send would be. */
    confirm: Confirm,
    /** Which API signed the capture: v1 (the default, HMAC) or the Partner API (RSA, checked with the public key). */
    scheme: Scheme.optional(),
    /**
     * Partner API, mock only: which demo partner's key pair (default: the one whose public key the
     * signature was made for, else partner-northwind).
     */
    partnerKey: PartnerDemoKey.optional(),
  })
  .strict();
export type DoctorRequest = z.infer<typeof DoctorRequest>;

export const DoctorCause = z.object({
  id: z.enum(DOCTOR_CAUSE_IDS),
  title: z.string(),
  detail: z.string(),
  /** True when a replayed mistake reproduced the captured signature exactly, or the capture shows it directly. */
  certain: z.boolean(),
});
export type DoctorCause = z.infer<typeof DoctorCause>;

export const DoctorComponent = z.object({
  name: z.enum(['timestamp', 'method', 'url', 'body', 'signature']),
  captured: z.string(),
  expected: z.string().optional(),
  same: z.boolean(),
  /** What the sender evidently signed instead. */
  signed: z.string().optional(),
});
export type DoctorComponent = z.infer<typeof DoctorComponent>;

export const DoctorResponse = z.object({
  /** Absent: v1. */
  scheme: Scheme.optional(),
  environment: Environment,
  /** The key id whose secret was used (a key id is not a secret); Partner API: the demo partner or the X-API-KEY's fingerprint. */
  keyId: z.string(),
  /** Whether the capture's key id is that one; null when the capture has none. */
  keyIdMatches: z.boolean().nullable(),
  capture: CaptureFields,
  valid: z.boolean(),
  signatureMatches: z.boolean(),
  expected: z.string(),
  components: z.array(DoctorComponent),
  causes: z.array(DoctorCause),
  reproduced: z.boolean(),
  summary: z.string(),
  notes: z.array(z.string()),
  variantsTried: z.number().int(),
  /**
   * Partner API only: whether the signature was made with this key pair (null when it cannot be
   * told), and the SHA-256 of what was signed, read out of the signature with the public key.
   */
  keyPairMatches: z.boolean().nullable().optional(),
  signedSha256Hex: z.string().nullable().optional(),
});
export type DoctorResponse = z.infer<typeof DoctorResponse>;

// ---- walkthrough (POST /api/walkthrough) -----------------------------------------------------

/** The same draft as POST /api/sign: the walkthrough explains how that request is signed. */
export const WalkthroughRequest = SignRequest;
export type WalkthroughRequest = SignRequest;

export const WalkthroughResponse = z.object({
  environment: Environment,
  keyId: z.string(),
  /** The demo key used, for the mock; null elsewhere. */
  demoKey: DemoKey.nullable(),
  key: z.object({
    /**
     * The decoded key bytes, only for the mock's public demo keys; null for sandbox and production.
     * Numbers rather than text: the server's redactor would (rightly) scrub any text form of a key.
     */
    bytes: z.array(z.number().int().min(0).max(255)).nullable(),
    /** Why the bytes are not shown, when they are not. */
    reason: z.string().nullable(),
    length: z.number().int(),
    warnings: z.array(z.string()),
  }),
  method: z.string(),
  url: z.string(),
  timestamp: z.string(),
  body: z.string().nullable(),
  stringToSign: StringToSignView,
  /** The 32-byte HMAC-SHA256, hex. */
  hmacHex: z.string(),
  signature: z.string(),
  headers: SignedHeadersView,
  /** What the common mistakes would have produced instead, for comparison. */
  contrasts: z.object({
    secretNotDecoded: z.string(),
    standardBase64: z.string(),
    padded: z.string(),
  }),
});
export type WalkthroughResponse = z.infer<typeof WalkthroughResponse>;

/** The steps of the Partner API's pipeline, in order, each with what goes wrong there (PARTNER.md §11). */
export const PartnerWalkthroughStep = z.object({
  id: z.enum(['key', 'payload', 'sha256', 'pkcs1', 'base64url', 'headers']),
  title: z.string(),
  /** What this step does, in a sentence. */
  explanation: z.string(),
  pitfalls: z.array(z.string()),
});
export type PartnerWalkthroughStep = z.infer<typeof PartnerWalkthroughStep>;

/**
 * POST /api/walkthrough with `scheme: "partner"`: every intermediate value of RSA-signing a draft.
 * For the mock the key is the vectors' public test key unless the draft names another demo partner;
 * only that key's private half is ever shown, and only as byte values (the redactor scrubs any text
 * form of a private key, rightly).
 */
export const PartnerWalkthroughResponse = z.object({
  scheme: z.literal('partner'),
  environment: Environment,
  /** The demo partner's id, or "key " + the X-API-KEY's fingerprint. */
  keyId: z.string(),
  /** The demo partner used, for the mock; null elsewhere. */
  partnerKey: PartnerDemoKey.nullable(),
  key: z.object({
    /** SPKI PEM: the public half, as uploaded in the Qredo web app. Not a secret. */
    publicKeyPem: z.string(),
    bits: z.number().int(),
    /** The public modulus n and exponent e, hex. */
    modulusHex: z.string(),
    publicExponentHex: z.string(),
    /** The vectors' public test key only: its PKCS#1 PEM as UTF-8 byte values. Null for every other key. */
    privateKeyPemBytes: z.array(z.number().int().min(0).max(255)).nullable(),
    /** Why the private key is not shown, when it is not. */
    reason: z.string().nullable(),
  }),
  method: z.string(),
  url: z.string(),
  /** The header that starts the payload and its value, as sent. */
  freshness: z.object({ header: z.enum(['x-timestamp', 'x-nonce']), value: z.string() }),
  body: z.string().nullable(),
  /** value + URL + body: its segments with byte offsets, and its first bytes in hex. */
  payload: StringToSignView.extend({
    hex: z.string(),
    /** True when `hex` holds only the first PARTNER_WALKTHROUGH_HEX_BYTES bytes. */
    hexTruncated: z.boolean(),
  }),
  /** SHA-256 of the payload, hex. */
  sha256Hex: z.string(),
  /** The DER DigestInfo (SHA-256 OID + hash) that PKCS#1 v1.5 signs, hex. */
  digestInfoHex: z.string(),
  /** EMSA-PKCS1-v1_5: 00 01 FF…FF 00 DigestInfo, as long as the modulus, hex: what the signature opens to with the public key. */
  encodedMessageHex: z.string(),
  /** The raw signature (as many bytes as the modulus), hex. */
  signatureHex: z.string(),
  /** Unpadded base64url of the signature: the x-sign value. */
  signature: z.string(),
  /** The signed headers in the order they are sent; the X-API-KEY's value is never shown. */
  headers: SchemeHeaders,
  steps: z.array(PartnerWalkthroughStep),
  /** What the common mistakes would have sent instead, for comparison. */
  contrasts: z.object({
    /** The signature over value + METHOD + URL + body (the v1 habit). */
    methodInPayload: z.string(),
    padded: z.string(),
    standardBase64: z.string(),
  }),
});
export type PartnerWalkthroughResponse = z.infer<typeof PartnerWalkthroughResponse>;

/** How many payload bytes the Partner walkthrough shows in hex. */
export const PARTNER_WALKTHROUGH_HEX_BYTES = 4096;

// ---- transaction feed (GET /api/feed) ----------------------------------------------------------

/** The query of GET /api/feed: which environment's feed, and for the mock which demo key signs it. */
export const FeedQuery = z
  .object({
    environment: Environment,
    /** Which demo key signs the mock's handshake (default: full). Refused for other environments. */
    demoKey: DemoKey.optional(),
    /** The API whose feed this is: v1's transaction feed (the default) or one of the Partner API's. */
    scheme: Scheme.optional(),
    /** Partner API only: which feed (core/feed.ts PARTNER_FEEDS). */
    feed: z.enum(PARTNER_FEEDS).optional(),
    /** Partner API's core client feed only: the core client's id, as POST /coreclient gave it. */
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/, 'A core client id is 1 to 128 letters, digits, "-" or "_".')
      .optional(),
    /** Partner API only: which demo partner signs the mock's handshake (default: partner-northwind). */
    partnerKey: PartnerDemoKey.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (q.scheme === 'partner') {
      if (q.demoKey !== undefined) issue('demoKey is a Qredo API v1 key; the Partner API signs with partnerKey.');
      if (q.feed === undefined) issue('The Partner API has two feeds: say feed=coreclient or feed=liquidityhub.');
      if (q.feed === 'coreclient' && q.clientId === undefined) issue('The core client feed needs a clientId.');
      if (q.feed === 'liquidityhub' && q.clientId !== undefined) issue('The liquidity hub feed takes no clientId.');
    } else if (q.feed !== undefined || q.clientId !== undefined || q.partnerKey !== undefined) {
      issue('feed, clientId and partnerKey are for the Partner API: add scheme=partner.');
    }
  });
export type FeedQuery = z.infer<typeof FeedQuery>;

/** A frame of the feed read as a `txFeedStatus`: the fields the playground reads, the others kept as they came. */
export const TxFeedStatus = z
  .object({
    txID: z.string(),
    status: z.string(),
    txHash: z.string().optional(),
    timestamps: z.record(z.string(), z.number()).optional(),
    events: z
      .array(
        z
          .object({
            id: z.string().optional(),
            timestamp: z.number().optional(),
            status: z.string().optional(),
            message: z.string().optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

export type TxFeedStatus = z.infer<typeof TxFeedStatus>;

/** A text frame read as a `txFeedStatus`, or null when it is not JSON or not one (it is still shown raw). */
export function parseFeedFrame(raw: string): TxFeedStatus | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = TxFeedStatus.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** A frame of a Partner API core client feed: `ActionInfo` of the OpenAPI file plus `coreClientID`, the others kept. */
export const PartnerFeedAction = z
  .object({
    id: z.string(),
    coreClientID: z.string().optional(),
    type: z.string(),
    status: z.string(),
    timestamp: z.number().optional(),
    expireTime: z.number().optional(),
  })
  .loose();
export type PartnerFeedAction = z.infer<typeof PartnerFeedAction>;

export function parsePartnerFeedFrame(raw: string): PartnerFeedAction | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = PartnerFeedAction.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Why the feed could not be opened or stopped: the upstream's answer, its absence, or its socket. */
export const FeedErrorCode = z.enum([
  'upstream-refused',
  'upstream-unreachable',
  'upstream-timeout',
  'upstream-error',
  'no-feed',
]);
export type FeedErrorCode = z.infer<typeof FeedErrorCode>;

/**
 * One line of the GET /api/feed stream (application/x-ndjson), in order: `open` once the upstream
 * accepted the handshake, a `message` per frame, an `error` when the handshake was refused or the
 * socket failed, and `closed` last. `at` is the server's clock in milliseconds when it happened.
 */
export const FeedEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('open'),
    at: z.number(),
    environment: Environment,
    /** The WebSocket URL, as signed (from the server's configured base URL). */
    url: z.string(),
    keyId: z.string(),
    /** Which API's feed: absent for v1. */
    scheme: Scheme.optional(),
  }),
  z.object({
    type: z.literal('message'),
    at: z.number(),
    /** The exact text frame. */
    raw: z.string(),
    /** The frame read as a txFeedStatus, or null when it is not one. */
    parsed: TxFeedStatus.nullable(),
    /** Partner API feeds: the frame read as a core client action, or null when it is not one. */
    action: PartnerFeedAction.nullable().optional(),
  }),
  z.object({
    type: z.literal('error'),
    at: z.number(),
    code: FeedErrorCode,
    message: z.string(),
    /** The upstream's HTTP status when it refused the handshake. */
    status: z.number().int().optional(),
    /** The upstream's own reason (`detail.reason` of a Qredo error), when it gave one. */
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('closed'),
    at: z.number(),
    /** The WebSocket close code, when the upstream closed it. */
    code: z.number().int().optional(),
    message: z.string(),
  }),
]);
export type FeedEvent = z.infer<typeof FeedEvent>;

// ---- embedded mock (POST /api/mock/reset) ------------------------------------------------------

/** The answer to POST /api/mock/reset: the embedded mock is back to the data of this seed. */
export const MockResetResponse = z.object({ reset: z.literal(true), seed: z.number().int() });
export type MockResetResponse = z.infer<typeof MockResetResponse>;

// ---- workbench: collections, saved requests, variables, open tabs, files ----------------------
// The saved request itself is core/workbench's SavedRequest (core/workbench/collection.ts); what the
// server adds when it stores one is its id and its place (collection, folder, position).

export { ItemName, SavedRequest, Variable, Variables } from './workbench/collection.ts';

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const CollectionSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    /** How many saved requests and folders it holds, at every depth. */
    requests: z.number().int(),
    folders: z.number().int(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .strict();
export type CollectionSummary = z.infer<typeof CollectionSummary>;

/** GET /api/collections */
export const CollectionList = z.object({ collections: z.array(CollectionSummary) }).strict();
export type CollectionList = z.infer<typeof CollectionList>;

/** Where an item of a collection is: `folderId` null is the collection's top; `position` counts from 0 among its siblings. */
const Place = {
  id: z.number().int(),
  collectionId: z.number().int(),
  folderId: z.number().int().nullable(),
  position: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
};

/** A saved request as stored: core/workbench's SavedRequest and its place. */
export const StoredRequest = SavedRequest.extend(Place).strict();
export type StoredRequest = z.infer<typeof StoredRequest>;

export const StoredFolder = z.object({ type: z.literal('folder'), name: z.string(), ...Place }).strict();
export type StoredFolder = z.infer<typeof StoredFolder>;

export type StoredItem = StoredFolder | StoredRequest;
export const StoredItem = z.discriminatedUnion('type', [StoredRequest, StoredFolder]);

export interface TreeFolder extends StoredFolder {
  items: TreeItem[];
}
export type TreeItem = TreeFolder | StoredRequest;

export const TreeFolder: z.ZodType<TreeFolder> = StoredFolder.extend({
  get items(): z.ZodArray<z.ZodType<TreeItem>> {
    return z.array(TreeItem);
  },
}).strict();

export const TreeItem: z.ZodType<TreeItem> = z.lazy(() =>
  z.discriminatedUnion('type', [StoredRequest, TreeFolder as z.ZodType<TreeFolder> & z.ZodObject]),
);

/** GET /api/collections/:id: the whole tree, in order, with the collection's variables. */
export const CollectionDetail = CollectionSummary.extend({
  variables: z.array(Variable),
  items: z.array(TreeItem),
}).strict();
export type CollectionDetail = z.infer<typeof CollectionDetail>;

/** POST /api/collections */
export const CreateCollectionRequest = z.object({ name: ItemName, variables: Variables.optional() }).strict();
export type CreateCollectionRequest = z.infer<typeof CreateCollectionRequest>;

/** PATCH /api/collections/:id: a new name, a new list of variables (replacing the old), or both. */
export const UpdateCollectionRequest = z
  .object({ name: ItemName.optional(), variables: Variables.optional() })
  .strict()
  .refine((r) => r.name !== undefined || r.variables !== undefined, 'Give a new name, new variables, or both.');
export type UpdateCollectionRequest = z.infer<typeof UpdateCollectionRequest>;

/** POST /api/collections/:id/duplicate and /api/items/:id/duplicate: the copy's name (default: "… (copy)"). */
export const DuplicateRequest = z.object({ name: ItemName.optional() }).strict();
export type DuplicateRequest = z.infer<typeof DuplicateRequest>;

export const NewFolder = z.object({ type: z.literal('folder'), name: ItemName }).strict();

/** POST /api/collections/:id/items: a saved request or an empty folder, at a place (default: the end of the top). */
export const CreateItemRequest = z
  .object({
    folderId: Id.nullable().optional(),
    position: z.number().int().min(0).optional(),
    item: z.discriminatedUnion('type', [SavedRequest, NewFolder]),
  })
  .strict();
export type CreateItemRequest = z.infer<typeof CreateItemRequest>;

/** PATCH /api/items/:id: renames a folder or a saved request. */
export const RenameItemRequest = z.object({ name: ItemName }).strict();
export type RenameItemRequest = z.infer<typeof RenameItemRequest>;

/**
 * POST /api/items/:id/move: to a folder (null: the top) of the same collection or of `collectionId`,
 * at `position` among the new siblings (default: the end). A folder moves with its contents.
 */
export const MoveItemRequest = z
  .object({
    collectionId: Id.optional(),
    folderId: Id.nullable(),
    position: z.number().int().min(0).optional(),
  })
  .strict();
export type MoveItemRequest = z.infer<typeof MoveItemRequest>;

/** PUT /api/saved-requests/:id: the saved request's new content (its place does not change). */
export const UpdateSavedRequestRequest = SavedRequest;
export type UpdateSavedRequestRequest = SavedRequest;

const SearchText = z
  .string()
  .max(500)
  .refine((q) => ![...q].some((c) => c < ' ' || c === '\u007f'), {
    message: 'The search may not contain control characters (line breaks, tabs, NUL).',
  });

/** Query of GET /api/saved-requests: case-insensitive text in the name or the path, an exact method, one collection. */
export const SavedRequestQuery = z
  .object({
    q: SearchText.optional(),
    method: z.string().max(16).optional(),
    collectionId: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type SavedRequestQuery = z.infer<typeof SavedRequestQuery>;

export const SavedRequestMatch = z
  .object({
    id: z.number().int(),
    collectionId: z.number().int(),
    collectionName: z.string(),
    /** The names of the folders it is in, outermost first. */
    folders: z.array(z.string()),
    name: z.string(),
    method: z.string(),
    path: z.string(),
    environment: Environment.nullable(),
  })
  .strict();
export type SavedRequestMatch = z.infer<typeof SavedRequestMatch>;

export const SavedRequestSearch = z
  .object({
    results: z.array(SavedRequestMatch),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .strict();
export type SavedRequestSearch = z.infer<typeof SavedRequestSearch>;

/** GET /api/variables: each environment's variables, in order. Variables are not for secrets. */
export const EnvironmentVariables = z
  .object({ mock: z.array(Variable), sandbox: z.array(Variable), production: z.array(Variable) })
  .strict();
export type EnvironmentVariables = z.infer<typeof EnvironmentVariables>;

/** PUT /api/variables/:environment: the environment's whole new list. */
export const PutVariablesRequest = z.object({ variables: Variables }).strict();
export type PutVariablesRequest = z.infer<typeof PutVariablesRequest>;

export const PutVariablesResponse = z.object({ environment: Environment, variables: z.array(Variable) }).strict();
export type PutVariablesResponse = z.infer<typeof PutVariablesResponse>;

// ---- the workbench state: open tabs (GET/PUT /api/workspace) ----------------------------------

export const MAX_TABS = 100;
/** Largest workspace the server keeps, as JSON bytes. */
export const MAX_WORKSPACE_BYTES = 8 * 1024 * 1024;

export const TabId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A tab id is 1 to 64 letters, digits, "-" or "_".');

const NameValue = z
  .object({ name: z.string().max(1024), value: z.string().max(MAX_PATH_LENGTH), enabled: z.boolean().optional() })
  .strict();

/**
 * A tab's draft: the composer's values as the person left them, kept as typed (it need not be a
 * request that can be sent yet, so only sizes are checked here; Send checks the rest). Never a secret.
 */
export const WorkspaceDraft = z
  .object({
    environment: Environment,
    demoKey: DemoKey.optional(),
    /** The catalogue operation picked, or '' for a custom request. */
    operationId: z.string().max(128).optional(),
    method: z.string().max(64),
    customMethod: z.string().max(64).optional(),
    path: z.string().max(MAX_PATH_LENGTH),
    /** The query parameter table, when the page keeps one apart from the path. */
    query: z.array(NameValue).max(MAX_HEADERS).optional(),
    /** Path parameters by name. */
    params: z
      .record(z.string().max(128), z.string().max(MAX_PATH_LENGTH))
      .refine((p) => Object.keys(p).length <= MAX_HEADERS, `At most ${MAX_HEADERS} path parameters.`)
      .optional(),
    /** The exact body text; '' means none. */
    body: z.string(),
    bodyAside: z.string().optional(),
    headers: z.array(NameValue).max(MAX_HEADERS),
    timing: z
      .object({ mode: z.enum(['send-time', 'pinned']), pinned: z.string().max(64), unit: TimestampUnit })
      .strict()
      .optional(),
    /** The API the draft is for (default v1), and for the Partner API its demo partner and nonce, as typed. */
    scheme: Scheme.optional(),
    partnerKey: PartnerDemoKey.optional(),
    nonce: z.string().max(64).optional(),
  })
  .strict();
export type WorkspaceDraft = z.infer<typeof WorkspaceDraft>;

export const WorkspaceTab = z
  .object({
    id: TabId,
    title: z.string().max(200).optional(),
    /** The saved request the tab was opened from (or saved as). */
    savedRequestId: SavedRequestId.optional(),
    draft: WorkspaceDraft,
    /** Changed since it was opened or saved. */
    dirty: z.boolean(),
  })
  .strict();
export type WorkspaceTab = z.infer<typeof WorkspaceTab>;

/** The open tabs, in order, and the active one. */
export const Workspace = z
  .object({
    tabs: z.array(WorkspaceTab).max(MAX_TABS, `At most ${MAX_TABS} tabs can be open.`),
    activeTabId: TabId.nullable(),
  })
  .strict()
  .superRefine((w, ctx) => {
    const seen = new Set<string>();
    w.tabs.forEach((t, i) => {
      if (seen.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['tabs', i, 'id'], message: `The tab id ${t.id} is used twice.` });
      seen.add(t.id);
    });
    if (w.activeTabId !== null && !seen.has(w.activeTabId))
      ctx.addIssue({ code: 'custom', path: ['activeTabId'], message: 'The active tab is not one of the tabs.' });
  });
export type Workspace = z.infer<typeof Workspace>;

/** GET /api/workspace. `revision` goes up by one on every write; 0 and updatedAt null before the first. */
export const WorkspaceState = z
  .object({ revision: z.number().int(), updatedAt: z.number().nullable(), workspace: Workspace })
  .strict();
export type WorkspaceState = z.infer<typeof WorkspaceState>;

/**
 * PUT /api/workspace. The last write wins; `baseRevision` is the revision the page last read or
 * wrote, so that the answer can say whether another page wrote in between (and was overwritten).
 */
export const PutWorkspaceRequest = z
  .object({ workspace: Workspace, baseRevision: z.number().int().min(0).optional() })
  .strict();
export type PutWorkspaceRequest = z.infer<typeof PutWorkspaceRequest>;

export const PutWorkspaceResponse = WorkspaceState.extend({
  /** True when baseRevision was given and another write had come after it. */
  overwrote: z.boolean(),
}).strict();
export type PutWorkspaceResponse = z.infer<typeof PutWorkspaceResponse>;

// ---- files in and out (POST /api/import, GET /api/collections/:id/export) -----------------------

/** `.http` (JetBrains HTTP Client, VS Code REST Client), Postman v2.1, the playground's own collection JSON. */
export const FileFormat = z.enum(['http', 'postman', 'json']);
export type FileFormat = z.infer<typeof FileFormat>;

const FileText = z.string().max(MAX_COLLECTION_CHARS, `A file is at most ${MAX_COLLECTION_CHARS} characters.`);

export const ImportRequest = z
  .object({
    /** The file's text. It is data: read, validated, never evaluated. */
    text: FileText,
    /** Detected from the file name and the text when absent. */
    format: FileFormat.optional(),
    /** The file's name, to detect the format and to name the collection when the file does not. */
    fileName: z.string().max(255).optional(),
    /** For a .http file: http-client.env.json, http-client.private.env.json, and which environment of them. */
    envFile: FileText.optional(),
    privateEnvFile: FileText.optional(),
    envName: z.string().max(200).optional(),
    /** Into this collection: added at its end when it exists, made when it does not (default: a new one). */
    collection: ItemName.optional(),
  })
  .strict();
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportedRequest = z
  .object({ name: z.string(), method: z.string(), path: z.string(), environment: Environment.nullable() })
  .strict();
export type ImportedRequest = z.infer<typeof ImportedRequest>;

export const DroppedPart = z.object({ what: z.string(), why: z.string() }).strict();
export type DroppedPart = z.infer<typeof DroppedPart>;

/** The answer to an import (and `cli import --json`): what came in, what was left out and why. */
export const ImportResponse = z
  .object({
    collection: CollectionSummary,
    imported: z.array(ImportedRequest),
    dropped: z.array(DroppedPart),
    notes: z.array(z.string()),
  })
  .strict();
export type ImportResponse = z.infer<typeof ImportResponse>;

export const ExportQuery = z.object({ format: FileFormat }).strict();
export type ExportQuery = z.infer<typeof ExportQuery>;

export const ExportResponse = z
  .object({
    format: FileFormat,
    /** A file name for the download, from the collection's name. */
    fileName: z.string(),
    mediaType: z.string(),
    text: z.string(),
    /** What the format could not carry exactly. */
    notes: z.array(z.string()),
  })
  .strict();
export type ExportResponse = z.infer<typeof ExportResponse>;
