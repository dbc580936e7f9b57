import type { RelayResult } from '../../../../core/contract.ts';
import type { IdCandidate } from '../../../../core/workbench/captures.ts';
import { Button } from '../../../components/button.tsx';
import { announce } from '../../../lib/announce.ts';
import { useTextJob, type TextJob } from '../../../lib/use-text-job.ts';
import { useSetVariables, useVariables } from '../api/workbench-api.ts';
import { findIds } from '../find-ids.ts';
import { setVariable } from '../variables-model.ts';

/** A large body (a whole parse) is searched in a Web Worker. */
const FIND_IDS: TextJob<IdCandidate[]> = {
  run: findIds,
  makeWorker: () => new Worker(new URL('../id-candidates-worker.ts', import.meta.url), { type: 'module' }),
  failed: [],
};

/**
 * "Set as variable" on the IDs of a JSON response (txID, fund_id, wallet_id…): one click sets the
 * variable, named after the field, in the environment the request went to.
 */
export default function SetAsVariable({ result }: { result: RelayResult | null }) {
  const variables = useVariables();
  const set = useSetVariables();
  const body = result?.response?.bodyEncoding === 'utf8' ? result.response.body : null;
  const found = useTextJob(body ?? '', body !== null, FIND_IDS);
  const candidates = found.state === 'done' ? found.result : [];
  if (!result || candidates.length === 0) return null;
  const environment = result.environment;
  return (
    <div
      role="group"
      aria-label="Set as variable"
      className="flex flex-wrap items-center gap-1.5 rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <span className="font-medium text-slate-600 dark:text-slate-300">Set as variable ({environment}):</span>
      {candidates.map((c) => {
        const current = variables.data?.[environment].find((v) => v.name === c.suggestedVariable)?.value;
        const done = current === c.value;
        return (
          <Button
            key={c.path}
            size="sm"
            disabled={!variables.data || set.isPending || done}
            title={`${c.path} → {{${c.suggestedVariable}}}`}
            onClick={() =>
              set.mutate(
                {
                  environment,
                  variables: setVariable(variables.data?.[environment] ?? [], c.suggestedVariable, c.value),
                },
                {
                  onSuccess: () => announce(`Set {{${c.suggestedVariable}}} to ${c.value} in ${environment}.`),
                  onError: (e) => announce(`Could not set {{${c.suggestedVariable}}}: ${e.message}`),
                },
              )
            }
          >
            <span className="font-mono">
              {done ? '✓ ' : ''}
              {`{{${c.suggestedVariable}}}`} = {c.value.length > 24 ? `${c.value.slice(0, 24)}…` : c.value}
            </span>
          </Button>
        );
      })}
      {set.error && (
        <span role="alert" className="text-env-production">
          {set.error.message}
        </span>
      )}
    </div>
  );
}
