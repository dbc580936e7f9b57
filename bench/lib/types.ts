/** One line of the results table (and one element of the --json array). */
export interface Measurement {
  /** Row id, with a sub-measure after a dot: `relay-latency.median`. */
  id: string;
  unit: string;
  /** Our figure; null when it could not be measured (the notes say why). */
  value: number | null;
  /** The reference measured in the same run; null when the row has none ("—"). */
  reference: number | null;
  /** value / reference; null without a reference. */
  ratio: number | null;
  /** The goal in words, e.g. "≤ 0.5 ms added"; "—" when the figure is informative. */
  goal: string;
  /** Whether the goal is met; null when there is no goal or no figure. */
  met: boolean | null;
}

export interface RowResult {
  measurements: Measurement[];
  /** Lines printed under the table: what the reference is, breakdowns, errors, caveats. */
  notes: string[];
}

export interface BenchContext {
  /** Tiny sizes: seconds in all, for the smoke test and for development. */
  quick: boolean;
  /** The repository root. */
  root: string;
  /** Progress lines (stderr), never part of the table. */
  log(line: string): void;
}

export interface BenchRow {
  id: string;
  /** Needs chromium and the built page under `vite preview`. */
  browser: boolean;
  run(ctx: BenchContext): Promise<RowResult>;
}

/** A measurement with the ratio filled in from value and reference. */
export function measurement(m: Omit<Measurement, 'ratio'> & { ratio?: number | null }): Measurement {
  const ratio =
    m.ratio !== undefined
      ? m.ratio
      : m.value !== null && m.reference !== null && m.reference !== 0
        ? m.value / m.reference
        : null;
  return {
    id: m.id,
    unit: m.unit,
    value: m.value,
    reference: m.reference,
    ratio,
    goal: m.goal,
    met: m.value === null ? null : m.met,
  };
}
