import { OTHER_KEYS, useRegisteredShortcuts } from '../lib/shortcuts.ts';
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
