/**
 * The waterfall of one exchange: a bar per phase, from the relay's own offsets (RelayPhases), each
 * with where it starts and how long it took; the durations are core/timings.ts's, so the page, the
 * HAR export and the bench agree. No React.
 */
import type { RelayResult } from '../../../core/contract.ts';
import { PHASE_NAMES, phaseDurations } from '../../../core/timings.ts';

export type PhaseName = (typeof PHASE_NAMES)[number];

export const PHASE_LABEL: Record<PhaseName, string> = {
  blocked: 'Socket',
  dns: 'DNS lookup',
  connect: 'TCP connect',
  ssl: 'TLS handshake',
  send: 'Request sent',
  wait: 'Waiting (server)',
  receive: 'Download',
};

export const PHASE_HINT: Record<PhaseName, string> = {
  blocked: 'until a socket was there (new, or from the keep-alive pool)',
  dns: 'the host name resolved',
  connect: 'the TCP connection established',
  ssl: 'the TLS handshake done',
  send: 'the request written to the socket',
  wait: 'the request sent, until the first byte of the answer: the server’s thinking',
  receive: 'first byte to the last: the download',
};

export interface WaterfallBar {
  phase: PhaseName;
  label: string;
  /** ms from the start of the exchange, or null when the phase did not happen. */
  start: number | null;
  duration: number | null;
  /** Why it did not happen, in words. */
  skipped: string | null;
}

export interface Waterfall {
  bars: WaterfallBar[];
  /** The end of the last bar, or the total: the scale of the drawing. */
  totalMs: number;
  reused: boolean | null;
  bytesWritten: number | null;
  bytesRead: number | null;
  /** Recorded before the relay kept phases: only the first byte and the total are known. */
  legacy: boolean;
  /** The phase that took longest, or null when none took any time. */
  longest: PhaseName | null;
}

export function waterfall(timings: RelayResult['timings'], https: boolean): Waterfall {
  const d = phaseDurations(timings);
  const p = timings.phases;
  const legacy = p === undefined;
  const ttfb = timings.ttfbMs ?? timings.totalMs;
  const starts: Record<PhaseName, number | null> = p
    ? {
        blocked: 0,
        dns: p.socket,
        connect: p.dns ?? p.socket,
        ssl: p.connect,
        send: p.tls ?? p.connect ?? p.socket,
        wait: p.requestSent,
        receive: p.firstByte,
      }
    : { blocked: null, dns: null, connect: null, ssl: null, send: null, wait: 0, receive: ttfb };
  const skippedWhy = (phase: PhaseName): string => {
    if (legacy) return 'not recorded';
    if (p.reused && (phase === 'dns' || phase === 'connect' || phase === 'ssl')) return 'reused connection';
    if (phase === 'ssl' && !https) return 'plain HTTP';
    if (phase === 'dns') return 'an IP address';
    return 'did not happen';
  };
  const bars = PHASE_NAMES.map((phase): WaterfallBar => {
    const duration = d[phase] < 0 ? null : d[phase];
    const start = duration === null ? null : (starts[phase] ?? null);
    return { phase, label: PHASE_LABEL[phase], start, duration, skipped: duration === null ? skippedWhy(phase) : null };
  });
  const ends = bars.map((b) => (b.start ?? 0) + (b.duration ?? 0));
  let longest: PhaseName | null = null;
  let most = 0;
  for (const b of bars)
    if ((b.duration ?? 0) > most) {
      most = b.duration ?? 0;
      longest = b.phase;
    }
  return {
    bars,
    totalMs: Math.max(timings.totalMs, ...ends),
    reused: p ? p.reused : null,
    bytesWritten: p ? p.bytesWritten : null,
    bytesRead: p ? p.bytesRead : null,
    legacy,
    longest,
  };
}
