/**
 * Sends still in flight, by the id the page gave them: how far each has got, and a way to cancel
 * it. An id is taken by one send at a time; it is forgotten as soon as the send ends.
 */
import { performance } from 'node:perf_hooks';
import type { SendProgress } from '../../core/contract.ts';
import { HttpError } from '../http.ts';
import { CANCELLED_BY_USER, type RelayProgress } from './relay.ts';

interface Flight {
  controller: AbortController;
  read: (() => RelayProgress) | null;
  started: number;
}

export interface InflightSends {
  /** Registers a send; refused (409) when the id is already in flight. */
  start(sendId: string): { signal: AbortSignal; attach: (read: () => RelayProgress) => void; end: () => void };
  progress(sendId: string): SendProgress | null;
  /** True when a send of that id was in flight and is now being cancelled. */
  cancel(sendId: string): boolean;
  /** Stops every send (the server is shutting down). */
  abortAll(): void;
}

export function createInflightSends(): InflightSends {
  const flights = new Map<string, Flight>();
  return {
    start(sendId) {
      if (flights.has(sendId)) {
        throw new HttpError(
          409,
          'send-id-in-use',
          `A send named ${sendId} is already in flight; give each send its own id.`,
        );
      }
      const flight: Flight = { controller: new AbortController(), read: null, started: performance.now() };
      flights.set(sendId, flight);
      return {
        signal: flight.controller.signal,
        attach: (read) => void (flight.read = read),
        end: () => void flights.delete(sendId),
      };
    },
    progress(sendId) {
      const flight = flights.get(sendId);
      if (!flight) return null;
      const p = flight.read?.() ?? { stage: 'connecting', sent: 0, bodyBytes: 0, received: 0, expected: null };
      return { sendId, ...p, elapsedMs: performance.now() - flight.started };
    },
    cancel(sendId) {
      const flight = flights.get(sendId);
      if (!flight) return false;
      flight.controller.abort(CANCELLED_BY_USER);
      return true;
    },
    abortAll() {
      for (const f of flights.values()) f.controller.abort('shutting-down');
    },
  };
}
