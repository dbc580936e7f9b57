/**
 * Splits a pasted command line into words the way the shell that produced it would: POSIX shells
 * (bash, zsh: quotes, backslash escapes, `$'…'` ANSI-C strings, `\` line continuations, `#` comments)
 * or Windows cmd (`^` escapes and continuations, then the C runtime's double-quote rules).
 * No expansion happens: `$VAR` stays as written. Linear time; never evaluates anything.
 */
import { ImportError } from './types.ts';

export interface Words {
  words: string[];
  /** Text after an unquoted `;`, `|` or `&`, which is not part of the curl command. */
  rest: string;
}

const ANSI_SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function where(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function codePoint(hex: string, text: string, index: number): string {
  const n = parseInt(hex, 16);
  if (!Number.isFinite(n) || n > 0x10ffff)
    throw new ImportError(`The escape at ${where(text, index)} is not a valid character.`);
  return String.fromCodePoint(n);
}

/** Reads a `$'…'` string starting after the opening quote; returns the text and the index after the closing quote. */
function readAnsiC(text: string, start: number): [string, number] {
  let out = '';
  let i = start;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === "'") return [out, i + 1];
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    if (next in ANSI_SIMPLE) {
      out += ANSI_SIMPLE[next];
      i += 2;
    } else if (next === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4));
      if (!m) {
        out += '\\x';
        i += 2;
      } else {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += 2 + m[0].length;
      }
    } else if (next === 'u' || next === 'U') {
      const max = next === 'u' ? 4 : 8;
      const m = /^[0-9a-fA-F]+/.exec(text.slice(i + 2, i + 2 + max));
      if (!m) {
        out += '\\' + next;
        i += 2;
      } else {
        out += codePoint(m[0], text, i);
        i += 2 + m[0].length;
      }
    } else if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))?.[0] ?? next; // next is an octal digit: it matches
      out += String.fromCharCode(parseInt(digits, 8) & 0xff);
      i += 1 + digits.length;
    } else if (next === 'c' && text[i + 2] !== undefined) {
      out += String.fromCharCode(text.charCodeAt(i + 2) & 0x1f);
      i += 3;
    } else {
      out += '\\' + next;
      i += 2;
    }
  }
  throw new ImportError(`The $'…' string that starts at ${where(text, start - 2)} is not closed.`);
}

/** POSIX shell word splitting. */
export function posixWords(text: string): Words {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      end();
      i++;
    } else if (ch === '\\') {
      const next = text[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && text[i + 2] === '\n') i += 3;
      else if (next === undefined) i++;
      else {
        word += next;
        inWord = true;
        i += 2;
      }
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw new ImportError(`The single quote at ${where(text, i)} is not closed.`);
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (ch === '$' && text[i + 1] === "'") {
      const [value, next] = readAnsiC(text, i + 2);
      word += value;
      inWord = true;
      i = next;
    } else if (ch === '"') {
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const c = text.charAt(j);
        if (c === '"') {
          closed = true;
          break;
        }
        if (c === '\\') {
          const n = text[j + 1];
          if (n === '\n') {
            j += 2;
            continue;
          }
          if (n === '\r' && text[j + 2] === '\n') {
            j += 3;
            continue;
          }
          if (n === '"' || n === '\\' || n === '$' || n === '`') {
            word += n;
            j += 2;
            continue;
          }
        }
        word += c;
        j++;
      }
      if (!closed) throw new ImportError(`The double quote at ${where(text, i)} is not closed.`);
      inWord = true;
      i = j + 1;
    } else if (ch === '#' && !inWord) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (ch === ';' || ch === '|' || ch === '&' || ch === '<' || ch === '>') {
      end();
      return { words, rest: text.slice(i) };
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  end();
  return { words, rest: '' };
}

/**
 * Windows cmd: `^` escapes the next character (and `^` at a line end continues the line); then the
 * C runtime splits on spaces outside double quotes, where `\"` is a literal quote.
 */
export function cmdWords(text: string): Words {
  // Pass 1: what cmd hands to curl.exe.
  let line = '';
  let quoted = false;
  let rest = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '^' && !quoted) {
      const next = text[i + 1];
      if (next === '\r' && text[i + 2] === '\n') i += 2;
      else if (next === '\n') i += 1;
      else if (next !== undefined) {
        line += next;
        i += 1;
      }
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '&' || ch === '|' || ch === '<' || ch === '>')) {
      rest = text.slice(i);
      break;
    }
    line += ch;
  }
  // Pass 2: the C runtime's argument rules.
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      if (line[i + n] === '"') {
        word += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) word += '"';
        else inQuotes = !inQuotes;
        i += n;
      } else {
        word += '\\'.repeat(n);
        i += n - 1;
      }
      inWord = true;
    } else if (ch === '"') {
      inQuotes = !inQuotes;
      inWord = true;
    } else if (!inQuotes && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inQuotes) throw new ImportError('A double quote in the command is not closed.');
  if (inWord) words.push(word);
  return { words, rest };
}

/** Windows cmd when the text uses `^` escapes or continuations, otherwise POSIX. */
export function looksLikeCmd(text: string): boolean {
  // A ^ line continuation or a caret right after curl only happens in cmd pastes.
  if (/\^\r?\n/.test(text) || /^\s*curl(\.exe)?\s+\^/.test(text)) return true;
  // cmd never quotes with ': a word opening with ' is a POSIX paste, whatever ^" its body holds.
  if (/(^|\s)'/.test(text)) return false;
  return /\^"/.test(text);
}
