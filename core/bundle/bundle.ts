/**
 * Redacted reproduction bundles: one or several history entries as a versioned JSON document (or a
 * URL fragment, which browsers never send to a server), and as HAR 1.2 for other tools. A bundle is
 * data only: parsing is size-limited and validated, and nothing in it is ever evaluated.
 */
import { z } from '../zod.ts';
import { RelayResult, describeIssues, type HistoryEntry } from '../contract.ts';
import { scrubPrivateKeyShapes } from '../partner/key-forms.ts';
import { base64url, decodeStandardBase64 } from '../signing/index.ts';
import { captureFromSent, type SentCapture } from '../doctor/capture.ts';
import { isSensitiveHeader } from '../headers.ts';

export const BUNDLE_SCHEMA = 'qredo-playground-bundle';
export const BUNDLE_VERSION = 1;
/** Largest bundle text accepted, in characters. */
export const MAX_BUNDLE_CHARS = 10 * 1024 * 1024;
/** Largest URL fragment produced or accepted (browsers cope with about 2 MB URLs). */
export const MAX_FRAGMENT_CHARS = 1_500_000;
export const MAX_BUNDLE_ENTRIES = 1000;
export const FRAGMENT_KEY = 'bundle';
const REDACTED = '[redacted]';

/** One exchange as the sender saw it, without the history id and with the app version. */
export const BundleEntry = RelayResult.omit({ id: true })
  .extend({ appVersion: z.string().max(64) })
  .strict();
export type BundleEntry = z.infer<typeof BundleEntry>;

export const Bundle = z
  .object({
    schema: z.literal(BUNDLE_SCHEMA),
    version: z.literal(BUNDLE_VERSION),
    appVersion: z.string().max(64),
    /** Milliseconds since the epoch, given by the exporter (core reads no clock). */
    exportedAt: z.number().nullable(),
    /** What was removed, in words, so a reader knows what is missing. */
    redactions: z.array(z.string().max(500)).max(1000),
    entries: z.array(BundleEntry).min(1, 'A bundle holds at least one entry.').max(MAX_BUNDLE_ENTRIES),
  })
  .strict();
export type Bundle = z.infer<typeof Bundle>;

export { isSensitiveHeader } from '../headers.ts';
/** A Qredo-shaped secret (base64 of "$2a$", "$2b$", "$2y$"…) or its decoded bcrypt-style text. */
const SECRET_SHAPES = [/JDJ[hbxy]JD[A-Za-z0-9+/_-]{16,}={0,2}/g, /\$2[abxy]\$\d\d\$[./A-Za-z0-9]{20,}/g];

export interface BundleOptions {
  appVersion: string;
  /** When the bundle was made, in ms since the epoch (core reads no clock). */
  exportedAt?: number | null;
  /** The exporter's own redactor (the server knows the configured secrets; core does not). */
  scrub?: (text: string) => string;
}

function scrubText(text: string, scrub: ((t: string) => string) | undefined): { text: string; hit: boolean } {
  let out = scrub ? scrub(text) : text;
  for (const shape of SECRET_SHAPES) out = out.replace(shape, REDACTED);
  // Any RSA private key, in its PEM, DER base64, hex or base64'd-PEM form (public keys stay).
  out = scrubPrivateKeyShapes(out, REDACTED).text;
  return { text: out, hit: out !== text };
}

function redactHeaders(headers: Record<string, string>, where: string, notes: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSensitiveHeader(name) && value !== '') {
      out[name] = REDACTED;
      notes.add(`${where} header "${name}" removed`);
    } else out[name] = value;
  }
  return out;
}

/** Deep-scrubs every string of a JSON-shaped value. */
function scrubDeep<T>(value: T, scrub: ((t: string) => string) | undefined, notes: Set<string>): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = scrubText(v, scrub);
      if (r.hit) notes.add('text shaped like a secret replaced by [redacted]');
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Builds a redacted bundle from history entries. */
export function toBundle(entries: readonly HistoryEntry[], opts: BundleOptions): Bundle {
  if (entries.length === 0) throw new Error('Choose at least one history entry to export.');
  if (entries.length > MAX_BUNDLE_ENTRIES) throw new Error(`A bundle holds at most ${MAX_BUNDLE_ENTRIES} entries.`);
  const notes = new Set<string>();
  const out: BundleEntry[] = entries.map((e) => {
    const { id: _id, ...rest } = e;
    const entry: BundleEntry = {
      ...rest,
      request: {
        ...rest.request,
        headers: redactHeaders(rest.request.headers, 'request', notes),
        // The added headers are also in `headers` as sent: a credential there is removed here too.
        ...(rest.request.extraHeaders
          ? {
              extraHeaders: rest.request.extraHeaders.map((h) => ({
                name: h.name,
                value: redactHeaders({ [h.name]: h.value }, 'request', notes)[h.name] ?? '',
              })),
            }
          : {}),
      },
      response: rest.response
        ? { ...rest.response, headers: redactHeaders(rest.response.headers, 'response', notes) }
        : null,
      appVersion: opts.appVersion,
    };
    return scrubDeep(entry, opts.scrub, notes);
  });
  const bundle: Bundle = {
    schema: BUNDLE_SCHEMA,
    version: BUNDLE_VERSION,
    appVersion: opts.appVersion,
    exportedAt: opts.exportedAt ?? null,
    redactions: [...notes].sort(),
    entries: out,
  };
  // What leaves must satisfy the schema a reader will check it against (strict: no stray fields).
  return Bundle.parse(bundle);
}

export type BundleParse = { ok: true; bundle: Bundle } | { ok: false; error: string; issues?: string[] };

/** Reads a bundle from text: size-limited, parsed as JSON, checked against the schema. Never evaluates anything. */
export function parseBundle(text: string): BundleParse {
  if (typeof text !== 'string') return { ok: false, error: 'The bundle must be text.' };
  if (text.length > MAX_BUNDLE_CHARS)
    return { ok: false, error: `The bundle is ${text.length} characters; the limit is ${MAX_BUNDLE_CHARS}.` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The bundle is not valid JSON: ${(e as Error).message}` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, error: 'The bundle is not a JSON object.' };
  const head = json as { schema?: unknown; version?: unknown };
  if (head.schema !== BUNDLE_SCHEMA) {
    if (typeof (json as { log?: { version?: unknown } }).log === 'object') {
      return {
        ok: false,
        error:
          'This is a HAR file, not a playground bundle; export a bundle (JSON) from the playground to import it here.',
      };
    }
    return { ok: false, error: `This is not a playground bundle: "schema" should be "${BUNDLE_SCHEMA}".` };
  }
  if (typeof head.version === 'number' && head.version > BUNDLE_VERSION) {
    return {
      ok: false,
      error: `The bundle is version ${head.version}, newer than this playground understands (${BUNDLE_VERSION}); update the playground.`,
    };
  }
  const parsed = Bundle.safeParse(json);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    return {
      ok: false,
      error: `The bundle is not valid: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`,
      issues,
    };
  }
  return { ok: true, bundle: parsed.data };
}

/** "bundle=<base64url of the JSON>", for a link's `#` fragment. */
export function bundleToFragment(bundle: Bundle): string {
  const fragment = `${FRAGMENT_KEY}=${base64url(new TextEncoder().encode(JSON.stringify(bundle)))}`;
  if (fragment.length > MAX_FRAGMENT_CHARS) {
    throw new Error(
      `The bundle is too large for a link (${fragment.length} characters; the limit is ${MAX_FRAGMENT_CHARS}); export it as a file instead.`,
    );
  }
  return fragment;
}

/** Reads a bundle back from a fragment ("#bundle=…", "bundle=…" or a whole URL holding one). */
export function bundleFromFragment(fragment: string): BundleParse {
  if (fragment.length > MAX_FRAGMENT_CHARS + 10_000)
    return { ok: false, error: `The link is longer than ${MAX_FRAGMENT_CHARS} characters.` };
  const hash = fragment.includes('#') ? fragment.slice(fragment.indexOf('#') + 1) : fragment;
  const pair = hash.split('&').find((p) => p.startsWith(`${FRAGMENT_KEY}=`));
  if (!pair) return { ok: false, error: `The link has no "${FRAGMENT_KEY}=" in its fragment.` };
  const data = pair.slice(FRAGMENT_KEY.length + 1);
  if (!/^[A-Za-z0-9_-]*$/.test(data))
    return { ok: false, error: 'The bundle in the link is not URL-safe base64; it may have been cut or altered.' };
  if (data.length % 4 === 1) return { ok: false, error: 'The bundle in the link has been cut short.' };
  const bytes = decodeStandardBase64(
    data.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (data.length % 4)) % 4),
  );
  if (!bytes)
    return { ok: false, error: 'The bundle in the link is not valid base64; it may have been cut or altered.' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'The bundle in the link is not UTF-8 text.' };
  }
  return parseBundle(text);
}

/** The capture the signature doctor needs to verify a bundle entry against one's own secret. */
export function captureFromBundleEntry(entry: BundleEntry): SentCapture {
  return captureFromSent(entry);
}
