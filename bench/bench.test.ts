/**
 * Smoke test: the server-side rows run at tiny sizes (--quick) and answer well-formed rows. It keeps
 * the scripts working; it asserts nothing about the figures (no wall-clock assertions in tests).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstScreenScripts } from './rows/bundle.ts';
import { ROWS } from './rows/index.ts';
import { formatTable } from './lib/table.ts';
import { percentile } from './lib/stats.ts';
import { formatRelayProfile, profileRelay } from './profile/relay.ts';
import type { BenchContext, Measurement } from './lib/types.ts';

const ctx: BenchContext = { quick: true, root: resolve(import.meta.dirname, '..'), log: () => undefined };

function expectShape(m: Measurement) {
  expect(Object.keys(m).sort()).toEqual(['goal', 'id', 'met', 'ratio', 'reference', 'unit', 'value']);
  expect(m.id).toMatch(/^[a-z-]+(\.[A-Za-z0-9-]+)*$/);
  expect(typeof m.unit).toBe('string');
  expect(typeof m.goal).toBe('string');
  for (const x of [m.value, m.reference, m.ratio]) expect(x === null || Number.isFinite(x)).toBe(true);
  expect(m.met === null || typeof m.met === 'boolean').toBe(true);
}

describe('bench rows (quick)', () => {
  it('lists every row of the issue once', () => {
    expect(ROWS.map((r) => r.id)).toEqual([
      'relay-latency',
      'relay-phases',
      'relay-throughput',
      'sign-throughput',
      'preview-latency',
      'large-response',
      'history-scale',
      'collection-scale',
      'http-import',
      'tab-switch',
      'bundle',
    ]);
  });

  for (const row of ROWS.filter((r) => !r.browser)) {
    it(`${row.id} answers well-formed rows`, { timeout: 30_000 }, async () => {
      const result = await row.run(ctx);
      expect(result.measurements.length).toBeGreaterThan(0);
      for (const m of result.measurements) {
        expectShape(m);
        expect(m.id.startsWith(row.id)).toBe(true);
        expect(m.value).not.toBeNull();
      }
      const notes = result.notes.join('\n');
      expect(notes).not.toMatch(/FAILED/);
      // Every send is recorded in history, and nothing failed.
      if (row.id === 'relay-throughput') expect(notes).toMatch(/\(equal\); 0 errors/);
      expect(formatTable(result.measurements).split('\n')).toHaveLength(result.measurements.length + 2);
    });
  }
});

describe('relay profile (quick)', () => {
  it(
    'names every stage once, without errors, and its shares add up to what the relay adds',
    { timeout: 30_000 },
    async () => {
      const p = await profileRelay({ quick: true });
      expect(p.errors).toBe(0);
      expect(p.stages.map((s) => s.stage)).toEqual([
        'parse',
        'consent',
        'sign',
        'upstream',
        'redact',
        'record',
        'yields',
        'answer',
        'http',
      ]);
      const added = p.totalMs - p.directMs;
      const sum = p.stages.reduce((s, x) => s + x.ms, 0);
      expect(sum).toBeCloseTo(added, 6);
      expect(formatRelayProfile(p, [0, 0])).toMatch(/\| record +\|/);
    },
  );
});

describe('bench helpers', () => {
  it('finds the entry script and its modulepreload imports in index.html', () => {
    const html =
      '<script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-b.js"><link rel="stylesheet" href="/assets/index.css">';
    expect(firstScreenScripts(html)).toEqual(['/assets/index-a.js', '/assets/vendor-b.js']);
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([3], 95)).toBe(3);
  });
});
