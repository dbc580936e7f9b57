export type TimestampUnit = 'seconds' | 'nanoseconds';

/**
 * The timestamp as a decimal string, from a clock reading in milliseconds since the epoch.
 * Seconds by default, as Qredo's own tool sends (docs/qredo-api.md, "Timestamp"); nanoseconds on request.
 */
export function formatTimestamp(epochMs: number, unit: TimestampUnit = 'seconds'): string {
  const ms = Math.floor(epochMs);
  if (unit === 'seconds') return String(Math.floor(ms / 1000));
  return (BigInt(ms) * 1_000_000n).toString();
}

/** Reads a timestamp header in either unit as seconds since the epoch; null when it is not one. */
export function timestampToSeconds(text: string): number | null {
  if (!/^\d{1,20}$/.test(text)) return null;
  if (text.length >= 17) return Number(BigInt(text) / 1_000_000_000n);
  return Number(text);
}

export function isTimestamp(text: string): boolean {
  return /^\d{1,20}$/.test(text);
}
