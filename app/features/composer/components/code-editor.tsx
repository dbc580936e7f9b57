/**
 * CodeMirror with JSON highlighting; loaded lazily so it stays out of the first-screen bundle.
 *
 * A thin wrapper of our own around EditorView (with @uiw/react-codemirror's default setup and
 * themes) rather than its React component: that component compares the whole document with the
 * `value` prop after every keystroke (a full `doc.toString()` of the body each time) and rebuilds
 * its configuration when callbacks change. Here the editor owns the text while the person types;
 * `value` is written into it only when it differs from what the editor last reported (Format,
 * Minify, a loaded history entry, an imported cURL).
 */
import { json } from '@codemirror/lang-json';
import {
  Annotation,
  Compartment,
  defaultLightThemeOption,
  EditorSelection,
  EditorState,
  EditorView,
  getDefaultExtensions,
  highlightTrailingWhitespace,
  logException,
  oneDark,
  type Extension,
  type Text,
} from '@uiw/react-codemirror';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { COLOUR_LIMIT, hasLineOver, WRAP_LIMIT } from '../long-lines.ts';
import { useTheme } from '../../../lib/theme.ts';

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  describedBy?: string;
  /** The caret of the plain textarea this editor replaces while the person was typing in it. */
  handover?: { anchor: number; head: number };
}

/** Marks a change that came from `value`, so that it is not reported back as typing. */
const External = Annotation.define<boolean>();

const size = EditorView.theme({
  '&': { minHeight: '6rem', maxHeight: '24rem' },
  '& .cm-scroller': { height: '100% !important' },
});

const themeFor = (resolved: 'light' | 'dark') => (resolved === 'dark' ? oneDark : defaultLightThemeOption);

/**
 * Unwrapped lines, with room after their end, and a typing caret kept away from the sides: when
 * typing brings it near the left or right edge, the view moves by a third of its width at once.
 * Typing at the end of a long line then scrolls once every few dozen characters, not at every
 * keystroke (the browser scrolls a caret at the edge into view as it inserts, and every scroll makes
 * CodeMirror measure the view again). Read and written in CodeMirror's measure phase, so nothing
 * forces a layout; clicks and arrow keys keep CodeMirror's usual scrolling.
 */
const unwrapped = [
  EditorView.theme({ '.cm-content': { paddingRight: '33%' } }),
  EditorView.updateListener.of((update) => {
    if (!update.docChanged || !update.transactions.some((t) => t.isUserEvent('input') || t.isUserEvent('delete')))
      return;
    update.view.requestMeasure({
      key: 'caret-away-from-edges',
      read(view) {
        const range = view.state.selection.main;
        const caret = range.empty ? view.coordsAtPos(range.head) : null;
        if (!caret) return null;
        const box = view.scrollDOM.getBoundingClientRect();
        const gutters = view.dom.querySelector('.cm-gutters')?.getBoundingClientRect().right ?? box.left;
        return { caret, right: box.right, left: Math.max(box.left, gutters) };
      },
      write(m, view) {
        if (!m) return;
        const third = (m.right - m.left) / 3;
        const edge = 24;
        if (m.caret.right > m.right - edge) view.scrollDOM.scrollLeft += m.caret.right - (m.right - third);
        else if (m.caret.left < m.left + edge && view.scrollDOM.scrollLeft > 0)
          view.scrollDOM.scrollLeft -= m.left + third - m.caret.left;
      },
    });
  }),
];

const wrapping = (doc: Text | string) => (hasLineOver(doc, WRAP_LIMIT) ? unwrapped : EditorView.lineWrapping);
/** The language compartment's content without colours: compared by identity to tell which is on. */
const plain: Extension = [];
const colouring = (doc: Text | string) => (hasLineOver(doc, COLOUR_LIMIT) ? plain : json());

export default function CodeEditor({ value, onChange, label, describedBy, handover }: CodeEditorProps) {
  const { resolved } = useTheme();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const theme = useRef(new Compartment());
  const wrap = useRef(new Compartment());
  /** The JSON language (its colours and folding), off for a document with a line over COLOUR_LIMIT. */
  const language = useRef(new Compartment());
  /** The text the editor holds, as it last reported it or was given it. */
  const held = useRef(value);
  const onChangeRef = useRef(onChange);
  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });

  // The editor is made once; what it starts with is read at that moment.
  useLayoutEffect(() => {
    const parent = host.current;
    if (!parent) throw new Error('CodeEditor: its host element is not mounted when the editor is made.');
    const length = held.current.length;
    const clamp = (n: number) => Math.max(0, Math.min(n, length));
    const editor = new EditorView({
      parent,
      // The new text is told before the editor redraws itself, so that its signature is asked for
      // while CodeMirror is still at work on the screen.
      dispatchTransactions(trs, editorView) {
        const last = trs.at(-1);
        const typed = last !== undefined && trs.some((t) => t.docChanged) && !trs.some((t) => t.annotation(External));
        if (typed) {
          const text = last.state.doc.toString();
          held.current = text;
          try {
            onChangeRef.current(text);
          } catch (e) {
            // As CodeMirror does with its own listeners: reported, and the editor still shows the typing.
            logException(last.state, e, 'body editor change');
          }
        }
        editorView.update(trs);
      },
      state: EditorState.create({
        doc: held.current,
        selection: handover ? EditorSelection.single(clamp(handover.anchor), clamp(handover.head)) : undefined,
        extensions: [
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const doc = update.state.doc;
            const rewrap = update.view.lineWrapping === hasLineOver(doc, WRAP_LIMIT);
            const coloured = language.current.get(update.state) !== plain;
            const recolour = coloured === hasLineOver(doc, COLOUR_LIMIT);
            if (!rewrap && !recolour) return;
            // After this update is done: an update listener may not dispatch in its own update.
            queueMicrotask(() => {
              const editor = view.current;
              if (!editor) return;
              const now = editor.state.doc;
              editor.dispatch({
                effects: [wrap.current.reconfigure(wrapping(now)), language.current.reconfigure(colouring(now))],
              });
            });
          }),
          size,
          getDefaultExtensions({
            theme: 'none',
            indentWithTab: true,
            basicSetup: {
              highlightActiveLine: false,
              highlightActiveLineGutter: false,
              autocompletion: false,
              searchKeymap: true,
              foldGutter: true,
            },
          }),
          theme.current.of(themeFor(resolved)),
          language.current.of(colouring(held.current)),
          // Only LF breaks a line, so a CR the person typed or pasted stays in the text (and is signed and sent).
          EditorState.lineSeparator.of('\n'),
          // Spaces at a line's end are signed and sent like any byte: shown, so a whitespace-only body is seen.
          highlightTrailingWhitespace(),
          wrap.current.of(wrapping(held.current)),
          EditorView.contentAttributes.of({
            'aria-label': label,
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          }),
        ],
      }),
    });
    view.current = editor;
    if (handover) editor.focus();
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Made once per mount: label and description are fixed, the rest follows through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: theme.current.reconfigure(themeFor(resolved)) });
  }, [resolved]);

  // A new value from outside the editor replaces its text; the echo of its own typing does not.
  useEffect(() => {
    const editor = view.current;
    if (!editor || value === held.current) return;
    held.current = value;
    editor.dispatch({
      changes: { from: 0, to: editor.state.doc.length, insert: value },
      annotations: External.of(true),
    });
  }, [value]);

  return <div ref={host} className="overflow-hidden rounded-b-md" />;
}
