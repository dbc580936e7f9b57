import { useEffect, useState } from 'react';
import { announce } from '../lib/announce.ts';

/** Copies `value` to the clipboard; its accessible name is "Copy <label>". */
export function CopyButton({ value, label, className = '' }: { value: string; label: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
      announce(`Copied ${label}`);
    } catch {
      setState('failed');
      announce(`Could not copy ${label}; select the text and copy it by hand.`);
    }
  };

  return (
    <button
      type="button"
      onClick={copy}
      aria-label={`Copy ${label}`}
      title={`Copy ${label}`}
      className={
        'inline-flex h-6 shrink-0 items-center gap-1 rounded border border-slate-200 px-1.5 text-[11px] font-medium text-slate-600 ' +
        'hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 ' +
        'dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white ' +
        className
      }
    >
      {state === 'copied' ? (
        <>
          <CheckIcon /> Copied
        </>
      ) : state === 'failed' ? (
        'Failed'
      ) : (
        <>
          <CopyIcon /> Copy
        </>
      )}
    </button>
  );
}

function CopyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" />
      <path d="M10.5 5V3.5A1.5 1.5 0 0 0 9 2H3.5A1.5 1.5 0 0 0 2 3.5V9a1.5 1.5 0 0 0 1.5 1.5H5" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M3 8.5l3 3 7-7" />
    </svg>
  );
}
