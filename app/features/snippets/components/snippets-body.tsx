/** The open snippets panel: loaded when first opened, so snippet generation stays off the first screen. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { RelayResult, RequestDraft } from '../../../../core/contract.ts';
import { SNIPPET_LANGUAGES, type SnippetLanguage } from '../../../../core/snippets/index.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { signPreviewQueryOptions } from '../../../lib/queries.ts';
import { schemeSnippetCode, schemeSnippetFromEntry, schemeSnippetFromPreview } from '../../../lib/snippet-input.ts';
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
  // Written for the scheme that signs it: v1 HMAC, or the Partner API's RSA.
  const signed = preview.data;
  const { body, headers } = draft;
  const source = useMemo(
    () => (entry ? schemeSnippetFromEntry(entry) : signed ? schemeSnippetFromPreview(signed, { body, headers }) : null),
    [entry, signed, body, headers],
  );
  const input = source?.input ?? null;
  const partner = source?.scheme === 'partner';
  const code = useMemo(() => (source ? schemeSnippetCode(language, source) : ''), [source, language]);

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
            ? partner
              ? 'Carries the x-sign computed now, and reads the X-API-KEY from QREDO_PARTNER_API_KEY: valid only while its x-timestamp is inside the server’s window (a nonce only once).'
              : 'Carries the computed headers: valid only while its timestamp is inside the server’s window (about five minutes on the mock). After that, sign again.'
            : partner
              ? 'Signs at run time with the private key from QREDO_PARTNER_PRIVATE_KEY_FILE (or QREDO_PARTNER_PRIVATE_KEY) and the X-API-KEY from QREDO_PARTNER_API_KEY, never written into the code.'
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
