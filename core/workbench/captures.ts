/**
 * Values that flow from one response to the next request: a capture rule names a variable and a JSON
 * path into the response body; `idCandidates` lists the ID-like fields of a body for a one-click
 * "Set as variable".
 *
 * The JSON path subset (nothing else is accepted):
 *
 *   path     = "$" segment*
 *   segment  = "." name                      $.txID, $.data.wallet_id
 *            | "[" digits "]"                $.funds[0]
 *            | "[" quoted "]"                $['fund-id'], $["a b"]
 *   name     = [A-Za-z_$][A-Za-z0-9_$]*
 *   digits   = "0" | [1-9][0-9]*             (at most 9 digits)
 *   quoted   = "'" (char | "\'" | "\\")* "'" | '"' (char | '\"' | "\\")* '"'
 *
 * No wildcards, filters, slices, recursive descent or negative indexes: a capture picks one value.
 *
 * Public API:
 *   parseJsonPath(path): { ok: true, segments } | { ok: false, error }
 *   formatJsonPath(segments): string
 *   evaluateCapture(path, bodyText): { ok: true, value } | { ok: false, reason }
 *   idCandidates(jsonText, limit?): IdCandidate[]
 *   suggestVariableName(key): string
 */

import { itemAt, lastItem } from '../checked.ts';

export type JsonPathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number };

export type JsonPathParse = { ok: true; segments: JsonPathSegment[] } | { ok: false; error: string };

export const MAX_JSON_PATH_LENGTH = 1024;
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/** Parses a capture path of the documented subset. */
export function parseJsonPath(path: string): JsonPathParse {
  if (path.length > MAX_JSON_PATH_LENGTH)
    return { ok: false, error: `The JSON path is longer than ${MAX_JSON_PATH_LENGTH} characters.` };
  if (!path.startsWith('$')) return { ok: false, error: 'A JSON path starts with "$", as in $.txID.' };
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = NAME.exec(path.slice(i + 1));
      if (!m)
        return {
          ok: false,
          error: `After "." at position ${i + 1} a field name is expected (letters, digits, _ or $); write other names as ['name'].`,
        };
      segments.push({ kind: 'key', key: m[0] });
      i += 1 + m[0].length;
    } else if (c === '[') {
      const q = path[i + 1];
      if (q === "'" || q === '"') {
        let key = '';
        let j = i + 2;
        let closed = false;
        while (j < path.length) {
          const d = path.charAt(j);
          if (d === '\\') {
            const e = path[j + 1];
            if (e !== q && e !== '\\')
              return {
                ok: false,
                error: `Only \\${q} and \\\\ may be escaped inside a quoted name (position ${j + 1}).`,
              };
            key += e;
            j += 2;
          } else if (d === q) {
            closed = true;
            j++;
            break;
          } else {
            key += d;
            j++;
          }
        }
        if (!closed || path[j] !== ']')
          return { ok: false, error: `The quoted name opened at position ${i + 1} is not closed by ${q}].` };
        segments.push({ kind: 'key', key });
        i = j + 1;
      } else {
        const m = /^(0|[1-9][0-9]{0,8})\]/.exec(path.slice(i + 1));
        if (!m)
          return {
            ok: false,
            error: `"[" at position ${i + 1} must hold an index such as [0] or a quoted name such as ['fund-id'].`,
          };
        segments.push({ kind: 'index', index: Number(m[1]) });
        i += 1 + m[0].length;
      }
    } else {
      return {
        ok: false,
        error: `Unexpected ${JSON.stringify(c)} at position ${i + 1}: a path goes on with .name, [0] or ['name'].`,
      };
    }
  }
  return { ok: true, segments };
}

/** The canonical text of a path: .name where the name allows it, ['name'] otherwise. */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (s.kind === 'index') out += `[${s.index}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s.key)) out += `.${s.key}`;
    else out += `['${s.key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

export type CaptureEvaluation = { ok: true; value: string } | { ok: false; reason: string };

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

/**
 * The value at `path` in the JSON body, as the text a variable holds: strings as they are, numbers
 * and booleans as JSON writes them. Null, objects, arrays, integers beyond 2^53 (which JSON.parse
 * cannot read exactly) and missing paths are refused with a reason.
 */
export function evaluateCapture(path: string, bodyText: string): CaptureEvaluation {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  let value: unknown;
  try {
    value = JSON.parse(bodyText);
  } catch {
    return { ok: false, reason: 'The response body is not JSON.' };
  }
  let at = '$';
  for (const s of parsed.segments) {
    const here = formatJsonPath([s]).slice(1);
    if (s.kind === 'index') {
      if (!Array.isArray(value)) return { ok: false, reason: `${at} is ${describe(value)}, not an array.` };
      if (s.index >= value.length)
        return { ok: false, reason: `${at} has ${value.length} element(s); there is no [${s.index}].` };
      value = value[s.index];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return { ok: false, reason: `${at} is ${describe(value)}, not an object.` };
      if (!Object.prototype.hasOwnProperty.call(value, s.key))
        return { ok: false, reason: `${at} has no field ${JSON.stringify(s.key)}.` };
      value = (value as Record<string, unknown>)[s.key];
    }
    at += here;
  }
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'boolean') return { ok: true, value: String(value) };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value))
      return { ok: false, reason: `${at} is a number too large to be read exactly; ask for it as a string.` };
    return { ok: true, value: String(value) };
  }
  if (value === null) return { ok: false, reason: `${at} is null.` };
  return { ok: false, reason: `${at} is ${describe(value)}; a variable holds one value (a string or a number).` };
}

export interface IdCandidate {
  /** The JSON path of the field, in the capture subset. */
  path: string;
  /** The field name. */
  key: string;
  value: string;
  /** A variable name for it: the key in snake_case (txID → tx_id, fundId → fund_id). */
  suggestedVariable: string;
}

/** Field names that hold identifiers: id, uuid, and names ending in _id, -id, Id or ID. */
const ID_KEY = /^(id|uuid|ID)$|[_-](id|ID)$|[a-z0-9](Id|ID)$/;
export const MAX_ID_CANDIDATES = 500;
const MAX_ID_VALUE_LENGTH = 256;
const MAX_DEPTH = 64;

/** A variable name for a field: the key in snake_case (txID → tx_id, fundId → fund_id). */
export function suggestVariableName(key: string): string {
  const s = key
    .replace(/([a-z0-9])([A-Z]+)/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase()
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(s) ? s : `id_${s}`;
}

/**
 * The ID-like fields of a JSON body whose values are non-empty strings, in document order, the first
 * `limit` of them (at most MAX_ID_CANDIDATES). A body that is not JSON has none.
 */
export function idCandidates(jsonText: string, limit = MAX_ID_CANDIDATES): IdCandidate[] {
  let root: unknown;
  try {
    root = JSON.parse(jsonText);
  } catch {
    return [];
  }
  const max = Math.min(limit, MAX_ID_CANDIDATES);
  const out: IdCandidate[] = [];
  // Depth-first in document order, without recursion (a deep body cannot overflow the stack); each
  // level walks its children one at a time, so a large array is neither copied nor walked past the
  // last candidate wanted. `path` holds the segments down to the level on top.
  type Level = { keys: string[] | null; container: unknown; next: number; size: number };
  const levelOf = (value: object): Level => {
    const keys = Array.isArray(value) ? null : Object.keys(value);
    return { keys, container: value, next: 0, size: keys ? keys.length : (value as unknown[]).length };
  };
  const levels: Level[] = root !== null && typeof root === 'object' ? [levelOf(root)] : [];
  const path: JsonPathSegment[] = [];
  while (levels.length > 0 && out.length < max) {
    const level = lastItem(levels);
    if (level.next >= level.size) {
      levels.pop();
      path.pop();
      continue;
    }
    const i = level.next++;
    const key = level.keys ? itemAt(level.keys, i) : null;
    const value = key === null ? (level.container as unknown[])[i] : (level.container as Record<string, unknown>)[key];
    const segment: JsonPathSegment = key === null ? { kind: 'index', index: i } : { kind: 'key', key };
    if (
      key !== null &&
      typeof value === 'string' &&
      value !== '' &&
      value.length <= MAX_ID_VALUE_LENGTH &&
      ID_KEY.test(key)
    ) {
      out.push({ path: formatJsonPath([...path, segment]), key, value, suggestedVariable: suggestVariableName(key) });
    } else if (value !== null && typeof value === 'object' && path.length + 1 < MAX_DEPTH) {
      path.push(segment);
      levels.push(levelOf(value));
    }
  }
  return out;
}
