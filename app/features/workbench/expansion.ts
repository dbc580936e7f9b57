/**
 * {{variables}} in the draft about to be signed: expanded from the collection's and the environment's
 * variables (core/workbench/variables.ts, the environment winning), so that what is signed and sent
 * is the expanded text; with each expansion placed in the string-to-sign, for the view to mark.
 */
import type { RequestDraft, Segment } from '../../../core/contract.ts';
import { expandRequest, type Expansion, type VariableScope } from '../../../core/workbench/variables.ts';

export interface DraftProblem {
  /** 'path', 'body' or 'headers.N' (a header's value). */
  field: string;
  name: string;
  message: string;
}

export interface ExpandedDraft {
  ok: boolean;
  /** The draft with every variable that could be expanded expanded (the others left as written). */
  draft: RequestDraft;
  problems: DraftProblem[];
  path: Expansion[];
  body: Expansion[];
}

/** Expands the draft's path (query included), header values and body. */
export function expandDraft(draft: RequestDraft, scopes: readonly VariableScope[]): ExpandedDraft {
  const headers = draft.headers ?? [];
  const hasRefs =
    draft.path.includes('{{') || (draft.body?.includes('{{') ?? false) || headers.some((h) => h.value.includes('{{'));
  if (!hasRefs) return { ok: true, draft, problems: [], path: [], body: [] };
  const e = expandRequest({ path: draft.path, headers, body: draft.body }, scopes);
  const next: RequestDraft = { ...draft, path: e.path.text, body: e.body ? e.body.text : null };
  if (draft.headers) next.headers = e.headers.map((h) => ({ name: h.name, value: h.value.text }));
  return {
    ok: e.ok,
    draft: next,
    problems: e.problems.map((p) => ({ field: p.field, name: p.name, message: p.message })),
    path: e.path.expansions,
    body: e.body?.expansions ?? [],
  };
}

/** An expansion inside one segment of the string-to-sign, in UTF-16 offsets of that segment's text. */
export interface ExpansionMark {
  segment: Segment['name'];
  start: number;
  end: number;
  /** The variable's name, its value and where the value came from. */
  name: string;
  value: string;
  from: string;
}

/**
 * Where the expansions landed in the signed segments: the URL segment ends with the expanded path
 * (the environment's base before it), the body segment is the expanded body. An expansion that
 * cannot be placed (the segments are of another draft) is left out rather than marked wrongly.
 */
export function marksInSegments(
  expanded: Pick<ExpandedDraft, 'draft' | 'path' | 'body'>,
  segments: readonly Segment[],
): ExpansionMark[] {
  const marks: ExpansionMark[] = [];
  const url = segments.find((s) => s.name === 'url');
  const path = expanded.draft.path;
  if (url && expanded.path.length > 0 && url.text.endsWith(path)) {
    const base = url.text.length - path.length;
    for (const x of expanded.path)
      marks.push({
        segment: 'url',
        start: base + x.targetRange.start,
        end: base + x.targetRange.end,
        name: x.name,
        value: x.value,
        from: x.from,
      });
  }
  const body = segments.find((s) => s.name === 'body');
  if (body && expanded.body.length > 0 && body.text === (expanded.draft.body ?? '')) {
    for (const x of expanded.body)
      marks.push({
        segment: 'body',
        start: x.targetRange.start,
        end: x.targetRange.end,
        name: x.name,
        value: x.value,
        from: x.from,
      });
  }
  return marks;
}

/** The scopes for a draft, later winning: the collection's variables, then the environment's. */
export function scopesFor(
  environment: RequestDraft['environment'],
  environmentVariables: ReadonlyArray<{ name: string; value: string }>,
  collection?: { name: string; variables: ReadonlyArray<{ name: string; value: string }> },
): VariableScope[] {
  const scopes: VariableScope[] = [];
  if (collection) scopes.push({ scope: `collection “${collection.name}”`, values: collection.variables });
  scopes.push({ scope: `environment ${environment}`, values: environmentVariables });
  return scopes;
}
