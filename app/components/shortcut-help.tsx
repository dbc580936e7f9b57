import { Suspense, useState } from 'react';
import { deferred } from '../lib/deferred.ts';
import { useShortcut } from '../lib/shortcuts.ts';
import { Kbd } from './button.tsx';

const ShortcutHelp = deferred(() => import('./shortcut-help-dialog.tsx').then((m) => m.ShortcutHelp));

/** The header's "Shortcuts" button, and "?" from anywhere: both open the list. */
export function ShortcutsButton() {
  const [open, setOpen] = useState(false);
  useShortcut('?', 'Show this list of shortcuts', () => setOpen(true));
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-slate-600 hover:bg-slate-200/70 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      >
        <Kbd>?</Kbd>
        <span className="hidden xl:inline">Shortcuts</span>
      </button>
      <Suspense fallback={null}>
        <ShortcutHelp open={open} onClose={() => setOpen(false)} />
      </Suspense>
    </>
  );
}
