import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ComponentType } from 'react';
import { Button } from '../../../components/button.tsx';
import { formatBytes } from '../../../lib/format.ts';
import { utf8ByteLength } from '../../../lib/utf8.ts';
import { checkJson, formatJson, jsonStatusText, minifyJson } from '../json-text.ts';
import type { CodeEditorProps } from './code-editor.tsx';

const loadCodeEditor = () => import('./code-editor.tsx');

export interface BodyEditorProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
}

type Handover = NonNullable<CodeEditorProps['handover']>;

/** Calls `run` once the page is idle (CodeMirror is big: it waits until the first screen is up). */
function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(run, { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(run, 200);
  return () => window.clearTimeout(handle);
}

/** Bodies from this size on are checked after a pause in typing rather than at every keystroke. */
const LARGE_BODY = 20_000;

/**
 * The text the status line (JSON check over the whole text, byte count) describes: it follows the
 * typing at a lower priority than the text itself and its signature preview, and for a large body
 * only once typing pauses, so that checking 100 KB never stands between a keystroke and its preview.
 */
function useCheckedText(value: string): string {
  const large = value.length >= LARGE_BODY;
  const deferred = useDeferredValue(large ? '' : value);
  const [paused, setPaused] = useState(value);
  useEffect(() => {
    if (!large) return;
    const timer = setTimeout(() => setPaused(value), 250);
    return () => clearTimeout(timer);
  }, [value, large]);
  return large ? paused : deferred;
}

/**
 * The JSON body editor "Body". Validation is live and never touches the text; Format and Minify
 * replace it only when clicked. A plain textarea takes the typing until CodeMirror has loaded, which
 * it does once the page is idle after the first screen (or at once when the textarea is focused);
 * the caret and focus carry over.
 */
export function BodyEditor({ value, onChange, onBlur }: BodyEditorProps) {
  const statusId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [editor, setEditor] = useState<{ Editor: ComponentType<CodeEditorProps>; handover?: Handover } | null>(null);

  useEffect(() => {
    let live = true;
    let asked = false;
    const load = () => {
      if (asked) return;
      asked = true;
      void loadCodeEditor().then((m) => {
        if (!live) return;
        // The caret and focus go over to CodeMirror when the person was typing in the textarea.
        const el = textarea.current;
        const handover =
          el && document.activeElement === el ? { anchor: el.selectionStart, head: el.selectionEnd } : undefined;
        setEditor({ Editor: m.default, handover });
      });
    };
    const cancel = whenIdle(load);
    const el = textarea.current;
    el?.addEventListener('focus', load);
    return () => {
      live = false;
      cancel();
      el?.removeEventListener('focus', load);
    };
  }, []);

  const settled = useCheckedText(value);
  const check = useMemo(() => checkJson(settled), [settled]);
  const bytes = useMemo(() => utf8ByteLength(settled), [settled]);
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
      {editor ? (
        <editor.Editor
          value={value}
          onChange={onChange}
          onBlur={onBlur}
          label="Body"
          describedBy={statusId}
          handover={editor.handover}
        />
      ) : (
        <textarea
          ref={textarea}
          aria-label="Body"
          aria-describedby={statusId}
          value={value}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
          className="block min-h-24 w-full resize-y rounded-b-md bg-transparent p-2 font-mono text-[13px] leading-[1.55] outline-none"
        />
      )}
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
