/** A pasted cURL command to the composer's method, path and exact body. No React. */
import { ImportError, parseCurl } from '../../../core/import/index.ts';
import { pathFromUrl } from '../../lib/qredo-url.ts';

export type CurlImport =
  { ok: true; method: string; path: string; body: string | null; notes: string[] } | { ok: false; error: string };

/**
 * Reads the command with the core parser; the URL must be under a Qredo v1 base (the environments'
 * own, a public one, or any host's /qapi/v1). The body is taken exactly; the signing headers in the
 * paste are ignored, since the playground signs again.
 */
export function curlToDraft(text: string, bases: readonly string[]): CurlImport {
  if (text.trim() === '') return { ok: false, error: 'Paste a cURL command first.' };
  let parsed;
  try {
    parsed = parseCurl(text);
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.message };
    throw e;
  }
  const found = pathFromUrl(parsed.url, bases);
  if (!found.ok) return { ok: false, error: found.error };
  const notes = [...parsed.notes];
  if (!found.matched)
    notes.push(`The URL's host (${found.base}) is not one of the playground's environments; only its path is kept.`);
  return { ok: true, method: parsed.method, path: found.path, body: parsed.body, notes };
}
