/** A path relative to an environment's base URL, checked so that it cannot leave that base. */
export type PathCheck = { ok: true; path: string } | { ok: false; error: string };

/**
 * Validates a path (query included) that the browser asks to send relative to the base URL.
 * The path is never rewritten: it is accepted as the exact text to append, or refused with a reason.
 */
export function checkPath(path: string): PathCheck {
  if (path.length === 0) return { ok: false, error: 'The path is empty; it must start with "/", as in /balance.' };
  if (path.length > 2048) return { ok: false, error: 'The path is longer than 2048 characters.' };
  if (!path.startsWith('/')) {
    return {
      ok: false,
      error: 'The path must start with "/" and be relative to the environment base URL; full URLs are not accepted.',
    };
  }
  if (path.startsWith('//'))
    return { ok: false, error: 'The path must not start with "//": that would name another host.' };
  // Printable ASCII only: anything else would have to be re-encoded on its way out.
  const bad = /[^\x21-\x7e]/.exec(path);
  if (bad) {
    // One UTF-16 unit: without the u flag the expression matches a character beyond U+FFFF by its first half.
    const code = bad[0].charCodeAt(0);
    const what = code === 0x20 ? 'a space' : `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      ok: false,
      error: `The path contains ${what} at position ${bad.index + 1}; percent-encode it (for example %20 for a space) so that what is signed is what is sent.`,
    };
  }
  if (path.includes('#'))
    return { ok: false, error: 'The path contains "#": a fragment is never sent, so it cannot be signed.' };
  if (path.includes('\\')) return { ok: false, error: 'The path contains a backslash.' };
  const q = path.indexOf('?');
  const pathPart = q >= 0 ? path.slice(0, q) : path;
  if (pathPart.includes('@')) return { ok: false, error: 'The path contains "@", which could name another host.' };
  if (/%(2e|2f|5c|40|00)/i.test(pathPart)) {
    return {
      ok: false,
      error: 'The path contains an encoded ".", "/", "\\", "@" or NUL; these could leave the base URL.',
    };
  }
  if (pathPart.split('/').some((s) => s === '..' || s === '.')) {
    return { ok: false, error: 'The path contains a "." or ".." segment, which could leave the base URL.' };
  }
  return { ok: true, path };
}

/** Joins a base URL and a checked path with exactly one slash between them (docs/qredo-api.md, "Environments"). */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
