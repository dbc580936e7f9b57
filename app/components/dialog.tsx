/**
 * A modal dialog: role dialog, labelled by its title, focus moved inside and restored on close,
 * Tab kept inside, Escape and a click on the backdrop close it.
 */
import { useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useSuspendShortcuts } from '../lib/shortcuts.ts';
import { useFocusTrap } from '../lib/use-focus-trap.ts';

export interface DialogProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Extra classes for the panel (e.g. a coloured top border). */
  tone?: 'default' | 'danger';
  /** Selector of the element to focus first; defaults to the first focusable element. */
  initialFocus?: string;
  describedBy?: string;
}

export function Dialog({ open, title, onClose, children, tone = 'default', initialFocus, describedBy }: DialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  useSuspendShortcuts(open);
  useFocusTrap(panel, open, onClose, initialFocus);

  if (!open) return null;
  return createPortal(
    <div className="fixed inset-0 z-50 flex items-center justify-center p-4">
      <div
        className="absolute inset-0 bg-slate-950/50 backdrop-blur-[1px]"
        aria-hidden="true"
        onClick={() => onClose()}
      />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={
          'relative w-full max-w-lg rounded-xl border bg-white p-5 shadow-2xl dark:bg-slate-900 ' +
          (tone === 'danger'
            ? 'border-t-4 border-env-production/60 border-t-env-production'
            : 'border-slate-200 dark:border-slate-700')
        }
      >
        <h2 id={titleId} className="mb-3 text-base font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
