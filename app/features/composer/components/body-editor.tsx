import { lazy, Suspense, useId, useMemo } from 'react';
import { Button } from '../../../components/button.tsx';
import { formatBytes } from '../../../lib/format.ts';
import { checkJson, formatJson, jsonStatusText, minifyJson } from '../json-text.ts';

const CodeEditor = lazy(() => import('./code-editor.tsx'));

export interface BodyEditorProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
}

const encoder = new TextEncoder();

/**
 * The JSON body editor "Body". Validation is live and never touches the text; Format and Minify
 * replace it only when clicked. While CodeMirror loads, a plain textarea takes the typing.
 */
export function BodyEditor({ value, onChange, onBlur }: BodyEditorProps) {
  const statusId = useId();
  const check = useMemo(() => checkJson(value), [value]);
  const bytes = useMemo(() => encoder.encode(value).length, [value]);
  const valid = check.state === 'valid';

  return (
    <div className="rounded-md border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-center gap-2 border-b border-slate-200 px-2.5 py-1.5 dark:border-slate-800">
        <span className="text-xs font-semibold text-slate-700 dark:text-slate-200">Body</span>
        <span className="text-[11px] text-slate-500 dark:text-slate-400">JSON, sent byte for byte as typed</span>
        <span className="ml-auto flex gap-1">
          <Button
            size="sm"
            variant="ghost"
            disabled={!valid}
            title={valid ? 'Indent with two spaces' : 'Only valid JSON can be formatted'}
            onClick={() => onChange(formatJson(value) ?? value)}
          >
            Format
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={!valid}
            title={valid ? 'Remove whitespace between tokens' : 'Only valid JSON can be minified'}
            onClick={() => onChange(minifyJson(value) ?? value)}
          >
            Minify
          </Button>
        </span>
      </div>
      <Suspense
        fallback={
          <textarea
            aria-label="Body"
            aria-describedby={statusId}
            value={value}
            spellCheck={false}
            onChange={(e) => onChange(e.target.value)}
            onBlur={onBlur}
            className="block min-h-24 w-full resize-y rounded-b-md bg-transparent p-2 font-mono text-[13px] leading-[1.55] outline-none"
          />
        }
      >
        <CodeEditor value={value} onChange={onChange} onBlur={onBlur} label="Body" describedBy={statusId} />
      </Suspense>
      <div
        id={statusId}
        className={
          'flex min-h-7 items-center gap-2 border-t border-slate-200 px-2.5 py-1 text-xs dark:border-slate-800 ' +
          (check.state === 'invalid'
            ? 'text-env-production dark:text-env-production-night'
            : 'text-slate-500 dark:text-slate-400')
        }
      >
        <span
          aria-hidden="true"
          className={`size-1.5 shrink-0 rounded-full ${check.state === 'valid' ? 'bg-emerald-500' : check.state === 'invalid' ? 'bg-env-production' : 'bg-slate-300 dark:bg-slate-600'}`}
        />
        <span className="min-w-0 truncate" title={jsonStatusText(check)}>
          {jsonStatusText(check)}
        </span>
        <span className="ml-auto shrink-0 font-mono tabular-nums">{formatBytes(bytes)}</span>
      </div>
    </div>
  );
}
