/**
 * From a full Qredo v1 URL to the path the playground sends (relative to an environment's base).
 * Shared by cURL import and bundle re-run. No React.
 */
import { checkPath } from '../../core/signing/url.ts';

export const QREDO_V1_PREFIX = '/qapi/v1';

/** Public Qredo v1 bases (docs/qredo-api.md, "Environments"), by the environment they are. */
export const PUBLIC_QREDO_BASES = {
  production: 'https://api.qredo.network/qapi/v1',
  sandbox: 'https://sandbox-api.qredo.network/qapi/v1',
} as const;

export const KNOWN_QREDO_BASES: readonly string[] = Object.values(PUBLIC_QREDO_BASES);

export type PathFromUrl =
  | {
      ok: true;
      path: string;
      /** The base the URL was under. */ base: string;
      /** The configured base it matched, if any. */ matched: string | null;
    }
  | { ok: false; error: string };

/**
 * The path (query included, exactly as written) of a URL under a Qredo v1 base: one of `bases`, a
 * public Qredo base, or any http(s) host whose path starts with /qapi/v1 (a colleague's mock, apitool's
 * local setup). Anything else is refused with a reason.
 */
export function pathFromUrl(
  url: string,
  bases: readonly string[] = [],
  /** The API's base path: v1's /qapi/v1, or the Partner API's /api/v1/p. */
  prefix: string = QREDO_V1_PREFIX,
): PathFromUrl {
  const label = prefix === QREDO_V1_PREFIX ? 'Qredo v1' : 'Partner API';
  const text = url.trim();
  const scheme = /^(https?):\/\/[^/?#]+/i.exec(text);
  if (!scheme) {
    if (text.startsWith('/')) {
      return {
        ok: false,
        error: `"${short(text)}" is a path, not a full URL; the full URL (with https:// and the host) is needed to know the environment.`,
      };
    }
    return { ok: false, error: `"${short(text)}" is not an http(s) URL.` };
  }
  const origin = scheme[0];
  const rest = text.slice(origin.length);
  if (!rest.toLowerCase().startsWith(prefix) || !/^($|[/?])/.test(rest.slice(prefix.length))) {
    return {
      ok: false,
      error: `${short(text)} is not under a ${label} base: its path must start with ${prefix}/ (as in https://api.qredo.network${prefix}/${prefix === QREDO_V1_PREFIX ? 'balance' : 'assets'}).`,
    };
  }
  const path = rest.slice(prefix.length);
  const base = origin + rest.slice(0, prefix.length);
  const checked = checkPath(path);
  if (!checked.ok) return { ok: false, error: checked.error };
  const norm = (b: string) => b.replace(/\/+$/, '').toLowerCase();
  const matched = [...bases, ...KNOWN_QREDO_BASES].find((b) => norm(b) === base.toLowerCase()) ?? null;
  return { ok: true, path: checked.path, base, matched };
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
