/**
 * The query editor's rows and the path's query string, kept in sync both ways without changing a
 * byte the person typed: a row holds its key and value exactly as they appear in the path (encoded
 * as typed), and the path is rebuilt from the rows by joining them as they are. Only text typed into
 * a row is encoded, and only the characters that cannot stand in a query as they are (spaces,
 * controls, non-ASCII, and the separators `&`, `#`, and `=` in a key). No React.
 */

/** One `key=value` of the query, as written in the path. `value` is null for a bare `key` (no "="). */
export interface QueryRow {
  key: string;
  value: string | null;
}

/** The path before the first "?", and the query after it (null when there is no "?"). */
export function splitPathQuery(path: string): { base: string; query: string | null } {
  const q = path.indexOf('?');
  return q < 0 ? { base: path, query: null } : { base: path.slice(0, q), query: path.slice(q + 1) };
}

/** The rows of a query string, in order; an empty query has none. Every "&" starts a row, empty ones included. */
export function parseQuery(query: string): QueryRow[] {
  if (query === '') return [];
  return query.split('&').map((piece) => {
    const eq = piece.indexOf('=');
    return eq < 0 ? { key: piece, value: null } : { key: piece.slice(0, eq), value: piece.slice(eq + 1) };
  });
}

/** The query string of rows, joined exactly as they are. */
export function formatQuery(rows: readonly QueryRow[]): string {
  return rows.map((r) => (r.value === null ? r.key : `${r.key}=${r.value}`)).join('&');
}

/** The rows of a path's query. */
export function rowsOfPath(path: string): QueryRow[] {
  return parseQuery(splitPathQuery(path).query ?? '');
}

/** The path with its query replaced by the rows (no "?" at all when there are none). */
export function pathWithRows(path: string, rows: readonly QueryRow[]): string {
  const { base } = splitPathQuery(path);
  return rows.length === 0 ? base : `${base}?${formatQuery(rows)}`;
}

export interface Encoded {
  /** The text with what must be encoded percent-encoded (UTF-8), everything else as typed. */
  text: string;
  /** What was encoded, in words, once per character ("space → %20"); empty when nothing was. */
  changes: string[];
}

const NAMES: Record<string, string> = { ' ': 'space', '&': '"&"', '#': '"#"', '=': '"="', '\\': 'backslash' };

/** The code point of one character as `for…of` yields it (never the empty string). */
function codePointOf(c: string): number {
  const code = c.codePointAt(0);
  if (code === undefined) throw new Error('codePointOf: an empty string has no code point.');
  return code;
}

function describe(c: string, code: number, encoded: string): string {
  const name =
    NAMES[c] ?? (code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${c}"`);
  return `${name} → ${encoded}`;
}

/**
 * Percent-encodes only what cannot be sent as typed in a query key or value: anything outside
 * visible ASCII, and "&", "#" and "\" (and "=" in a key), since they would end the row, the URL or
 * be refused. "%", "+" and the rest stay as typed, so that a percent-escape can be typed by hand.
 * A lone surrogate (no UTF-8 form) becomes U+FFFD's encoding, and says so.
 */
export function encodeQueryPart(text: string, part: 'key' | 'value'): Encoded {
  const changes: string[] = [];
  const seen = new Set<string>();
  let out = '';
  for (const c of text) {
    const code = codePointOf(c);
    const must = code < 0x21 || code > 0x7e || c === '&' || c === '#' || c === '\\' || (part === 'key' && c === '=');
    if (!must) {
      out += c;
      continue;
    }
    // encodeURIComponent writes UTF-8 with upper-case hex; a lone surrogate has no UTF-8 form.
    const isLoneSurrogate = code >= 0xd800 && code <= 0xdfff;
    const encoded = isLoneSurrogate ? '%EF%BF%BD' : encodeURIComponent(c);
    out += encoded;
    if (!seen.has(c)) {
      seen.add(c);
      changes.push(isLoneSurrogate ? `an unpaired surrogate → ${encoded} (U+FFFD)` : describe(c, code, encoded));
    }
  }
  return { text: out, changes };
}

/** A query key or value as it reads decoded (`+` as a space, as forms send it), or null when it is not valid percent-encoding. */
export function decodeQueryPart(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * The path with one parameter set to `value` (encoded as needed) where it first appears, or added at
 * the end; every other row kept as it is. `null` removes every row of that name. Names are compared
 * decoded, so `archived` finds `arch%69ved` too.
 */
export function setQueryParam(path: string, name: string, value: string | null): string {
  const rows = rowsOfPath(path);
  const same = (r: QueryRow) => (decodeQueryPart(r.key) ?? r.key) === name;
  if (value === null)
    return pathWithRows(
      path,
      rows.filter((r) => !same(r)),
    );
  const encoded = encodeQueryPart(value, 'value').text;
  const at = rows.findIndex(same);
  if (at < 0) return pathWithRows(path, [...rows, { key: encodeQueryPart(name, 'key').text, value: encoded }]);
  // The first row of that name takes the value, keeping its key as written; the others go.
  const next = rows.filter((r, i) => i === at || !same(r)).map((r) => (same(r) ? { key: r.key, value: encoded } : r));
  return pathWithRows(path, next);
}

/**
 * Where the caret belongs after `before` (with the caret at `caret`) was encoded: the same place in
 * the text, moved past whatever its encoding added in front of it.
 */
export function caretAfterEncoding(before: string, caret: number, part: 'key' | 'value'): number {
  return encodeQueryPart(before.slice(0, caret), part).text.length;
}
