/**
 * A pasted cURL command to the composer's method, path, headers and exact body, with a summary of
 * what is kept, what is dropped and why, and which environment the URL's host is. No React.
 */
import type { Environment } from '../../../core/contract.ts';
import { ImportError, parseCurl, type ImportedHeader } from '../../../core/import/index.ts';
import { headerNameProblem, headerValueProblem, isComputedHeader, isTransportHeader } from '../../../core/headers.ts';
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
  /** Headers that go into the composer, exactly as pasted, in order (sent as typed, not signed). */
  headers: ImportedHeader[];
  /** The same, as "name: value" for the summary (long values cut). */
  keptHeaders: string[];
  dropped: Dropped[];
  /** What the parser ignored or assumed. */
  notes: string[];
}

export type CurlImport = ({ ok: true } & CurlSummary) | { ok: false; error: string };

/** Transport headers curl adds that the relay does not take: it reads the body uncompressed and never waits to send it. */
const CURL_TRANSPORT = new Set(['accept-encoding', 'expect']);

const shown = (h: ImportedHeader) => `${h.name}: ${h.value.length > 40 ? `${h.value.slice(0, 37)}…` : h.value}`;

/**
 * What happens to one pasted header. The three signing headers are made again; the relay writes the
 * transport ones itself (core/headers.ts); other credentials never travel. Every other header goes
 * into the composer's Headers, to be sent exactly as pasted (not signed), unless it could not be
 * sent as it is. An Accept or Content-Type replaces the playground's own.
 */
export function headerFate(header: ImportedHeader, hasBody: boolean): { kept: true } | { kept: false; why: string } {
  const name = header.name.toLowerCase();
  if (isComputedHeader(name))
    return { kept: false, why: 'signed again by the playground, with your key and a fresh timestamp' };
  if (name.startsWith('qredo-api-'))
    return { kept: false, why: 'not one of the three Qredo signing headers (misspelt?); the playground signs again' };
  if (name === 'content-type' && !hasBody) return { kept: false, why: 'there is no body for it to describe' };
  if (name === 'cookie' || name === 'authorization' || name === 'proxy-authorization')
    return { kept: false, why: 'credentials other than the Qredo signature are never forwarded' };
  if (isTransportHeader(name) || CURL_TRANSPORT.has(name))
    return { kept: false, why: 'written by the relay for the exact bytes it sends' };
  const problem = headerNameProblem(header.name) ?? headerValueProblem(header.value);
  if (problem) return { kept: false, why: problem.replace(/\.$/, '') };
  return { kept: true };
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
  const headers: ImportedHeader[] = [];
  const dropped: Dropped[] = [];
  for (const header of parsed.headers) {
    const fate = headerFate(header, hasBody);
    if (fate.kept) headers.push({ name: header.name, value: header.value });
    else dropped.push({ what: shown(header), why: fate.why });
  }
  return {
    ok: true,
    method: parsed.method,
    path: found.path,
    body: parsed.body,
    bodyBytes: parsed.body === null ? 0 : utf8ByteLength(parsed.body),
    host: mapHost(found.base, environments),
    headers,
    keptHeaders: headers.map(shown),
    dropped,
    notes: parsed.notes,
  };
}
