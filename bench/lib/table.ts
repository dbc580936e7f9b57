import type { Measurement } from './types.ts';

function figure(x: number | null, unit: string): string {
  if (x === null || Number.isNaN(x)) return '—';
  const text = Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en') : String(x);
  return unit ? `${text} ${unit}` : text;
}

/** The one results table: row, ours, reference, ratio, goal, met. */
export function formatTable(rows: readonly Measurement[]): string {
  const header = ['row', 'ours', 'reference', 'ratio', 'goal', 'met'];
  const body = rows.map((m) => [
    m.id,
    figure(m.value, m.unit),
    figure(m.reference, m.unit),
    m.ratio === null || Number.isNaN(m.ratio) ? '—' : m.ratio.toFixed(2),
    m.goal,
    m.met === null ? '—' : m.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 || i === 4 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
