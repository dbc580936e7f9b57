/**
 * {{name}} expansion with provenance, so that the string-to-sign view can mark each expansion inside
 * the signed bytes.
 *
 * References. In a text, "{{" + content + "}}" where content has no "{" or "}" is a reference; an
 * unclosed "{{" is plain text. The content is trimmed, so {{ name }} is {{name}}. Then:
 *   - "$..." is a dynamic variable of the JetBrains and VS Code tools ({{$uuid}}, {{$timestamp}},
 *     {{$datetime iso8601}}, {{$random.integer(1, 9)}}): its name runs to the first space, the rest
 *     are its arguments. Core makes no random values and reads no clock, so it is expanded only by
 *     the caller's `dynamic` function; without one, or when that returns undefined, it is a problem.
 *   - "name.response.body..." or "name.request..." refers to another request's response (REST
 *     Client request variables): a problem ("use a capture rule").
 *   - a VARIABLE_NAME_PATTERN name is looked up in the scopes.
 *   - anything else is a malformed reference: a problem.
 * A problem never disappears: the reference stays in the text as written and is reported with its
 * range, so the field can show the error and Send is blocked.
 *
 * Scopes. An ordered list, later wins: pass [collection, environment, captured] so that a value
 * captured from a response overrides the environment's, which overrides the collection's. Values are
 * literal: a value that itself contains {{x}} is not expanded again.
 *
 * Secrets. Variables are not for secrets: a value (or a dynamic value) that equals or contains one of
 * `secrets` (the caller passes every form of the configured secrets: as typed, decoded, ...) is not
 * expanded and is reported as a problem, without the value in the message.
 *
 * Ranges. `sourceRange` is in UTF-16 code units of the unexpanded text; `targetRange` has UTF-16
 * offsets (`start`, `end`) and UTF-8 byte offsets (`byteStart`, `byteEnd`) in the expanded text, as
 * TextEncoder encodes it. Add a segment's offset to place them in the string-to-sign.
 *
 * Public API:
 *   expandVariables(text, scopes, options?): Expanded
 *   expandRequest({ path, headers, body }, scopes, options?): ExpandedRequest
 *   findReferences(text): Reference[]
 *   utf8Offsets(text, utf16Offsets): number[]
 *   VARIABLE_NAME_PATTERN, VARIABLE_NAME_RULE
 *
 * This module imports no zod, so the page can use it on its first screen.
 */
import { group, itemAt } from '../checked.ts';

/** A variable name: a letter or _ first, then letters, digits, _, . or - (as in {{fund_id}}, {{api.host}}). */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
export const VARIABLE_NAME_RULE =
  'A variable name starts with a letter or _ and has at most 128 letters, digits, _, . or - (no spaces).';

export interface VariableScope {
  /** Where the values come from, as it is shown: 'collection', 'environment:mock', 'captured'. */
  scope: string;
  values: Readonly<Record<string, string>> | ReadonlyArray<{ name: string; value: string }>;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface Expansion {
  name: string;
  /** The scope the value came from, or 'dynamic'. */
  from: string;
  value: string;
  sourceRange: TextRange;
  targetRange: TextRange & { byteStart: number; byteEnd: number };
}

export type ProblemKind = 'undefined' | 'dynamic' | 'reference' | 'malformed' | 'secret';

export interface VariableProblem {
  kind: ProblemKind;
  /** The reference's trimmed content ("tx_id", "$uuid"). */
  name: string;
  /** Where the reference is in the unexpanded text. */
  sourceRange: TextRange;
  message: string;
}

export interface Expanded {
  /** True when every reference was expanded. */
  ok: boolean;
  text: string;
  expansions: Expansion[];
  problems: VariableProblem[];
}

export interface ExpandOptions {
  /** Every form of every configured secret; a value containing one is refused. Empty strings are ignored. */
  secrets?: readonly string[];
  /** Values for {{$name args}}; return undefined for one the caller does not provide. */
  dynamic?: (name: string, args: string) => string | undefined;
}

export type ReferenceKind = 'variable' | 'dynamic' | 'reference' | 'malformed';

export interface Reference {
  kind: ReferenceKind;
  /** The trimmed content: a variable name, or "$uuid" for a dynamic one. */
  name: string;
  /** For dynamic variables: the text after the name. */
  args: string;
  range: TextRange;
}

const REFERENCE = /\{\{([^{}]*)\}\}/g;
const REQUEST_REFERENCE = /^[A-Za-z0-9_-]+\.(response|request)\./;

/** Every {{...}} reference in a text, in order. */
export function findReferences(text: string): Reference[] {
  const out: Reference[] = [];
  if (!text.includes('{{')) return out;
  for (const m of text.matchAll(REFERENCE)) {
    const content = group(m, 1).trim();
    const range = { start: m.index, end: m.index + m[0].length };
    if (content.startsWith('$')) {
      const sp = /\s/.exec(content);
      out.push({
        kind: 'dynamic',
        name: sp ? content.slice(0, sp.index) : content,
        args: sp ? content.slice(sp.index).trim() : '',
        range,
      });
    } else if (REQUEST_REFERENCE.test(content)) out.push({ kind: 'reference', name: content, args: '', range });
    else if (VARIABLE_NAME_PATTERN.test(content)) out.push({ kind: 'variable', name: content, args: '', range });
    else out.push({ kind: 'malformed', name: content, args: '', range });
  }
  return out;
}

/** The UTF-8 byte offset (as TextEncoder counts) of each UTF-16 offset, given in ascending order. */
export function utf8Offsets(text: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let bytes = 0;
  let i = 0;
  for (const target of offsets) {
    while (i < target && i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          // A pair is 4 bytes; an offset between its halves is counted as after it.
          bytes += 4;
          i += 2;
          continue;
        }
        bytes += 3;
      } else bytes += 3; // BMP, or a lone surrogate (encoded as U+FFFD)
      i++;
    }
    out.push(bytes);
  }
  return out;
}

function lookup(scopes: readonly VariableScope[], name: string): { from: string; value: string } | undefined {
  for (let s = scopes.length - 1; s >= 0; s--) {
    const scope = itemAt(scopes, s);
    const values = scope.values;
    if (Array.isArray(values)) {
      for (let k = values.length - 1; k >= 0; k--) {
        const v = itemAt(values as ReadonlyArray<{ name: string; value: string }>, k);
        if (v.name === name) return { from: scope.scope, value: v.value };
      }
    } else {
      const record = values as Readonly<Record<string, string>>;
      const value = Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
      if (value !== undefined) return { from: scope.scope, value };
    }
  }
  return undefined;
}

/** Expands every {{name}} of `text` from `scopes` (later wins), with where each value landed. */
export function expandVariables(text: string, scopes: readonly VariableScope[], options: ExpandOptions = {}): Expanded {
  const refs = findReferences(text);
  if (refs.length === 0) return { ok: true, text, expansions: [], problems: [] };
  const secrets = (options.secrets ?? []).filter((s) => s !== '');
  const isSecret = (value: string) => secrets.some((s) => value.includes(s));
  const problems: VariableProblem[] = [];
  const pending: Array<Omit<Expansion, 'targetRange'> & { start: number; end: number }> = [];
  let out = '';
  let last = 0;
  for (const ref of refs) {
    out += text.slice(last, ref.range.start);
    last = ref.range.end;
    const written = text.slice(ref.range.start, ref.range.end);
    const problem = (kind: ProblemKind, message: string) => {
      problems.push({ kind, name: ref.name, sourceRange: ref.range, message });
      out += written;
    };
    let found: { from: string; value: string } | undefined;
    if (ref.kind === 'variable') {
      found = lookup(scopes, ref.name);
      if (!found) {
        problem(
          'undefined',
          `{{${ref.name}}} is not defined in ${scopes.map((s) => s.scope).join(', ') || 'any scope'}.`,
        );
        continue;
      }
    } else if (ref.kind === 'dynamic') {
      const value = options.dynamic?.(ref.name, ref.args);
      if (value === undefined) {
        problem(
          'dynamic',
          `{{${ref.name}}} is a dynamic variable of other HTTP tools that the playground does not generate: replace it with a value or a variable.`,
        );
        continue;
      }
      found = { from: 'dynamic', value };
    } else if (ref.kind === 'reference') {
      problem(
        'reference',
        `{{${ref.name}}} refers to another request's response: add a capture rule to that request and use its variable.`,
      );
      continue;
    } else {
      problem(
        'malformed',
        `${JSON.stringify(written)} is not a variable reference: a name is letters, digits, _, . or -.`,
      );
      continue;
    }
    if (isSecret(found.value)) {
      problem(
        'secret',
        `The value of {{${ref.name}}} (from ${found.from}) contains a configured secret: variables are not for secrets.`,
      );
      continue;
    }
    const start = out.length;
    out += found.value;
    pending.push({
      name: ref.name,
      from: found.from,
      value: found.value,
      sourceRange: ref.range,
      start,
      end: out.length,
    });
  }
  out += text.slice(last);
  const offsets = utf8Offsets(
    out,
    pending.flatMap((p) => [p.start, p.end]),
  );
  const expansions: Expansion[] = pending.map((p, k) => ({
    name: p.name,
    from: p.from,
    value: p.value,
    sourceRange: p.sourceRange,
    targetRange: { start: p.start, end: p.end, byteStart: itemAt(offsets, 2 * k), byteEnd: itemAt(offsets, 2 * k + 1) },
  }));
  return { ok: problems.length === 0, text: out, expansions, problems };
}

export interface ExpandedRequest {
  ok: boolean;
  path: Expanded;
  headers: Array<{ name: string; value: Expanded }>;
  body: Expanded | null;
  /** Every problem, with the field it is in: 'path', 'headers.0' (a header's value) or 'body'. */
  problems: Array<VariableProblem & { field: string }>;
}

/** Expands the three places variables may appear: the path (query included), header values and the body. */
export function expandRequest(
  request: { path: string; headers: ReadonlyArray<{ name: string; value: string }>; body: string | null },
  scopes: readonly VariableScope[],
  options: ExpandOptions = {},
): ExpandedRequest {
  const path = expandVariables(request.path, scopes, options);
  const headers = request.headers.map((h) => ({ name: h.name, value: expandVariables(h.value, scopes, options) }));
  const body = request.body === null ? null : expandVariables(request.body, scopes, options);
  const problems = [
    ...path.problems.map((p) => ({ ...p, field: 'path' })),
    ...headers.flatMap((h, i) => h.value.problems.map((p) => ({ ...p, field: `headers.${i}` }))),
    ...(body ? body.problems.map((p) => ({ ...p, field: 'body' })) : []),
  ];
  return { ok: problems.length === 0, path, headers, body, problems };
}
