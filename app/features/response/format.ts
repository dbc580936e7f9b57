/** Human-readable sizes, durations and times. Pure; no React. */

export { formatBytes, formatDuration } from '../../lib/format.ts';

/** A UTC stamp safe in a file name: 20261129-092336. */
export function fileStamp(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
