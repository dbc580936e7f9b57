/** Small formatting helpers for sizes and times. */

const UNITS = ['KB', 'MB', 'GB'] as const;

/** 512 → "512 B", 2048 → "2.0 KB", 10 485 760 → "10.0 MB" (powers of 1024); "–" for no size. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const u of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

/**
 * An integer with thousands separators, as toLocaleString('en') writes it ("12,345"), without Intl:
 * the first Intl call of a page loads the locale data, about 15 ms on the main thread, which the first
 * screen does not need to pay.
 */
export function groupDigits(n: number): string {
  if (!Number.isInteger(n)) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

/** 0.4 → "0.4 ms", 35.2 → "35 ms", 1530 → "1.53 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}
