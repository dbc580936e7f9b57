/**
 * The page's door: without the launch token the server answers nothing, so the page asks for the
 * address printed in the terminal instead of showing a playground that cannot work. When the token
 * is refused later (rotated with `npm run cli -- token --new`), the same form opens over the page,
 * and the drafts under it stay.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../../components/button.tsx';
import { ApiRequestError, api } from '../../../lib/api-client.ts';
import { adoptTokenFromLocation, onTokenRefused, setLaunchToken, tokenFromText } from '../../../lib/launch-token.ts';

type State = 'checking' | 'open' | 'locked';

export function LaunchGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>('checking');
  const [everOpen, setEverOpen] = useState(false);
  const queryClient = useQueryClient();

  useEffect(() => {
    let live = true;
    const check = () =>
      api.session().then(
        () => {
          if (!live) return;
          setState('open');
          setEverOpen(true);
        },
        (e: unknown) => {
          if (live) setState(e instanceof ApiRequestError && e.status === 401 ? 'locked' : 'open');
        },
      );
    void check();
    const off = onTokenRefused(() => setState('locked'));
    // The printed address opened in this tab while the page is already here: a fragment change only.
    const onHash = () => {
      if (adoptTokenFromLocation()) void check().then(() => queryClient.invalidateQueries());
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      live = false;
      off();
      window.removeEventListener('hashchange', onHash);
    };
  }, [queryClient]);

  const unlocked = () => {
    setState('open');
    setEverOpen(true);
    void queryClient.invalidateQueries();
  };

  if (state === 'checking') return null;
  if (state === 'locked' && !everOpen) {
    return (
      <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <TokenForm onUnlocked={unlocked} />
      </main>
    );
  }
  return (
    <>
      {children}
      {state === 'locked' && (
        <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-950/60 p-4">
          <TokenForm onUnlocked={unlocked} modal />
        </div>
      )}
    </>
  );
}

function TokenForm({ onUnlocked, modal = false }: { onUnlocked: () => void; modal?: boolean }) {
  const titleId = useId();
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const token = tokenFromText(text);
    if (!token) {
      setError('Paste the whole address the terminal printed (it ends in #token=…), or the token itself.');
      return;
    }
    setBusy(true);
    setLaunchToken(token);
    try {
      await api.session();
      onUnlocked();
    } catch (err) {
      setError(
        err instanceof ApiRequestError && err.status === 401
          ? 'The playground does not know this token. Copy the address again from the terminal where it runs; it changes when the token is renewed.'
          : `The playground did not answer: ${(err as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      role={modal ? 'dialog' : 'region'}
      aria-modal={modal ? true : undefined}
      aria-labelledby={titleId}
      className="w-full max-w-xl rounded-xl border border-slate-200 bg-white p-6 shadow-xl dark:border-slate-700 dark:bg-slate-900"
    >
      <h1 id={titleId} className="text-lg font-semibold">
        {modal ? 'The launch token has changed' : 'Open the playground with its launch link'}
      </h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        The playground signs with your Qredo keys, so it answers only the page opened from the address it printed in its
        terminal when it started, such as{' '}
        <code className="font-mono text-xs break-all">http://127.0.0.1:5173/#token=…</code>. Open that address, or paste
        it here. To print it again, run <code className="font-mono text-xs">npm run cli -- token</code> in the project
        folder.
      </p>
      <form className="mt-4 flex flex-col gap-2" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="text-sm font-medium">
          Launch link or token
        </label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          className="h-9 rounded-md border border-slate-300 bg-white px-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-950"
        />
        {error && (
          <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div>
          <Button type="submit" variant="primary" disabled={busy}>
            Connect
          </Button>
        </div>
      </form>
    </section>
  );
}
