/**
 * One exchange's time, phase by phase, from the offsets the relay records (RelayPhases): the one
 * place that turns them into durations, for the waterfall, the HAR `timings` object and the bench.
 * Each duration is in ms, or -1 when the phase did not happen (HAR's convention).
 */
import type { RelayResult } from './contract.ts';

export interface PhaseDurations {
  /** Waiting for a socket (new or from the pool). */
  blocked: number;
  dns: number;
  /** TCP connect only. */
  connect: number;
  /** TLS handshake. */
  ssl: number;
  /** Writing the request. */
  send: number;
  /** The server's thinking: request written to first response byte. */
  wait: number;
  /** The download: first byte to complete. */
  receive: number;
}

export const PHASE_NAMES = ['blocked', 'dns', 'connect', 'ssl', 'send', 'wait', 'receive'] as const;

const span = (from: number | null, to: number | null): number =>
  from === null || to === null ? -1 : Math.max(0, to - from);

export function phaseDurations(timings: RelayResult['timings']): PhaseDurations {
  const p = timings.phases;
  if (!p) {
    // Entries recorded before phases were: only the first byte and the total are known.
    const ttfb = timings.ttfbMs ?? timings.totalMs;
    return {
      blocked: -1,
      dns: -1,
      connect: -1,
      ssl: -1,
      send: -1,
      wait: Math.max(0, ttfb),
      receive: Math.max(0, timings.totalMs - ttfb),
    };
  }
  const start = 0;
  const socket = p.socket;
  const connected = p.tls ?? p.connect ?? socket;
  return {
    blocked: span(start, socket),
    dns: span(socket, p.dns),
    connect: p.connect === null ? -1 : span(p.dns ?? socket, p.connect),
    ssl: span(p.connect, p.tls),
    send: span(connected, p.requestSent),
    wait: span(p.requestSent, p.firstByte),
    receive: span(p.firstByte, p.complete),
  };
}

/** HAR 1.2 `timings`: `connect` includes `ssl`, every field -1 when it does not apply. */
export function harTimings(timings: RelayResult['timings']): PhaseDurations {
  const d = phaseDurations(timings);
  const connect = d.connect === -1 ? -1 : d.connect + Math.max(0, d.ssl);
  // HAR requires send, wait and receive to be non-negative numbers.
  return { ...d, connect, send: Math.max(0, d.send), wait: Math.max(0, d.wait), receive: Math.max(0, d.receive) };
}
