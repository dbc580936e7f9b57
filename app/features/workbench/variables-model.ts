/**
 * Variables as lists of name and value (an environment's, a collection's): set one, and run a saved
 * request's capture rules on a response body. Pure; the page writes the result through the API.
 */
import { evaluateCapture } from '../../../core/workbench/captures.ts';
import type { CaptureRule, Variable } from '../../../core/workbench/collection.ts';

/** The list with `name` set to `value`: in place when it is there, at the end when it is not. */
export function setVariable(list: readonly Variable[], name: string, value: string): Variable[] {
  return list.some((v) => v.name === name)
    ? list.map((v) => (v.name === name ? { name, value } : v))
    : [...list, { name, value }];
}

export interface CaptureOutcome {
  set: Array<{ variable: string; value: string; path: string }>;
  failed: Array<{ variable: string; path: string; reason: string }>;
}

/** What the capture rules take from a response body: the values found, and why the others were not. */
export function runCaptures(captures: readonly CaptureRule[], bodyText: string | null): CaptureOutcome {
  const out: CaptureOutcome = { set: [], failed: [] };
  for (const c of captures) {
    const e =
      bodyText === null
        ? ({ ok: false, reason: 'The response has no body.' } as const)
        : evaluateCapture(c.path, bodyText);
    if (e.ok) out.set.push({ variable: c.variable, value: e.value, path: c.path });
    else out.failed.push({ variable: c.variable, path: c.path, reason: e.reason });
  }
  return out;
}

/** The list with every captured value set. */
export function applyCaptures(list: readonly Variable[], outcome: CaptureOutcome): Variable[] {
  return outcome.set.reduce<Variable[]>((acc, s) => setVariable(acc, s.variable, s.value), [...list]);
}

/** One line saying what a send's captures did. */
export function describeCaptures(outcome: CaptureOutcome): string {
  const set = outcome.set.map((s) => `{{${s.variable}}} = ${s.value}`);
  const failed = outcome.failed.map((f) => `{{${f.variable}}} not set (${f.reason})`);
  return [...set, ...failed].join('; ');
}
