import { useState } from 'react';
import { OTHER_KEYS, useRegisteredShortcuts, useShortcut } from '../lib/shortcuts.ts';
import { Button, Kbd } from './button.tsx';
import { Dialog } from './dialog.tsx';

/** The "?" dialog listing the keyboard shortcuts that are registered now, and the keys every dialog knows. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const shortcuts = [...useRegisteredShortcuts(), ...OTHER_KEYS];
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <table className="w-full text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.description} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <th scope="row" className="w-32 py-2 pr-4 text-left font-normal">
                <span className="inline-flex gap-1">
                  {s.keys.map((k) => (
                    <Kbd key={k}>{k}</Kbd>
                  ))}
                </span>
              </th>
              <td className="py-2 text-slate-700 dark:text-slate-300">{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-4 flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}

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
      <ShortcutHelp open={open} onClose={() => setOpen(false)} />
    </>
  );
}
