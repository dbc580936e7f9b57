/**
 * Turns text into runs for display with whitespace and non-ASCII made visible. Plain printable ASCII
 * stays in long runs (one string each) so that a 100 KB body renders as a few thousand nodes, not one
 * per character. Pure: no React.
 */

export type VisibleToken =
  | { kind: 'text'; text: string }
  | { kind: 'space'; count: number }
  | { kind: 'tab'; count: number }
  | { kind: 'cr'; count: number }
  | { kind: 'lf'; count: number }
  /** Other C0 controls and DEL, one token per run, shown with their Unicode control pictures. */
  | { kind: 'control'; text: string }
  /** A run of non-ASCII characters with its UTF-8 byte count. */
  | { kind: 'non-ascii'; text: string; bytes: number };

export const VISIBLE_GLYPH = { space: '·', tab: '→', cr: '␍', lf: '␊' } as const;

/** UTF-8 length of one code point. */
export function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

// One pass with a sticky regex per class of run; control characters are exactly what it looks for.
// eslint-disable-next-line no-control-regex
const RUN = /([\x21-\x7e]+)|( +)|(\t+)|(\r+)|(\n+)|([\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+)|([^\x00-\x7f]+)/gy;

export function tokenizeVisible(text: string): VisibleToken[] {
  const out: VisibleToken[] = [];
  RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN.exec(text)) !== null) {
    if (m[1] !== undefined) out.push({ kind: 'text', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'space', count: m[2].length });
    else if (m[3] !== undefined) out.push({ kind: 'tab', count: m[3].length });
    else if (m[4] !== undefined) out.push({ kind: 'cr', count: m[4].length });
    else if (m[5] !== undefined) out.push({ kind: 'lf', count: m[5].length });
    else if (m[6] !== undefined) out.push({ kind: 'control', text: m[6] });
    else if (m[7] !== undefined) {
      let bytes = 0;
      for (const ch of m[7]) bytes += utf8Length(ch.codePointAt(0) ?? 0);
      out.push({ kind: 'non-ascii', text: m[7], bytes });
    }
  }
  return out;
}

/** The glyphs shown for a whitespace or control token (LF includes the real line break after each ␊). */
export function glyphsFor(token: Exclude<VisibleToken, { kind: 'text' } | { kind: 'non-ascii' }>): string {
  switch (token.kind) {
    case 'space':
      return VISIBLE_GLYPH.space.repeat(token.count);
    case 'tab':
      return VISIBLE_GLYPH.tab.repeat(token.count);
    case 'cr':
      return VISIBLE_GLYPH.cr.repeat(token.count);
    case 'lf':
      return `${VISIBLE_GLYPH.lf}\n`.repeat(token.count);
    case 'control':
      // U+2400 + code: the Unicode "control pictures" (␀, ␁, …); DEL is ␡.
      return Array.from(token.text, (c) => {
        const code = c.charCodeAt(0);
        return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
      }).join('');
  }
}

function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The hover text of a token: what the characters are and how many bytes they take. */
export function describeToken(token: VisibleToken): string {
  switch (token.kind) {
    case 'text':
      return '';
    case 'space':
      return token.count === 1 ? 'space (0x20)' : `${token.count} spaces (0x20)`;
    case 'tab':
      return token.count === 1 ? 'tab (0x09)' : `${token.count} tabs (0x09)`;
    case 'cr':
      return token.count === 1 ? 'carriage return CR (0x0D)' : `${token.count} carriage returns CR (0x0D)`;
    case 'lf':
      return token.count === 1 ? 'line feed LF (0x0A)' : `${token.count} line feeds LF (0x0A)`;
    case 'control':
      return Array.from(token.text, (c) => `control character ${codePointName(c)}`).join(', ');
    case 'non-ascii': {
      const chars = Array.from(token.text);
      const shown = chars
        .slice(0, 8)
        .map((c) => `${c} ${codePointName(c)} (${utf8Length(c.codePointAt(0) ?? 0)} bytes)`);
      const more = chars.length > 8 ? `, and ${chars.length - 8} more` : '';
      return `Non-ASCII, ${token.bytes} bytes in UTF-8: ${shown.join(', ')}${more}`;
    }
  }
}

/**
 * A classic hex dump: offset, 16 bytes in hex, and their ASCII ("." for anything else).
 * Stops after `limit` bytes; returns the text and whether it was cut.
 */
export function hexDump(bytes: Uint8Array, limit = 64 * 1024): { text: string; truncated: boolean } {
  const n = Math.min(bytes.length, limit);
  const lines: string[] = [];
  const width = Math.max(4, Math.max(0, n - 1).toString(16).length);
  const hex: string[] = [];
  for (let i = 0; i < 256; i++) hex.push(i.toString(16).padStart(2, '0'));
  for (let off = 0; off < n; off += 16) {
    const end = Math.min(off + 16, n);
    let h = '';
    let a = '';
    for (let i = off; i < off + 16; i++) {
      if (i < end) {
        const b = bytes[i] ?? 0;
        h += (hex[b] ?? '') + (i === off + 7 ? '  ' : ' ');
        a += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        h += i === off + 7 ? '    ' : '   ';
      }
    }
    lines.push(`${off.toString(16).padStart(width, '0')}  ${h} |${a}|`);
  }
  return { text: lines.join('\n'), truncated: bytes.length > limit };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Classes of the visible-text markup (Tailwind picks them up from this file). */
export const VISIBLE_CLASS = {
  glyph: 'font-symbols text-slate-400/90 dark:text-slate-500',
  nonAscii:
    'rounded-sm bg-yellow-200 text-slate-900 ring-1 ring-yellow-500/60 dark:bg-yellow-400/30 dark:text-yellow-100',
  control: 'font-symbols rounded-sm bg-red-200 text-red-900 dark:bg-red-500/30 dark:text-red-100',
  lf: 'glyph-lf',
  cr: 'glyph-cr',
} as const;

/**
 * The visible text as escaped HTML: plain runs as text, only the special characters wrapped in
 * spans with a title. Built as one string so that a 100 KB body becomes a single innerHTML
 * assignment instead of thousands of React children to reconcile.
 */
export function visibleHtml(text: string): string {
  const out: string[] = [];
  for (const t of tokenizeVisible(text)) {
    switch (t.kind) {
      case 'text':
        out.push(escapeHtml(t.text));
        break;
      case 'non-ascii':
        out.push(
          `<span class="${VISIBLE_CLASS.nonAscii}" title="${escapeHtml(describeToken(t))}">${escapeHtml(t.text)}</span>`,
        );
        break;
      case 'lf': {
        const one = `<span class="${VISIBLE_CLASS.lf}" title="${describeToken({ kind: 'lf', count: 1 })}">${VISIBLE_GLYPH.lf}</span>\n`;
        out.push(one.repeat(t.count));
        break;
      }
      case 'cr': {
        const one = `<span class="${VISIBLE_CLASS.cr}" title="${describeToken({ kind: 'cr', count: 1 })}">${VISIBLE_GLYPH.cr}</span>`;
        out.push(one.repeat(t.count));
        break;
      }
      default:
        out.push(
          `<span class="${t.kind === 'control' ? VISIBLE_CLASS.control : VISIBLE_CLASS.glyph}" title="${escapeHtml(describeToken(t))}">${glyphsFor(t)}</span>`,
        );
    }
  }
  return out.join('');
}

/** 256 pseudo-random 32-bit values (xorshift), one per low byte of a UTF-16 unit, for the rolling hash. */
const GEAR = (() => {
  const table = new Int32Array(256);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < 256; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    table[i] = x;
  }
  return table;
})();

export interface ChunkOptions {
  /** No piece is shorter than this (the last one excepted). */
  min?: number;
  /** A cut is made where the hash's top `bits` bits are zero: about one in 2^bits positions. */
  bits?: number;
  /** No piece is longer than this (a surrogate pair or CR LF is never split). */
  max?: number;
  /** After a cut point, how far to look for a line feed to cut at instead. */
  lineLookahead?: number;
}

/**
 * Cuts text into pieces of a few KB whose boundaries depend on the text around them, not on their
 * position (content-defined chunking with a rolling "gear" hash over the last 32 characters). A
 * keystroke therefore changes one piece (rarely two), and the display re-renders and re-lays out
 * only that piece, whether the body has many lines or is one long minified line. A cut prefers a
 * line feed close after the hash's choice, so that pieces of multi-line text end where lines do.
 * Never splits a surrogate pair or CR LF. Joined, the pieces are the text.
 */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  return chunkFrom(text, 0, options, null).chunks;
}

/**
 * The pieces of `text` from `from` (a cut chunkText would make) onwards. The hash at a position
 * depends only on the 32 characters ending there, so it is rebuilt from those before `from`. After
 * each cut, `resync(end)` may stop the run: the caller knows the rest.
 */
function chunkFrom(
  text: string,
  from: number,
  options: ChunkOptions,
  resync: ((end: number) => boolean) | null,
): { chunks: string[]; end: number } {
  const { min = 512, bits = 10, max = 4096, lineLookahead = 160 } = options;
  // The top bits: they depend on the last 32 characters (the low ones only on the last few).
  const shift = 32 - bits;
  const n = text.length;
  const chunks: string[] = [];
  let start = from;
  let h = 0;
  for (let j = Math.max(0, from - 32); j < from; j++) h = ((h << 1) + (GEAR[text.charCodeAt(j) & 0xff] ?? 0)) | 0;
  const cut = (end: number) => {
    chunks.push(text.slice(start, end));
    start = end;
  };
  const splittable = (i: number) => {
    // Cutting after position i: not between the halves of a surrogate pair, nor between CR and LF.
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) return false;
    return !(c === 13 && text.charCodeAt(i + 1) === 10);
  };
  for (let i = from; i < n; i++) {
    h = ((h << 1) + (GEAR[text.charCodeAt(i) & 0xff] ?? 0)) | 0;
    const length = i + 1 - start;
    if (length < min || !splittable(i)) continue;
    if (h >>> shift !== 0 && length < max) continue;
    // A line feed just ahead makes a better end; otherwise cut here.
    const lf = text.indexOf('\n', i);
    if (lf !== -1 && lf - i <= lineLookahead && lf + 1 - start <= max + lineLookahead) {
      for (let j = i + 1; j <= lf; j++) h = ((h << 1) + (GEAR[text.charCodeAt(j) & 0xff] ?? 0)) | 0;
      i = lf;
    }
    cut(i + 1);
    if (resync?.(start)) return { chunks, end: start };
  }
  if (start < n || (chunks.length === 0 && from === 0)) cut(n);
  return { chunks, end: n };
}

/**
 * chunkText that remembers its last answer: the next text's pieces are exactly chunkText's, but only
 * the stretch around what changed is cut again. Pieces before the change are kept (their cuts looked
 * at nothing past the change), and once a new cut lands on an old one inside the unchanged end, with
 * the 32 characters its hash reads unchanged too, the old pieces from there on are the same. The
 * unchanged pieces are the same strings as before, so whatever compares or keys them stays cheap.
 */
export function createChunker(options: ChunkOptions = {}): (text: string) => string[] {
  const lookahead = options.lineLookahead ?? 160;
  let last: { text: string; chunks: string[]; starts: number[]; ends: number[] } | null = null;
  const remember = (text: string, chunks: string[]) => {
    const starts: number[] = [];
    const ends: number[] = [];
    let at = 0;
    for (const c of chunks) {
      starts.push(at);
      at += c.length;
      ends.push(at);
    }
    last = { text, chunks, starts, ends };
    return chunks;
  };
  return (text) => {
    if (last === null || last.text.length === 0 || text.length === 0) return remember(text, chunkText(text, options));
    if (last.text === text) return last.chunks;
    const { text: old, chunks, starts, ends } = last;
    // Indices below are always in range; the fallbacks only satisfy the type checker.
    const piece = (j: number) => chunks[j] ?? '';
    const startOf = (j: number) => starts[j] ?? 0;
    const endOf = (j: number) => ends[j] ?? 0;
    const limit = Math.min(old.length, text.length);
    // The common start: whole pieces first (a native comparison each), then characters.
    let k = 0;
    while (k < chunks.length && text.startsWith(piece(k), startOf(k))) k++;
    let prefix = k < chunks.length ? startOf(k) : old.length;
    while (prefix < limit && text.charCodeAt(prefix) === old.charCodeAt(prefix)) prefix++;
    prefix = Math.min(prefix, limit);
    // The common end, the same way from the last piece back.
    const delta = text.length - old.length;
    let suffixFrom = old.length;
    for (let j = chunks.length - 1; j >= 0; j--) {
      const at = startOf(j) + delta;
      if (at < 0 || !text.startsWith(piece(j), at)) break;
      suffixFrom = startOf(j);
    }
    while (
      suffixFrom > 0 &&
      suffixFrom + delta > 0 &&
      text.charCodeAt(suffixFrom - 1 + delta) === old.charCodeAt(suffixFrom - 1)
    )
      suffixFrom--;
    const suffix = Math.min(old.length - suffixFrom, limit - prefix);
    // Pieces whose cut (and the look ahead for a line feed after it) lies wholly in the common start.
    let kept = 0;
    while (kept < chunks.length && endOf(kept) + lookahead + 1 <= prefix) kept++;
    const from = kept === 0 ? 0 : endOf(kept - 1);
    // Old piece starts, by where they would be in the new text.
    const oldStart = new Map<number, number>();
    for (let j = 1; j < chunks.length; j++) oldStart.set(startOf(j) + delta, j);
    const sameFrom = text.length - suffix;
    let resumeAt = -1;
    const run = chunkFrom(text, from, options, (end) => {
      const j = oldStart.get(end);
      if (j === undefined || end - 32 < sameFrom || startOf(j) < 32) return false;
      resumeAt = j;
      return true;
    });
    const next = chunks.slice(0, kept).concat(run.chunks, resumeAt === -1 ? [] : chunks.slice(resumeAt));
    return remember(text, next);
  };
}
