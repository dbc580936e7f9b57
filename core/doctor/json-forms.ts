/**
 * The usual ways a JSON value gets written out again after somebody parses it: compact, indented,
 * Python's default separators, sorted keys, non-ASCII escaped or not. The doctor signs each form to
 * see whether the sender signed one text and sent another (docs/qredo-api.md, "Signing": the body is the raw
 * bytes sent; the cause `body-reserialized` in "What people get wrong (the doctor's causes)").
 */

import { defined, itemAt, lastItem } from '../checked.ts';

export interface JsonStyle {
  /** Indentation per level, or null for a single line. */
  indent: string | null;
  /** Between items: "," (compact, and every indented form) or ", " (Python's default). */
  itemSeparator: string;
  /** Between a key and its value: ":" or ": ". */
  keySeparator: string;
  sortKeys: boolean;
  /** Escape every character outside printable ASCII as \uXXXX, as Python's ensure_ascii does. */
  asciiOnly: boolean;
}

export interface JsonForm {
  label: string;
  text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function hex4(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

function quote(text: string, asciiOnly: boolean): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code < 0x20) out += hex4(code);
    else if (asciiOnly && code > 0x7e) out += hex4(code);
    else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate is escaped by every serializer; a pair is kept (or escaped unit by unit above).
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text.charAt(i + 1);
        i++;
      } else out += hex4(code);
    } else out += ch;
  }
  return out + '"';
}

/**
 * Writes a parsed JSON value in the given style. Numbers are written as JavaScript writes them.
 * Iterative, with an explicit stack: a body nested ten thousand levels deep is written, not a stack overflow.
 */
export function writeJson(value: unknown, style: JsonStyle): string {
  type Frame =
    | { items: Json[]; index: number; depth: number }
    | { keys: string[]; obj: Record<string, Json>; index: number; depth: number };
  const out: string[] = [];
  const stack: Frame[] = [];
  const separator = style.indent === null ? style.itemSeparator : style.itemSeparator.trimEnd();
  const newline = (depth: number) => (style.indent === null ? '' : '\n' + style.indent.repeat(depth));

  /** Writes a scalar, or opens a container and pushes its frame. */
  const begin = (v: Json, depth: number) => {
    if (v === null) out.push('null');
    else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? String(v) : 'null');
    else if (typeof v === 'string') out.push(quote(v, style.asciiOnly));
    else if (Array.isArray(v)) {
      out.push('[');
      stack.push({ items: v, index: 0, depth });
    } else {
      out.push('{');
      const keys = style.sortKeys ? Object.keys(v).sort() : Object.keys(v);
      stack.push({ keys, obj: v, index: 0, depth });
    }
  };

  begin(value as Json, 0);
  while (stack.length > 0) {
    const frame = lastItem(stack);
    const length = 'items' in frame ? frame.items.length : frame.keys.length;
    if (frame.index >= length) {
      stack.pop();
      if (length > 0) out.push(newline(frame.depth));
      out.push('items' in frame ? ']' : '}');
      continue;
    }
    out.push((frame.index > 0 ? separator : '') + newline(frame.depth + 1));
    const i = frame.index++;
    if ('items' in frame) begin(itemAt(frame.items, i), frame.depth + 1);
    else {
      const key = itemAt(frame.keys, i);
      out.push(quote(key, style.asciiOnly) + style.keySeparator);
      begin(defined(frame.obj[key], `the value of ${key}`), frame.depth + 1);
    }
  }
  return out.join('');
}

const COMPACT: JsonStyle = { indent: null, itemSeparator: ',', keySeparator: ':', sortKeys: false, asciiOnly: false };
const PYTHON: JsonStyle = { indent: null, itemSeparator: ', ', keySeparator: ': ', sortKeys: false, asciiOnly: true };
const PRETTY: JsonStyle = { indent: '  ', itemSeparator: ',', keySeparator: ': ', sortKeys: false, asciiOnly: false };

/** The styles tried, most common first, each with a name a person recognises. */
export const JSON_STYLES: ReadonlyArray<{ label: string; style: JsonStyle; trailingNewline?: boolean }> = [
  { label: 'compact JSON (JSON.stringify without spacing)', style: COMPACT },
  { label: 'JSON indented with 2 spaces (JSON.stringify(v, null, 2))', style: PRETTY },
  { label: 'JSON indented with 2 spaces and a final newline', style: PRETTY, trailingNewline: true },
  { label: 'JSON indented with 4 spaces', style: { ...PRETTY, indent: '    ' } },
  { label: 'JSON indented with tabs', style: { ...PRETTY, indent: '\t' } },
  { label: "Python json.dumps defaults (', ' and ': ' separators, non-ASCII escaped)", style: PYTHON },
  {
    label: "Python json.dumps with ensure_ascii=False (', ' and ': ' separators)",
    style: { ...PYTHON, asciiOnly: false },
  },
  { label: 'Python json.dumps(indent=2) (non-ASCII escaped)', style: { ...PRETTY, asciiOnly: true } },
  { label: 'compact JSON with the non-ASCII characters escaped as \\uXXXX', style: { ...COMPACT, asciiOnly: true } },
  { label: 'compact JSON with the keys sorted', style: { ...COMPACT, sortKeys: true } },
  {
    label: 'compact JSON with the keys sorted and non-ASCII escaped',
    style: { ...COMPACT, sortKeys: true, asciiOnly: true },
  },
  { label: 'Python json.dumps(sort_keys=True)', style: { ...PYTHON, sortKeys: true } },
  { label: 'JSON indented with 2 spaces, keys sorted', style: { ...PRETTY, sortKeys: true } },
];

/** The body parsed as JSON, or undefined when it is not JSON. */
export function parseJsonBody(body: string | null): { value: unknown } | undefined {
  if (body === null || body.trim() === '') return undefined;
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

/** Every distinct re-serialisation of the body that differs from the body itself. */
export function jsonForms(body: string | null): JsonForm[] {
  const parsed = parseJsonBody(body);
  if (!parsed) return [];
  const seen = new Set<string>([body ?? '']);
  const forms: JsonForm[] = [];
  for (const { label, style, trailingNewline } of JSON_STYLES) {
    const text = writeJson(parsed.value, style) + (trailingNewline ? '\n' : '');
    if (seen.has(text)) continue;
    seen.add(text);
    forms.push({ label, text });
  }
  return forms;
}

/** How deeply brackets nest in a text, strings skipped: measured without parsing, in one pass. */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
