/**
 * The JSON line model behind the Body tab: an iterative pretty-printer (no recursion, so 10,000
 * levels of nesting are fine) that keeps every token exactly as received (numbers, escapes, key
 * order, duplicate keys), and the folding and search helpers that work on its lines.
 *
 * The model is flat and transferable: one string with the lines joined by "\n", plus typed arrays,
 * so a Web Worker can hand it to the page without a slow structured clone of many small objects.
 * Indentation is not stored: each line knows its depth and the view indents it.
 */

export interface LineModel {
  /** All lines joined by "\n" (no indentation). */
  text: string;
  /** Start offset of line i in text; starts[lineCount] = text.length + 1. */
  starts: Int32Array;
  /** Nesting depth of each line. */
  depth: Int32Array;
  /** For a line that opens an object or array: the index of the line that closes it; otherwise -1. */
  end: Int32Array;
  lineCount: number;
}

export type FormatResult = { ok: true; model: LineModel } | { ok: false; message: string; offset: number };

export function lineText(model: LineModel, i: number): string {
  return model.text.slice(model.starts[i] ?? 0, (model.starts[i + 1] ?? 1) - 1);
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** What the formatter expects next. */
const Expect = { Value: 0, FirstKeyOrClose: 1, Key: 2, Colon: 3, CommaOrClose: 4, Done: 5 } as const;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Pretty-prints JSON text into a line model, or says where it stops being JSON. */
export function formatJsonLines(input: string): FormatResult {
  const lines: string[] = [];
  const depths: number[] = [];
  const ends: number[] = [];
  // The open containers: their kind (true = object) and the line that opened them.
  const isObject: boolean[] = [];
  const openLine: number[] = [];
  let expect: number = Expect.Value;
  // When an object member's key was just written, the value continues that line.
  let continueLine = false;
  let i = 0;
  const n = input.length;
  const fail = (message: string): FormatResult => ({
    ok: false,
    message: `${message} at character ${i + 1}.`,
    offset: i,
  });

  const startValue = (text: string) => {
    if (continueLine) {
      lines[lines.length - 1] += text;
      continueLine = false;
    } else {
      lines.push(text);
      depths.push(isObject.length);
      ends.push(-1);
    }
  };
  const afterValue = () => {
    expect = isObject.length === 0 ? Expect.Done : Expect.CommaOrClose;
  };

  for (;;) {
    while (i < n && isSpace(input.charCodeAt(i))) i++;
    if (i >= n) break;
    const c = input.charCodeAt(i);

    if (expect === Expect.Done) return fail('Unexpected text after the JSON value');

    if (expect === Expect.Colon) {
      if (c !== 0x3a) return fail('Expected ":"');
      lines[lines.length - 1] += ': ';
      continueLine = true;
      expect = Expect.Value;
      i++;
      continue;
    }

    if (expect === Expect.CommaOrClose) {
      if (c === 0x2c) {
        lines[lines.length - 1] += ',';
        expect = isObject[isObject.length - 1] ? Expect.Key : Expect.Value;
        i++;
        continue;
      }
      const obj = isObject[isObject.length - 1];
      if ((c === 0x7d && obj) || (c === 0x5d && !obj)) {
        closeContainer(c);
        i++;
        continue;
      }
      return fail(obj ? 'Expected "," or "}"' : 'Expected "," or "]"');
    }

    if (expect === Expect.FirstKeyOrClose && c === 0x7d) {
      closeContainer(c);
      i++;
      continue;
    }

    if (expect === Expect.Key || expect === Expect.FirstKeyOrClose) {
      if (c !== 0x22) return fail('Expected a quoted key');
      const endQuote = scanString(input, i);
      if (endQuote < 0) return fail('Unterminated or invalid string');
      lines.push(input.slice(i, endQuote + 1));
      depths.push(isObject.length);
      ends.push(-1);
      i = endQuote + 1;
      expect = Expect.Colon;
      continue;
    }

    // Expect.Value
    if (c === 0x7b || c === 0x5b) {
      const object = c === 0x7b;
      // An empty container stays on one line.
      let j = i + 1;
      while (j < n && isSpace(input.charCodeAt(j))) j++;
      if (j < n && input.charCodeAt(j) === (object ? 0x7d : 0x5d)) {
        startValue(object ? '{}' : '[]');
        i = j + 1;
        afterValue();
        continue;
      }
      startValue(object ? '{' : '[');
      isObject.push(object);
      openLine.push(lines.length - 1);
      expect = object ? Expect.FirstKeyOrClose : Expect.Value;
      i++;
      continue;
    }
    if (c === 0x22) {
      const endQuote = scanString(input, i);
      if (endQuote < 0) return fail('Unterminated or invalid string');
      startValue(input.slice(i, endQuote + 1));
      i = endQuote + 1;
      afterValue();
      continue;
    }
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      if (!input.startsWith(word, i)) return fail('Unexpected word');
      startValue(word);
      i += word.length;
      afterValue();
      continue;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(input);
    if (m && m[0].length > 0) {
      startValue(m[0]);
      i += m[0].length;
      afterValue();
      continue;
    }
    return fail(c === 0x5d || c === 0x7d ? 'Unexpected closing bracket' : 'Unexpected character');
  }

  if (expect !== Expect.Done) {
    return { ok: false, message: lines.length === 0 ? 'The body is empty.' : 'The JSON ends too early.', offset: n };
  }

  const text = lines.join('\n');
  const starts = new Int32Array(lines.length + 1);
  let pos = 0;
  for (let k = 0; k < lines.length; k++) {
    starts[k] = pos;
    pos += (lines[k] ?? '').length + 1;
  }
  starts[lines.length] = pos;
  return {
    ok: true,
    model: { text, starts, depth: Int32Array.from(depths), end: Int32Array.from(ends), lineCount: lines.length },
  };

  function closeContainer(c: number) {
    isObject.pop();
    const opener = openLine.pop() ?? 0;
    lines.push(c === 0x7d ? '}' : ']');
    depths.push(isObject.length);
    ends.push(-1);
    ends[opener] = lines.length - 1;
    afterValue();
  }
}

/** Index of the closing quote of the JSON string starting at `start`, or -1 when it is invalid. */
function scanString(s: string, start: number): number {
  const n = s.length;
  let i = start + 1;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = s.charCodeAt(i + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          const h = s.charCodeAt(i + k);
          const hex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
          if (!hex) return -1;
        }
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (
        e === 0x22 ||
        e === 0x5c ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        i += 2;
        continue;
      }
      return -1;
    }
    i++;
  }
  return -1;
}

/** True when the text looks like JSON worth formatting (cheap check on its first character). */
export function looksLikeJson(body: string, contentType: string | undefined): boolean {
  if (contentType && /[/+]json\b/i.test(contentType)) return true;
  for (let i = 0; i < body.length && i < 1024; i++) {
    const c = body.charCodeAt(i);
    if (isSpace(c)) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

// ---- folding ---------------------------------------------------------------------------------

/**
 * The lines to show, given the opening lines that are folded. A folded block shows its opening
 * line only (the view appends a summary and the closing bracket). Returns null when nothing is
 * folded, meaning "every line, in order".
 */
export function visibleLines(model: LineModel, folded: ReadonlySet<number>): Int32Array | null {
  if (folded.size === 0) return null;
  const out = new Int32Array(model.lineCount);
  let count = 0;
  for (let i = 0; i < model.lineCount; i++) {
    out[count++] = i;
    const e = model.end[i] ?? -1;
    if (e > i && folded.has(i)) i = e;
  }
  return out.subarray(0, count);
}

/** The opening lines of every block at `depth` (to fold a whole level at once). */
export function blocksAtDepth(model: LineModel, depth: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < model.lineCount; i++) if ((model.end[i] ?? -1) > i && model.depth[i] === depth) out.push(i);
  return out;
}

/** The folded set without the blocks that hide `line`, so a search hit can be shown. */
export function unfoldToReveal(model: LineModel, folded: ReadonlySet<number>, line: number): Set<number> {
  const next = new Set<number>();
  for (const open of folded) {
    const e = model.end[open] ?? -1;
    if (!(open < line && line <= e)) next.add(open);
  }
  return next;
}

// ---- search ----------------------------------------------------------------------------------

export interface Match {
  line: number;
  /** Column in the line text. */
  column: number;
  length: number;
}

/**
 * Case-insensitive matches of `query` in the lines (or in any text split into lines by `starts`),
 * capped at `limit`. `haystack` may be a lower-cased copy of the text, computed once by the caller.
 */
export function findMatches(
  haystack: string,
  starts: Int32Array,
  lineCount: number,
  query: string,
  limit = 10_000,
): { matches: Match[]; capped: boolean } {
  const matches: Match[] = [];
  const q = query.toLowerCase();
  if (q === '') return { matches, capped: false };
  let from = 0;
  let line = 0;
  while (matches.length < limit) {
    const at = haystack.indexOf(q, from);
    if (at < 0) return { matches, capped: false };
    // Lines only move forward: walk (or binary-search when far) to the line holding `at`.
    if ((starts[line + 1] ?? Infinity) <= at) line = lineAt(starts, lineCount, at, line);
    matches.push({ line, column: at - (starts[line] ?? 0), length: q.length });
    from = at + Math.max(q.length, 1);
  }
  return { matches, capped: haystack.indexOf(q, from) >= 0 };
}

function lineAt(starts: Int32Array, lineCount: number, offset: number, lo: number): number {
  let hi = lineCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Row starts for a raw text view: one row per line, long lines cut every `width` characters. */
export function rawRows(text: string, width = 2000): { text: string; starts: Int32Array; lineCount: number } {
  const starts: number[] = [];
  let pos = 0;
  const n = text.length;
  // The next line break at or after pos; searched again only once pos passes it, so a long line
  // cut into many rows is scanned once, not once per row.
  let nl = -2;
  while (pos <= n) {
    starts.push(pos);
    if (nl !== -1 && nl < pos) nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? n : nl;
    if (lineEnd - pos > width) {
      pos += width;
      continue;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  const arr = new Int32Array(starts.length + 1);
  arr.set(starts);
  arr[starts.length] = n + 1;
  return { text, starts: arr, lineCount: starts.length };
}

/** The text of raw row i (without its line break). */
export function rowText(rows: { text: string; starts: Int32Array }, i: number): string {
  const start = rows.starts[i] ?? 0;
  const next = rows.starts[i + 1] ?? rows.text.length + 1;
  const end = Math.min(next, rows.text.length);
  const slice = rows.text.slice(start, end);
  return slice.endsWith('\n') ? slice.slice(0, -1) : slice;
}

/** A plain text as a line model without nesting (for text, HTML and raw views). */
export function textLineModel(text: string, width = 2000): LineModel {
  const rows = rawRows(text, width);
  // rawRows may cut long lines; the model's text must hold exactly one "\n" between rows.
  const parts: string[] = [];
  for (let i = 0; i < rows.lineCount; i++) parts.push(rowText(rows, i));
  const joined = parts.join('\n');
  const starts = new Int32Array(rows.lineCount + 1);
  let pos = 0;
  for (let i = 0; i < rows.lineCount; i++) {
    starts[i] = pos;
    pos += (parts[i] ?? '').length + 1;
  }
  starts[rows.lineCount] = pos;
  return {
    text: joined,
    starts,
    depth: new Int32Array(rows.lineCount),
    end: new Int32Array(rows.lineCount).fill(-1),
    lineCount: rows.lineCount,
  };
}
