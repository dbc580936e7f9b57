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

/** Fetches every deferred chunk once the page is idle (a failed fetch is tried again when rendered). */
export function prefetchDeferred(): void {
  const run = () => {
    for (const load of loaders.splice(0)) load().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 1500 });
  else window.setTimeout(run, 200);
}
