/** Sending: the mutation that signs and relays the draft. Never retried: a signed request is not idempotent. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SendRequest } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';

const sendRequest = (request: SendRequest) => api.send(request);

export function useSendMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['send'],
    mutationFn: sendRequest,
    retry: false,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['history'] }),
  });
}
