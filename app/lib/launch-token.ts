/**
 * The launch token in the page: taken from the `#token=…` fragment of the address the server printed,
 * kept in this origin's localStorage (scoped to scheme, host and port, unlike a cookie), removed from
 * the address bar, and sent with every /api call as `Authorization: Bearer …`.
 */
const STORAGE_KEY = 'qredo-playground.launch-token';
const TOKEN_PARAM = /(^|[#&])token=([A-Za-z0-9_-]{1,512})(?=&|$)/;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let memory: string | null = null;

export function launchToken(): string | null {
  return storage()?.getItem(STORAGE_KEY) ?? memory;
}

export function setLaunchToken(token: string): void {
  memory = token;
  storage()?.setItem(STORAGE_KEY, token);
}

/** Reads a token out of a pasted address or a bare token; null when there is none. */
export function tokenFromText(text: string): string | null {
  const trimmed = text.trim();
  const hash = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#')) : '';
  const fromHash = TOKEN_PARAM.exec(hash)?.[2];
  if (fromHash) return fromHash;
  return /^[A-Za-z0-9_-]{22,512}$/.test(trimmed) ? trimmed : null;
}

/**
 * Moves a token found in the address bar's fragment into storage and takes it out of the address
 * (and so out of the history and of any link copied from the bar). Other fragment parts stay.
 */
export function adoptTokenFromLocation(): boolean {
  const { hash, pathname, search } = window.location;
  const m = TOKEN_PARAM.exec(hash);
  if (!m?.[2]) return false;
  setLaunchToken(m[2]);
  const rest = hash
    .slice(1)
    .split('&')
    .filter((part) => !part.startsWith('token='))
    .join('&');
  window.history.replaceState(window.history.state, '', `${pathname}${search}${rest ? `#${rest}` : ''}`);
  return true;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Tells the page that the server refused the token (missing, or rotated since). */
export function reportTokenRefused(): void {
  for (const l of listeners) l();
}

export function onTokenRefused(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
