/** Figures printed by the long suites (the numbers a change can be compared by); never asserted. */

export const MB = 1024 * 1024;

/** Prints a small table to the test output. */
export function printTable(title: string, rows: Array<Record<string, string | number | boolean | null>>): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown): string => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  const text = [
    `\n== ${title} ==`,
    line(cols),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
  ];
  console.log(text.join('\n'));
}
