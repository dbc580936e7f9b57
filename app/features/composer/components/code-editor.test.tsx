import { EditorView } from '@uiw/react-codemirror';
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
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
