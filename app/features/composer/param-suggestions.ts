/**
 * What a path-parameter field offers in its list: the IDs that recent responses of the environment
 * named under the parameter's name (newest first: `tx_id` offers the txIDs of the latest POST
 * /transaction answers), then the environment's variables as `{{name}}`.
 */
import type { ResponseIdsAnswer } from '../../../core/contract.ts';
import { idsForParam } from '../../../core/workbench/response-ids.ts';

export interface ParamSuggestion {
  value: string;
  label: string;
}

/** The most IDs offered for one field. */
const MAX_IDS = 10;

export function paramSuggestions(
  param: string,
  ids: ResponseIdsAnswer['ids'],
  variables: readonly ParamSuggestion[],
): ParamSuggestion[] {
  const fromResponses = idsForParam(param, ids)
    .slice(0, MAX_IDS)
    .map((id) => ({ value: id.value, label: `${id.key} in #${id.entryId} ${id.method} ${id.path}` }));
  const offered = new Set(fromResponses.map((s) => s.value));
  return [...fromResponses, ...variables.filter((v) => !offered.has(v.value))];
}
