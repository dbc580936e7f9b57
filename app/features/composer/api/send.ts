/** Sending: the mutation that signs and relays the draft. Never retried: a signed request is not idempotent. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SendRequest } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const sendRequest = (request: SendRequest) => api.send(request);

export function useSendMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['send'],
    mutationFn: sendRequest,
    retry: false,
    onSuccess: (result) => {
      // The answer is the history entry: whoever shows it next need not fetch it again.
      queryClient.setQueryData(queryKeys.historyEntry.one(result.id), result);
      return queryClient.invalidateQueries({ queryKey: queryKeys.history.all() });
    },
  });
}
