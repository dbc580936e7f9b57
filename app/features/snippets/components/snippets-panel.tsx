import { lazy, memo, Suspense, useId, useState } from 'react';
import type { RelayResult, RequestDraft } from '../../../../core/contract.ts';
import type { SnippetLanguage } from '../../../../core/snippets/index.ts';

const SnippetsBody = lazy(() => import('./snippets-body.tsx'));

export interface SnippetsPanelProps {
  /** The draft being composed (its signature preview feeds the snippets) … */
  draft: RequestDraft;
  /** … unless a history entry is shown "as sent". */
  entry: RelayResult | null;
}

/** Code that reproduces the current signature and sends the request: cURL, Python, Node, Go. */
export const SnippetsPanel = memo(function SnippetsPanel({ draft, entry }: SnippetsPanelProps) {
  const [language, setLanguage] = useState<SnippetLanguage>('curl');
  const [open, setOpen] = useState(false);
  const panelId = useId();

  return (
    <section
      aria-label="Code snippets"
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-semibold text-slate-800 dark:text-slate-100">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
            className="inline-flex items-center gap-1 rounded focus-visible:outline-2 focus-visible:outline-sky-500"
          >
            <span aria-hidden="true" className={`inline-block transition-transform ${open ? 'rotate-90' : ''}`}>
              ▸
            </span>
            Code snippets
          </button>
        </h2>
        <span className="text-[11px] text-slate-500 dark:text-slate-400">
          {entry ? `for #${entry.id} as sent` : 'for the request being composed'}
        </span>
      </div>
      {open && (
        <div id={panelId} className="mt-2">
          <Suspense fallback={<p className="text-xs text-slate-500">Loading…</p>}>
            <SnippetsBody draft={draft} entry={entry} language={language} onLanguageChange={setLanguage} />
          </Suspense>
        </div>
      )}
    </section>
  );
});
