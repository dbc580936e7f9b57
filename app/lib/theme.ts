/** Light and dark themes: follow the system unless the person chose one; remembered in localStorage. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_STORAGE_KEY = 'playground-theme';

const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/**
 * A media query list as browsers really have it, not as the DOM types promise: Safari before 14 has
 * no addEventListener on it (only addListener).
 */
interface MaybeMediaQueryList {
  readonly matches: boolean;
  addEventListener?: MediaQueryList['addEventListener'];
  removeEventListener?: MediaQueryList['removeEventListener'];
}

/** The window as far as matchMedia goes, which jsdom and older browsers may not have. */
interface MaybeMatchMedia {
  matchMedia?: (query: string) => MaybeMediaQueryList;
}

/** The system's dark-scheme query, or undefined where matchMedia is missing. */
function darkSchemeQuery(): MaybeMediaQueryList | undefined {
  const host: MaybeMatchMedia = window;
  return host.matchMedia?.('(prefers-color-scheme: dark)');
}

function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && darkSchemeQuery()?.matches === true;
}

/** Whether a choice resolves to dark, given the system preference. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

function apply(): void {
  const dark = resolveTheme(readChoice(), systemPrefersDark()) === 'dark';
  document.documentElement.classList.toggle('dark', dark);
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // storage may be unavailable (private mode); the class still changes for this page
  }
  apply();
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const mq = darkSchemeQuery();
  const onSystem = () => {
    apply();
    listener();
  };
  mq?.addEventListener?.('change', onSystem);
  return () => {
    listeners.delete(listener);
    mq?.removeEventListener?.('change', onSystem);
  };
}

/** The current choice and the resolved theme; re-renders on change (including a system change). */
export function useTheme(): { choice: ThemeChoice; resolved: 'light' | 'dark'; setChoice: (c: ThemeChoice) => void } {
  const choice = useSyncExternalStore(subscribe, readChoice, () => 'system' as ThemeChoice);
  const systemDark = useSyncExternalStore(subscribe, systemPrefersDark, () => false);
  useEffect(apply, [choice]);
  const setChoice = useCallback((c: ThemeChoice) => setThemeChoice(c), []);
  return { choice, resolved: resolveTheme(choice, systemDark), setChoice };
}
