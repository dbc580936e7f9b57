/**
 * The conformance check shared by the mocks' conformance tests: the deviations of recorded answers
 * from an OpenAPI file (validate.ts), less those a table of known deviations explains. A row may name
 * a schema of the file to check the deviating value against instead, so that what a row lets through
 * is still checked.
 *
 *   const { report, used } = checkObservations(spec, TABLE, observations);
 *   // report: one line per deviation no row explains ('' when the mock conforms); used: the row ids needed
 */
import { group } from '../../../core/checked.ts';
import { type Deviation, type OpenApiSpec, validateAgainst, validateResponse } from './validate.ts';

export interface KnownDeviation<Key extends string = string> {
  id: string;
  /** Operations (`METHOD /path` as the file writes it), or every operation. */
  operations: '*' | readonly string[];
  /** Answer statuses, or `'errors'` for every 4xx and 5xx. */
  statuses: 'errors' | readonly number[];
  /** Demo keys, when only some keys' answers have it. */
  keys?: readonly Key[];
  /** The deviation's keyword, as validate.ts reports it. */
  keyword: string;
  /** JSON pointers into the body; `*` stands for any one segment. */
  pointers: readonly string[];
  /**
   * What the answer is checked against instead, at the deviation's pointer: a schema of the file
   * (`{property}` is the pointer's last segment), applied to each element when `each` is set.
   */
  instead?: { ref: string; each?: boolean };
  /** What the file declares. */
  declared: string;
  /** What the mock answers. */
  answered: string;
  /** Why the file is wrong there. */
  evidence: string;
}

/** One recorded answer: which operation, called how, and what came back. */
export interface Observation<Key extends string = string> {
  /** How the call is named in a report: `GET /balance as full`. */
  label: string;
  key: Key;
  /** `METHOD /path` as the file writes it. */
  operation: string;
  status: number;
  body: unknown;
}

/** True when `pointer` matches `pattern`, where `*` in the pattern stands for any one segment. */
export function pointerMatches(pattern: string, pointer: string): boolean {
  const a = pattern.split('/');
  const b = pointer.split('/');
  return a.length === b.length && a.every((segment, i) => segment === '*' || segment === b[i]);
}

function applies<Key extends string>(row: KnownDeviation<Key>, o: Observation<Key>, d: Deviation): boolean {
  return (
    (row.operations === '*' || row.operations.includes(o.operation)) &&
    (row.statuses === 'errors' ? o.status >= 400 : row.statuses.includes(o.status)) &&
    (row.keys === undefined || row.keys.includes(o.key)) &&
    row.keyword === d.keyword &&
    row.pointers.some((p) => pointerMatches(p, d.pointer))
  );
}

function valueAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  return node;
}

/** The deviations no row of the table explains; a row with `instead` has its own check applied. */
function unexplained<Key extends string>(
  spec: OpenApiSpec,
  table: readonly KnownDeviation<Key>[],
  o: Observation<Key>,
  deviations: Deviation[],
  used: Set<string>,
): Deviation[] {
  const left: Deviation[] = [];
  for (const d of deviations) {
    const row = table.find((r) => applies(r, o, d));
    if (!row) {
      left.push(d);
      continue;
    }
    used.add(row.id);
    if (!row.instead) continue;
    const value = valueAt(o.body, d.pointer);
    const ref = row.instead.ref.replace('{property}', d.pointer.split('/').pop() ?? '');
    const items: Array<[string, unknown]> =
      row.instead.each && Array.isArray(value) ? value.map((v, i) => [`${d.pointer}/${i}`, v]) : [[d.pointer, value]];
    for (const [at, v] of items) {
      const nested = validateAgainst(spec, ref, v).map((n) => ({ ...n, pointer: `${at}${n.pointer}` }));
      left.push(...unexplained(spec, table, o, nested, used));
    }
  }
  return left;
}

/** Every deviation the table does not explain, one line each (empty when the mock conforms), and the rows used. */
export function checkObservations<Key extends string>(
  spec: OpenApiSpec,
  table: readonly KnownDeviation<Key>[],
  observations: readonly Observation<Key>[],
): { report: string; used: Set<string> } {
  const lines: string[] = [];
  const used = new Set<string>();
  for (const o of observations) {
    const space = o.operation.indexOf(' ');
    const method = o.operation.slice(0, space);
    const pathTemplate = o.operation.slice(space + 1);
    const deviations = validateResponse(spec, { method, pathTemplate, status: o.status, body: o.body });
    for (const d of unexplained(spec, table, o, deviations, used))
      lines.push(`${o.label} → ${o.status}: ${d.pointer || '(body)'} ${d.message} [${d.schemaPath}]`);
  }
  return { report: lines.join('\n'), used };
}

/** The ids of the table in a README section: the first cell of each row, written as `id`. */
export function readmeTableIds(readme: string, heading: string): string[] {
  const start = readme.indexOf(heading);
  if (start < 0) return [];
  const next = readme.indexOf('\n## ', start + heading.length);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((m) => group(m, 1));
}
