/** CodeMirror with JSON highlighting; loaded lazily so it stays out of the first-screen bundle. */
import { json } from '@codemirror/lang-json';
import CodeMirror, { EditorState, EditorView } from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { useTheme } from '../../../lib/theme.ts';

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  describedBy?: string;
  onBlur?: () => void;
}

export default function CodeEditor({ value, onChange, label, describedBy, onBlur }: CodeEditorProps) {
  const { resolved } = useTheme();
  const extensions = useMemo(
    () => [
      json(),
      // Only LF breaks a line, so a CR the person typed or pasted stays in the text (and is signed and sent).
      EditorState.lineSeparator.of('\n'),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-label': label,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      }),
    ],
    [label, describedBy],
  );
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      theme={resolved}
      extensions={extensions}
      minHeight="6rem"
      maxHeight="24rem"
      basicSetup={{
        highlightActiveLine: false,
        highlightActiveLineGutter: false,
        autocompletion: false,
        searchKeymap: true,
        foldGutter: true,
      }}
      className="overflow-hidden rounded-b-md"
    />
  );
}
