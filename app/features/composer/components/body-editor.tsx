import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ComponentType } from 'react';
import { Button } from '../../../components/button.tsx';
import { formatBytes, groupDigits } from '../../../lib/format.ts';
import { utf8ByteLength } from '../../../lib/utf8.ts';
import { checkJson, formatJson, jsonStatusText, minifyJson } from '../json-text.ts';
import { COLOUR_LIMIT, hasLineOver } from '../long-lines.ts';
import type { CodeEditorProps } from './code-editor.tsx';

const loadCodeEditor = () => import('./code-editor.tsx');

export interface BodyEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Said in the footer when the request should carry no body but this one does. */
  warning?: string | null;
  /** Bytes of a body set aside (kept, not sent), or null when none is. */
  asideBytes?: number | null;
  onRestoreAside?: () => void;
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
export function BodyEditor({ value, onChange, warning = null, asideBytes = null, onRestoreAside }: BodyEditorProps) {
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
  const uncoloured = useMemo(() => hasLineOver(settled, COLOUR_LIMIT), [settled]);
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
      {asideBytes !== null && (
        <div className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-2.5 py-1 text-xs text-slate-600 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-300">
          <span className="min-w-0 flex-1">
            Body set aside ({groupDigits(asideBytes)} B): kept here, not sent
            {value === '' ? ', since this request takes no body.' : '.'}
          </span>
          <Button size="sm" variant="ghost" onClick={onRestoreAside}>
            Restore body
          </Button>
        </div>
      )}
      {editor ? (
        <editor.Editor
          value={value}
          onChange={onChange}
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
          className="block min-h-24 w-full resize-y rounded-b-md bg-transparent p-2 font-mono text-[13px] leading-[1.55] outline-none"
        />
      )}
      {/* One description for the editor (CodeMirror's is fixed when it mounts): the JSON status and any warning. */}
      <div id={statusId}>
        <div
          className={
            'flex min-h-7 items-center gap-2 border-t border-slate-200 px-2.5 py-1 text-xs dark:border-slate-800 ' +
            (warning ? '' : 'rounded-b-md ') +
            (check.state === 'invalid'
              ? 'text-env-production dark:text-env-production-night'
              : 'text-slate-500 dark:text-slate-400')
          }
        >
          <span
            aria-hidden="true"
            className={`size-1.5 shrink-0 rounded-full ${check.state === 'valid' ? 'bg-emerald-500' : check.state === 'invalid' ? 'bg-env-production' : 'bg-slate-300 dark:bg-slate-600'}`}
          />
          {/* Only a parse error is long enough to be cut short; the other states always show whole. */}
          <span
            className={check.state === 'invalid' ? 'min-w-0 truncate' : 'shrink-0'}
            title={jsonStatusText(check, bytes)}
          >
            {jsonStatusText(check, bytes)}
          </span>
          {editor && uncoloured && (
            <span
              className="min-w-0 truncate text-slate-500 dark:text-slate-400"
              title={`Syntax colours are off while a line is over ${groupDigits(COLOUR_LIMIT)} characters, as in other code editors: colouring such a line again at every keystroke would slow the typing.`}
            >
              · no colours: a line is over {groupDigits(COLOUR_LIMIT)} characters
            </span>
          )}
          <span className="ml-auto shrink-0 font-mono tabular-nums" title={`${groupDigits(bytes)} bytes`}>
            {formatBytes(bytes)}
          </span>
        </div>
        {warning && (
          <p className="flex items-center gap-1.5 rounded-b-md border-t border-amber-300 bg-amber-50 px-2.5 py-1 text-xs font-medium text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200">
            <WarningIcon />
            {warning}
          </p>
        )}
      </div>
    </div>
  );
}

/** The small warning triangle used beside "it is signed and sent". */
export function WarningIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0" fill="currentColor">
      <path d="M8 1.5 15 14H1L8 1.5zm-.75 4.5v4h1.5V6h-1.5zm0 5v1.5h1.5V11h-1.5z" />
    </svg>
  );
}
