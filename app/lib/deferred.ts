/**
 * Components the first screen does not show (a response, a comparison, the Partner API's options and
 * keys, the query and headers editors behind their tabs) live in chunks of their own, apart from the
 * first screen's JavaScript, and are fetched as soon as the page is idle, so that each is there by the
 * time it is wanted. Each is rendered inside a Suspense boundary with a fallback of its size.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const loaders: Array<() => Promise<unknown>> = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a component of any props, as React.lazy takes
export function deferred<C extends ComponentType<any>>(load: () => Promise<C>): LazyExoticComponent<C> {
  loaders.push(load);
  return lazy(async () => ({ default: await load() }));
}

/**
 * A module needed only when the person acts (a copy, an export): fetched when the page is idle like the
 * components above, and awaited by the action, which finds it already there.
 */
export function onDemand<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  const get = (): Promise<T> =>
    (loading ??= load().catch((error: unknown) => {
      loading = null; // a failed fetch is tried again by the next action
      throw error;
    }));
  loaders.push(get);
  return get;
}

/** Fetches every deferred chunk once the page is idle (a failed fetch is tried again when rendered). */
export function prefetchDeferred(): void {
  const run = () => {
    for (const load of loaders.splice(0)) load().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 1500 });
  else window.setTimeout(run, 200);
}
