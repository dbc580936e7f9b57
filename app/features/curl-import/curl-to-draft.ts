/**
 * A pasted cURL command to the composer's method, path and exact body, with a summary of what is
 * kept, what is dropped and why, and which environment the URL's host is. No React.
 */
import type { Environment } from '../../../core/contract.ts';
import { ImportError, parseCurl, type ImportedHeader } from '../../../core/import/index.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../../core/signing/signature.ts';
import { utf8ByteLength } from '../../../core/signing/utf8.ts';
import { PUBLIC_QREDO_BASES, pathFromUrl } from '../../lib/qredo-url.ts';

export interface Dropped {
  /** What was left out: a header ("accept-language: en-GB"), an option. */
  what: string;
  why: string;
}

/** Which environment the URL's host is, and how the playground knows. */
export type HostMapping =
  | { environment: Environment; host: string; known: 'configured' | 'public' }
  | { environment: null; host: string; known: null };

export interface CurlSummary {
  method: string;
  /** Relative to the environment's base URL, query included, exactly as written. */
  path: string;
  /** The exact body text, or null for none. */
  body: string | null;
  bodyBytes: number;
  host: HostMapping;
  /** Headers sent as the paste had them (with the same value). */
  keptHeaders: string[];
  dropped: Dropped[];
  /** What the parser ignored or assumed. */
  notes: string[];
}

export type CurlImport = ({ ok: true } & CurlSummary) | { ok: false; error: string };

const RELAY_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'accept-encoding',
  'expect',
]);

const shown = (h: ImportedHeader) => `${h.name}: ${h.value.length > 40 ? `${h.value.slice(0, 37)}…` : h.value}`;

/**
 * What happens to one pasted header. The relay sends only the headers the Qredo API reads: the
 * three signing headers (made again), accept and, with a body, content-type, both application/json.
 */
export function headerFate(header: ImportedHeader, hasBody: boolean): { kept: true } | { kept: false; why: string } {
  const name = header.name.toLowerCase();
  const media = header.value.split(';', 1)[0]!.trim().toLowerCase();
  if (name === HEADER_KEY || name === HEADER_TIMESTAMP || name === HEADER_SIGNATURE)
    return { kept: false, why: 'signed again by the playground, with your key and a fresh timestamp' };
  if (name.startsWith('qredo-api-'))
    return { kept: false, why: 'not one of the three Qredo signing headers (misspelt?); the playground signs again' };
  if (name === 'accept')
    return media === 'application/json'
      ? { kept: true }
      : { kept: false, why: 'the playground always asks for application/json' };
  if (name === 'content-type') {
    if (!hasBody) return { kept: false, why: 'there is no body for it to describe' };
    return media === 'application/json'
      ? { kept: true }
      : { kept: false, why: 'the playground always sends a body as application/json' };
  }
  if (RELAY_HEADERS.has(name)) return { kept: false, why: 'set by the relay for the exact bytes it sends' };
  if (name === 'cookie' || name === 'authorization' || name === 'proxy-authorization')
    return { kept: false, why: 'credentials other than the Qredo signature are never forwarded' };
  return {
    kept: false,
    why: 'the playground sends only the headers the Qredo API reads, so custom headers are not sent',
  };
}

const norm = (base: string) => base.replace(/\/+$/, '').toLowerCase();

/** The environment whose base URL (configured, or Qredo's public one) the URL's base is. */
function mapHost(base: string, environments: readonly { name: Environment; baseUrl: string }[]): HostMapping {
  const host = base.replace(/^https?:\/\//i, '').replace(/\/qapi\/v1$/i, '');
  const configured = environments.find((e) => norm(e.baseUrl) === norm(base));
  if (configured) return { environment: configured.name, host, known: 'configured' };
  const publicEnv = (Object.keys(PUBLIC_QREDO_BASES) as Array<keyof typeof PUBLIC_QREDO_BASES>).find(
    (env) => norm(PUBLIC_QREDO_BASES[env]) === norm(base),
  );
  if (publicEnv) return { environment: publicEnv, host, known: 'public' };
  return { environment: null, host, known: null };
}

/**
 * Reads the command with the core parser; the URL must be under a Qredo v1 base (the environments'
 * own, a public one, or any host's /qapi/v1). The body is taken exactly; what the playground does not
 * send is listed with the reason.
 */
export function curlToDraft(text: string, environments: readonly { name: Environment; baseUrl: string }[]): CurlImport {
  if (text.trim() === '') return { ok: false, error: 'Paste a cURL command first.' };
  let parsed;
  try {
    parsed = parseCurl(text);
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.message };
    throw e;
  }
  const found = pathFromUrl(
    parsed.url,
    environments.map((e) => e.baseUrl),
  );
  if (!found.ok) return { ok: false, error: found.error };
  const hasBody = parsed.body !== null;
  const keptHeaders: string[] = [];
  const dropped: Dropped[] = [];
  for (const header of parsed.headers) {
    const fate = headerFate(header, hasBody);
    if (fate.kept) keptHeaders.push(shown(header));
    else dropped.push({ what: shown(header), why: fate.why });
  }
  return {
    ok: true,
    method: parsed.method,
    path: found.path,
    body: parsed.body,
    bodyBytes: parsed.body === null ? 0 : utf8ByteLength(parsed.body),
    host: mapHost(found.base, environments),
    keptHeaders,
    dropped,
    notes: parsed.notes,
  };
}
