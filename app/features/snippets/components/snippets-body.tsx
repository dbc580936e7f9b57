/** The open snippets panel: loaded when first opened, so snippet generation stays off the first screen. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { RelayResult, RequestDraft } from '../../../../core/contract.ts';
import { SNIPPET_LANGUAGES, snippetFor, type SnippetLanguage } from '../../../../core/snippets/index.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { signPreviewQueryOptions } from '../../../lib/queries.ts';
import { snippetInputFromEntry, snippetInputFromPreview } from '../../../lib/snippet-input.ts';
import { SNIPPET_TAB_LABEL } from '../snippet-labels.ts';

export default function SnippetsBody({
  draft,
  entry,
  language,
  onLanguageChange,
}: {
  draft: RequestDraft;
  entry: RelayResult | null;
  language: SnippetLanguage;
  onLanguageChange: (language: SnippetLanguage) => void;
}) {
  // The same query as the signing panel's: one request for both.
  const preview = useQuery(signPreviewQueryOptions(entry === null ? draft : null));
  const input = entry
    ? snippetInputFromEntry(entry)
    : preview.data
      ? snippetInputFromPreview(preview.data, draft)
      : null;
  const code = useMemo(
    () => (input ? snippetFor(language, input) : ''),
    // The input object is rebuilt on every render; its fields are what the snippet depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [input?.url, input?.method, input?.body, input?.keyId, input?.timestamp, input?.signature, language],
  );

  return (
    <>
      <div
        role="tablist"
        aria-label="Snippet language"
        className="flex gap-0.5 rounded-md bg-slate-100 p-0.5 text-xs dark:bg-slate-800"
      >
        {SNIPPET_LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            role="tab"
            aria-selected={l === language}
            onClick={() => onLanguageChange(l)}
            className={
              'flex-1 rounded px-2 py-1 font-medium focus-visible:outline-2 focus-visible:outline-sky-500 ' +
              (l === language
                ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-white'
                : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white')
            }
          >
            {SNIPPET_TAB_LABEL[l]}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={`${SNIPPET_TAB_LABEL[language]} snippet`} className="mt-2 space-y-2">
        <p className="text-[11px] text-slate-600 dark:text-slate-400">
          {language === 'curl'
            ? 'Carries the computed headers: valid only while its timestamp is inside the server’s window (about five minutes on the mock). After that, sign again.'
            : 'Signs at run time with the secret read from the QREDO_API_SECRET environment variable (never written into the code).'}
        </p>
        {input ? (
          <div className="relative">
            <CopyButton
              value={code}
              label={`${SNIPPET_TAB_LABEL[language]} snippet`}
              className="absolute top-1.5 right-1.5 bg-white dark:bg-slate-900"
            />
            <pre className="max-h-80 overflow-auto rounded-md bg-slate-50 p-2 pr-20 font-mono text-[11px] leading-relaxed text-slate-800 dark:bg-slate-950 dark:text-slate-200">
              {code}
            </pre>
          </div>
        ) : preview.isError ? (
          <p className="text-xs text-slate-500">No snippet until the request can be signed: {preview.error.message}</p>
        ) : (
          <p className="text-xs text-slate-500">Signing…</p>
        )}
      </div>
    </>
  );
}
