import { EditorView } from '@uiw/react-codemirror';
import { render, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { COLOUR_LIMIT } from '../long-lines.ts';
import CodeEditor from './code-editor.tsx';

function editorIn(container: HTMLElement): EditorView {
  const dom = container.querySelector<HTMLElement>('.cm-editor');
  const view = dom ? EditorView.findFromDOM(dom) : null;
  if (!view) throw new Error('no editor was made');
  return view;
}

describe('CodeEditor', () => {
  it('tells the new text before it redraws, so that its signature can be asked for first', () => {
    const heard: Array<{ text: string; shown: string }> = [];
    let view: EditorView | null = null;
    const { container } = render(
      <CodeEditor
        value='{"a":1}'
        label="Body"
        onChange={(text) => heard.push({ text, shown: view?.state.doc.toString() ?? '' })}
      />,
    );
    view = editorIn(container);
    view.dispatch({ changes: { from: 6, insert: '2' } });
    expect(heard).toEqual([{ text: '{"a":12}', shown: '{"a":1}' }]);
    // And the editor does go on to show it.
    expect(view.state.doc.toString()).toBe('{"a":12}');
  });

  it('does not report a text given to it from outside, nor a change of selection', () => {
    const heard: string[] = [];
    const { container, rerender } = render(
      <CodeEditor value="[]" label="Body" onChange={(text) => heard.push(text)} />,
    );
    rerender(<CodeEditor value="[1]" label="Body" onChange={(text) => heard.push(text)} />);
    const view = editorIn(container);
    expect(view.state.doc.toString()).toBe('[1]');
    view.dispatch({ selection: { anchor: 1 } });
    expect(heard).toEqual([]);
  });

  it('still shows what was typed when whoever listens fails', () => {
    const { container } = render(
      <CodeEditor
        value=""
        label="Body"
        onChange={() => {
          throw new Error('listener failed');
        }}
      />,
    );
    const view = editorIn(container);
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    view.dispatch({ changes: { from: 0, insert: 'x' } });
    expect(view.state.doc.toString()).toBe('x');
    expect(reported).toHaveBeenCalledTimes(1);
    expect(String(reported.mock.calls[0])).toContain('listener failed');
    reported.mockRestore();
  });
});

describe('CodeEditor with very long lines', () => {
  /**
   * Whether any token of the text is coloured: a highlighted token is a span whose class CodeMirror
   * generates (they start with "ͼ"); bracket matching has spans of its own, which do not count.
   */
  const coloured = (container: HTMLElement) =>
    [...container.querySelectorAll('.cm-line span')].some((span) => span.className.startsWith('ͼ'));
  const longLine = `{"a":"${'x'.repeat(COLOUR_LIMIT)}"}`;

  it('colours JSON, not a document with a line over the limit, and colours it again once the line is short', async () => {
    const { container, rerender } = render(<CodeEditor value='{"a":1}' label="Body" onChange={() => {}} />);
    expect(coloured(container)).toBe(true);
    rerender(<CodeEditor value={longLine} label="Body" onChange={() => {}} />);
    await waitFor(() => expect(coloured(container)).toBe(false));
    const view = editorIn(container);
    view.dispatch({ changes: { from: 6, to: 6 + COLOUR_LIMIT - 10 } });
    await waitFor(() => expect(coloured(container)).toBe(true));
  });

  it('starts without colours when its first text has a line over the limit', () => {
    const { container } = render(<CodeEditor value={longLine} label="Body" onChange={() => {}} />);
    expect(coloured(container)).toBe(false);
    expect(editorIn(container).state.doc.length).toBe(longLine.length);
  });
});
