import { describe, expect, it } from 'vitest';
import type { RelayResult } from '../../../core/contract.ts';
import { waterfall } from './waterfall.ts';

const phases = (over: Partial<NonNullable<RelayResult['timings']['phases']>> = {}) => ({
  socket: 0.2,
  dns: 1.2,
  connect: 2.2,
  tls: 5.2,
  requestSent: 5.5,
  firstByte: 305.5,
  complete: 310.5,
  reused: false,
  bytesWritten: 400,
  bytesRead: 900,
  ...over,
});

describe('waterfall', () => {
  it('lays out every phase of a new HTTPS connection in order, the server’s wait longest', () => {
    const w = waterfall({ ttfbMs: 305.5, totalMs: 311, phases: phases() }, true);
    expect(w.bars.map((b) => [b.phase, b.start, b.duration && Math.round(b.duration * 10) / 10])).toEqual([
      ['blocked', 0, 0.2],
      ['dns', 0.2, 1],
      ['connect', 1.2, 1],
      ['ssl', 2.2, 3],
      ['send', 5.2, 0.3],
      ['wait', 5.5, 300],
      ['receive', 305.5, 5],
    ]);
    expect(w.longest).toBe('wait');
    expect(w.totalMs).toBe(311);
    expect(w).toMatchObject({ reused: false, bytesWritten: 400, bytesRead: 900, legacy: false });
  });

  it('says why a phase did not happen: a reused connection, plain HTTP, an IP address', () => {
    const reused = waterfall(
      {
        ttfbMs: 3,
        totalMs: 4,
        phases: phases({
          dns: null,
          connect: null,
          tls: null,
          socket: 0.1,
          requestSent: 0.3,
          firstByte: 3,
          complete: 4,
          reused: true,
        }),
      },
      false,
    );
    expect(reused.reused).toBe(true);
    expect(reused.bars.filter((b) => b.skipped).map((b) => [b.phase, b.skipped])).toEqual([
      ['dns', 'reused connection'],
      ['connect', 'reused connection'],
      ['ssl', 'reused connection'],
    ]);
    const plain = waterfall({ ttfbMs: 3, totalMs: 4, phases: phases({ dns: null, tls: null }) }, false);
    expect(plain.bars.find((b) => b.phase === 'ssl')?.skipped).toBe('plain HTTP');
    expect(plain.bars.find((b) => b.phase === 'dns')?.skipped).toBe('an IP address');
  });

  it('draws what an entry recorded before phases were kept: waiting and download only', () => {
    const w = waterfall({ ttfbMs: 40, totalMs: 50 }, false);
    expect(w.legacy).toBe(true);
    expect(w.bars.filter((b) => b.duration !== null).map((b) => [b.phase, b.start, b.duration])).toEqual([
      ['wait', 0, 40],
      ['receive', 40, 10],
    ]);
    expect(w.bars.find((b) => b.phase === 'dns')?.skipped).toBe('not recorded');
  });
});
