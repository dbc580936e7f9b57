import { useEffect, useRef, useState } from 'react';
import type { Bundle } from '../../../../core/bundle/index.ts';
import type { RelayResult } from '../../../../core/contract.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { downloadText as download } from '../../../lib/download.ts';
import { useSession } from '../../../lib/queries.ts';
import { exportFileName } from '../bundle-model.ts';
import { importFile } from '../bundle-store.ts';

/** core/bundle (and the zod schemas it validates with) load when there is something to share. */
const loadBundleCore = () => import('../../../../core/bundle/index.ts');

/**
 * Share the selected history entry without its secret: a redacted bundle file, a HAR file, or a link
 * whose data sits in the URL fragment (never sent to any server). And import one.
 */
export function BundleTools({ entry }: { entry: RelayResult | null }) {
  const session = useSession();
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const say = (text: string, error = false) => {
    setMessage({ text, error });
    announce(text);
  };

  // Fetched ahead, once an entry is shown, so that a click finds it loaded.
  useEffect(() => {
    if (entry) void loadBundleCore();
  }, [entry]);

  const bundle = async (): Promise<{ b: Bundle; core: Awaited<ReturnType<typeof loadBundleCore>> } | null> => {
    if (!entry) return null;
    try {
      const core = await loadBundleCore();
      return {
        b: core.toBundle([entry], { appVersion: session.data?.version ?? '0.0.0', exportedAt: Date.now() }),
        core,
      };
    } catch (e) {
      say((e as Error).message, true);
      return null;
    }
  };

  const exportBundle = async () => {
    const r = await bundle();
    if (!r || !entry) return;
    const { b } = r;
    const first = b.entries[0];
    if (!first) return;
    download(exportFileName(first, 'json'), `${JSON.stringify(b, null, 2)}\n`, 'application/json');
    say(`Exported #${entry.id} as a redacted bundle.`);
  };
  const exportHar = async () => {
    const r = await bundle();
    if (!r || !entry) return;
    const { b, core } = r;
    const first = b.entries[0];
    if (!first) return;
    download(exportFileName(first, 'har'), `${JSON.stringify(core.toHar(b), null, 2)}\n`, 'application/json');
    say(`Exported #${entry.id} as HAR 1.2.`);
  };
  const copyLink = async () => {
    const r = await bundle();
    if (!r || !entry) return;
    try {
      const link = `${location.origin}${location.pathname}#${r.core.bundleToFragment(r.b)}`;
      await navigator.clipboard.writeText(link);
      say(
        `Copied a link holding #${entry.id} (${link.length} characters). The data is in the fragment: it never reaches a server.`,
      );
    } catch (e) {
      say((e as Error).message || 'Could not copy the link.', true);
    }
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const result = await importFile(file);
    if (fileInput.current) fileInput.current.value = '';
    if (result && 'error' in result) say(`Could not import ${file.name}: ${result.error}`, true);
    else {
      announce(`Imported ${file.name}.`);
      window.location.hash = '#/bundle';
    }
  };

  return (
    <section
      aria-label="Share"
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-1 text-sm font-semibold text-slate-800 dark:text-slate-100">Share</h2>
        <Button size="sm" onClick={() => void exportBundle()} disabled={!entry}>
          Export bundle
        </Button>
        <Button size="sm" onClick={() => void exportHar()} disabled={!entry}>
          Export HAR
        </Button>
        <Button size="sm" onClick={() => void copyLink()} disabled={!entry}>
          Copy link
        </Button>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => fileInput.current?.click()}>
          Import bundle
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Bundle file"
          className="sr-only"
          tabIndex={-1}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <p className="mt-1 text-[11px] text-slate-500 dark:text-slate-400">
        {entry
          ? `#${entry.id}: request, string-to-sign, signature, response and timings; credentials removed. You can also drop a bundle file anywhere on the page.`
          : 'Send a request or pick one in the history to export it. You can drop a bundle file anywhere on the page.'}
      </p>
      {message && (
        <p
          role={message.error ? 'alert' : undefined}
          className={`mt-1 text-xs ${message.error ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
