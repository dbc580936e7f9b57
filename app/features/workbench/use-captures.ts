/**
 * After a send from a saved request: its capture rules run on the response body and set their
 * variables in the environment it was sent to, saying what they set (and what they could not).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { RelayResult } from '../../../core/contract.ts';
import { api } from '../../lib/api-client.ts';
import { announce } from '../../lib/announce.ts';
import { queryKeys } from '../../lib/query-keys.ts';
import { savedRequestQueryOptions, variablesQueryOptions } from './api/workbench-api.ts';

export interface CaptureNote {
  entryId: number;
  text: string;
  failed: boolean;
}

export function useCaptures(): { run: (result: RelayResult) => void; note: CaptureNote | null } {
  const client = useQueryClient();
  const [note, setNote] = useState<CaptureNote | null>(null);
  const run = useCallback(
    (result: RelayResult) => {
      const id = result.savedRequestId;
      if (id === undefined || !result.response) return;
      const body = result.response.bodyEncoding === 'utf8' ? result.response.body : null;
      void (async () => {
        try {
          const saved = await client.fetchQuery(savedRequestQueryOptions(id));
          if (saved.captures.length === 0) return;
          // Loaded with the first capture to run: the JSON path reader stays off the first screen.
          const { applyCaptures, describeCaptures, runCaptures } = await import('./variables-model.ts');
          const outcome = runCaptures(saved.captures, body);
          if (outcome.set.length > 0) {
            const all = await client.fetchQuery(variablesQueryOptions());
            const next = applyCaptures(all[result.environment], outcome);
            const written = await api.setVariables(result.environment, next);
            client.setQueryData(queryKeys.workbench.variables(), { ...all, [result.environment]: written.variables });
          }
          const text = `Captured from #${result.id}: ${describeCaptures(outcome)}`;
          setNote({ entryId: result.id, text, failed: outcome.failed.length > 0 });
          announce(text);
        } catch (e) {
          setNote({ entryId: result.id, text: `The capture rules did not run: ${(e as Error).message}`, failed: true });
        }
      })();
    },
    [client],
  );
  return { run, note };
}
