/**
 * What the body editor does with very long lines, which minified JSON bodies have: one rule, read by
 * the editor (code-editor.tsx) and by its status line (body-editor.tsx).
 */

/**
 * Lines longer than this are not wrapped. A wrapped line is laid out whole (CodeMirror draws up to
 * about 20,000 characters of it), and the browser's own text insertion into such a paragraph costs
 * tens of milliseconds per keystroke: in a 100 KB minified body every key would lag. Unwrapped, only
 * the part of the line on screen is drawn and the line scrolls sideways.
 */
export const WRAP_LIMIT = 5_000;

/**
 * A document with a line longer than this is shown without syntax colours, as code editors do
 * (VS Code stops colouring a line at 20,000 characters): colouring a 100 KB line again at every
 * keystroke held the signature preview back (by about 9 ms at p95 in the preview bench).
 */
export const COLOUR_LIMIT = 20_000;

/** The lines of a CodeMirror document, as far as this needs them. */
interface Lines {
  length: number;
  iterLines(): Iterator<string>;
}

/** Whether a line of the text (or document) is longer than `limit` characters. Only LF ends a line. */
export function hasLineOver(doc: Lines | string, limit: number): boolean {
  if (doc.length <= limit) return false;
  if (typeof doc === 'string') {
    let from = 0;
    for (let lf = doc.indexOf('\n'); lf !== -1; lf = doc.indexOf('\n', from)) {
      if (lf - from > limit) return true;
      from = lf + 1;
    }
    return doc.length - from > limit;
  }
  for (let iter = doc.iterLines(); ;) {
    const next = iter.next();
    if (next.done) return false;
    if (next.value.length > limit) return true;
  }
}
