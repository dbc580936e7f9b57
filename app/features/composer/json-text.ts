/**
 * JSON checks and layout for the body editor, working on the text itself: validation reports where
 * the first problem is (line and column) and Format/Minify only move whitespace between tokens, so
 * numbers, escapes and key order stay exactly as typed (JSON.parse + stringify would rewrite them).
 */

export type JsonCheck =
  | { state: 'empty' }
  /** Spaces, tabs or line breaks only: not JSON, but bytes that are signed and sent all the same. */
  | { state: 'whitespace' }
  | { state: 'valid' }
  | { state: 'invalid'; message: string; offset: number; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n') return 'a line break';
  if (ch === '\r') return 'a carriage return';
  if (ch === '\t') return 'a tab';
  if (ch === "'") return 'a single quote (JSON strings use double quotes)';
  return `"${ch}"`;
}

/** A validating scanner: walks the text once, builds nothing, throws at the first problem. */
function scan(text: string): void {
  let i = 0;
  const n = text.length;
  const skip = () => {
    while (i < n && WS.has(text.charAt(i))) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what}, found ${describe(text[i])}`, i);
  };

  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) throw new JsonSyntaxError('Unterminated string: the closing " is missing', i);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            throw new JsonSyntaxError('Invalid \\u escape: it needs four hex digits', i);
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          throw new JsonSyntaxError(`Invalid escape \\${e ?? ''} in a string`, i);
        }
        continue;
      }
      if (c < 0x20) {
        throw new JsonSyntaxError(
          c === 0x0a
            ? 'Line break inside a string (write \\n)'
            : c === 0x09
              ? 'Tab inside a string (write \\t)'
              : 'Control character inside a string',
          i,
        );
      }
      i++;
    }
  };

  const number = () => {
    const start = i;
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const r = m.exec(text);
    if (!r || r[0] === '-' || r[0].length === 0) throw new JsonSyntaxError('Invalid number', start);
    i += r[0].length;
    if (i < n && /[0-9.eE]/.test(text.charAt(i))) throw new JsonSyntaxError('Invalid number', start);
  };

  const value = (depth: number): void => {
    if (depth > 2000) throw new JsonSyntaxError('Nested too deeply to check', i);
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (text[i] !== '"')
          fail(text[i] === '}' ? 'Trailing comma before "}"' : 'Expected a property name in double quotes');
        string();
        skip();
        if (text[i] !== ':') fail('Expected ":" after the property name');
        i++;
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('Expected "," or "}" after a property');
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (text[i] === ']') fail('Trailing comma before "]"');
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('Expected "," or "]" after an array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail('Expected a value');
  };

  value(0);
  skip();
  if (i < n) fail('Unexpected text after the JSON value');
}

/** Line and column (both from 1) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Checks the text as JSON without changing it. Only '' is empty: whitespace is a body of its own. */
export function checkJson(text: string): JsonCheck {
  if (text === '') return { state: 'empty' };
  if (text.trim() === '') return { state: 'whitespace' };
  try {
    scan(text);
    return { state: 'valid' };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const { line, column } = lineColumn(text, e.offset);
    return { state: 'invalid', message: e.message, offset: e.offset, line, column };
  }
}

/** The message shown under the editor; `bytes` is the body's UTF-8 length, so that no byte goes unmentioned. */
export function jsonStatusText(check: JsonCheck, bytes: number): string {
  if (check.state === 'empty') return 'No body';
  if (check.state === 'whitespace') return `Whitespace-only body (${bytes} B)`;
  if (check.state === 'valid') return 'Valid JSON';
  return `Line ${check.line}, column ${check.column}: ${check.message}`;
}

/**
 * Re-lays out valid JSON by moving only whitespace between tokens. `indent` null minifies.
 * Strings, numbers and literals are copied verbatim. Returns null when the text is not valid JSON.
 */
export function relayoutJson(text: string, indent: string | null): string | null {
  if (checkJson(text).state !== 'valid') return null;
  const out: string[] = [];
  let depth = 0;
  const nl = () => (indent === null ? '' : '\n' + indent.repeat(depth));
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charAt(i);
    if (WS.has(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out.push(text.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      let j = i + 1;
      while (j < n && WS.has(text.charAt(j))) j++;
      const close = c === '{' ? '}' : ']';
      if (text[j] === close) {
        out.push(c + close);
        i = j + 1;
        continue;
      }
      depth++;
      out.push(c + nl());
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      depth--;
      out.push(nl() + c);
      i++;
      continue;
    }
    if (c === ',') {
      out.push(',' + nl());
      i++;
      continue;
    }
    if (c === ':') {
      out.push(indent === null ? ':' : ': ');
      i++;
      continue;
    }
    // number or literal: copy up to the next structural character or whitespace
    let j = i;
    while (j < n && !WS.has(text.charAt(j)) && !',:]}'.includes(text.charAt(j))) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out.join('');
}

export const formatJson = (text: string): string | null => relayoutJson(text, '  ');
export const minifyJson = (text: string): string | null => relayoutJson(text, null);
