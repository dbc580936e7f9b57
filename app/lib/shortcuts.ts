/**
 * The page's keyboard shortcuts, in one place: one listener on the window (capture phase, so that
 * Ctrl/Cmd+Enter wins over the body editor's own bindings); features register what they handle, and
 * the shortcuts dialog lists what is registered. An open modal dialog suspends them all.
 */
import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { isSendChord, isTypingTarget, MOD_LABEL } from './keyboard.ts';

export interface ShortcutInfo {
  keys: string[];
  description: string;
}

interface Binding {
  info: ShortcutInfo;
  matches: (e: KeyboardEvent) => boolean;
  /** Single keys do not fire while the person types in a field; chords do. */
  whileTyping: boolean;
  run: (e: KeyboardEvent) => void;
}

const bindings: Binding[] = [];
const listeners = new Set<() => void>();
let modalDepth = 0;
let installed = false;
let snapshot: ShortcutInfo[] = [];

function changed(): void {
  snapshot = bindings.map((b) => b.info);
  for (const l of listeners) l();
}

function onKeyDown(e: KeyboardEvent): void {
  if (modalDepth > 0) return;
  for (const b of bindings) {
    if (!b.matches(e)) continue;
    if (!b.whileTyping && (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target))) continue;
    e.preventDefault();
    e.stopPropagation();
    b.run(e);
    return;
  }
}

function install(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('keydown', onKeyDown, true);
}

/**
 * The page's keys, in one place: a single key fires only outside text fields, the send chord
 * everywhere. Registering a new one here keeps the shortcuts dialog and the keys in step.
 */
export type ShortcutKey =
  /** Focus the history search. */
  | '/'
  /** The list of shortcuts. */
  | '?'
  /** Show or hide the history (the sidebar, or the drawer on a narrow screen). */
  | 'h'
  /** Ctrl/Cmd+Enter: send. */
  | 'send';

/** A single key (`/`, `?`, `h`) or the send chord, handled while `enabled`. The handler may change on every render. */
export function useShortcut(key: ShortcutKey, description: string, handler: () => void, enabled = true): void {
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    install();
    const binding: Binding =
      key === 'send'
        ? {
            info: { keys: [MOD_LABEL, 'Enter'], description },
            matches: isSendChord,
            whileTyping: true,
            run: () => ref.current(),
          }
        : {
            info: { keys: [key.toUpperCase()], description },
            matches: (e) => e.key === key || (key === 'h' && e.key === 'H' && !e.shiftKey),
            whileTyping: false,
            run: () => ref.current(),
          };
    bindings.push(binding);
    changed();
    return () => {
      bindings.splice(bindings.indexOf(binding), 1);
      changed();
    };
  }, [key, description, enabled]);
}

/** While a modal dialog is open, no shortcut fires (Escape and Tab belong to the dialog). */
export function useSuspendShortcuts(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    modalDepth++;
    return () => {
      modalDepth--;
    };
  }, [active]);
}

/** What is registered now, for the shortcuts dialog. */
export function useRegisteredShortcuts(): ShortcutInfo[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
    () => snapshot,
  );
}

/** Keys that are not registered handlers but that a person should know. */
export const OTHER_KEYS: ShortcutInfo[] = [
  { keys: ['Esc'], description: 'Close a dialog' },
  {
    keys: ['Esc', 'Tab'],
    description: 'Leave the body editor, where Tab indents: press Esc first, then Tab or Shift+Tab',
  },
];
