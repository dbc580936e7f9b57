/**
 * The feed as the view holds it: a stream (GET /api/feed, through the api-client), not a query, so it
 * lives in a reducer fed by the stream's events. The stream is opened while `query` is set and closed
 * (fetch aborted, which closes the upstream socket) when it changes, when `run` changes, or on unmount.
 */
import { useEffect, useReducer } from 'react';
import type { FeedEvent, FeedQuery } from '../../../../core/contract.ts';
import { api, ApiRequestError } from '../../../lib/api-client.ts';

/** The most events kept; older ones are dropped (the timeline of a long session keeps its recent part). */
export const MAX_FEED_EVENTS = 2000;

export interface FeedState {
  /** Which feed the events belong to (feedKey); a new one starts empty. */
  key: string | null;
  events: FeedEvent[];
  /** The stream could not start (no key, the launch token, the server gone), or broke off. */
  failure: ApiRequestError | null;
  /** The stream has ended (the server closed it, or it failed). */
  ended: boolean;
}

type Action =
  | { type: 'start'; key: string }
  | { type: 'event'; key: string; event: FeedEvent }
  | { type: 'ended'; key: string; failure?: ApiRequestError }
  | { type: 'clear' };

const INITIAL: FeedState = { key: null, events: [], failure: null, ended: false };

function reducer(state: FeedState, action: Action): FeedState {
  if (action.type === 'clear') return { ...state, events: [] };
  if (action.type === 'start')
    return { key: action.key, events: state.key === action.key ? state.events : [], failure: null, ended: false };
  // Events of a stream that has since been replaced are ignored.
  if (action.key !== state.key) return state;
  if (action.type === 'event') {
    const events = [...state.events, action.event];
    return { ...state, events: events.length > MAX_FEED_EVENTS ? events.slice(-MAX_FEED_EVENTS) : events };
  }
  return { ...state, ended: true, failure: action.failure ?? null };
}

/** Which feed the events belong to: every field of the query, so that changing any opens a new stream. */
export const feedKey = (q: FeedQuery) =>
  JSON.stringify([q.environment, q.demoKey ?? '', q.scheme ?? '', q.feed ?? '', q.clientId ?? '', q.partnerKey ?? '']);

export function useFeed(query: FeedQuery | null, run: number): FeedState & { clear(): void } {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const key = query ? feedKey(query) : null;
  useEffect(() => {
    if (!key) return;
    const [environment, demoKey, scheme, feed, clientId, partnerKey] = JSON.parse(key) as string[];
    const q = {
      environment,
      ...(demoKey ? { demoKey } : {}),
      ...(scheme ? { scheme } : {}),
      ...(feed ? { feed } : {}),
      ...(clientId ? { clientId } : {}),
      ...(partnerKey ? { partnerKey } : {}),
    } as FeedQuery;
    const controller = new AbortController();
    dispatch({ type: 'start', key });
    api
      .feed(q, (event) => dispatch({ type: 'event', key, event }), controller.signal)
      .then(
        () => {
          if (!controller.signal.aborted) dispatch({ type: 'ended', key });
        },
        (e: unknown) =>
          dispatch({
            type: 'ended',
            key,
            failure: e instanceof ApiRequestError ? e : new ApiRequestError(0, 'unknown', String(e)),
          }),
      );
    return () => controller.abort();
  }, [key, run]);
  return { ...state, clear: () => dispatch({ type: 'clear' }) };
}
