/** Sending: the mutation that signs and relays the draft. Never retried: a signed request is not idempotent. */
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** A name for one send, to watch and cancel it (core's SendId: 8 to 64 of A-Z a-z 0-9 - _). */
export function newSendId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `send-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** How often a send in flight is asked how far it has got. */
export const PROGRESS_POLL_MS = 250;

/**
 * How far a send in flight has got, asked every PROGRESS_POLL_MS while `sendId` is given; it stops
 * at the first refusal (a 404 once the send has ended).
 */
export function useSendProgress(sendId: string | null) {
  return useQuery({
    queryKey: queryKeys.sends.progress(sendId ?? ''),
    queryFn: sendId ? ({ signal }) => api.sendProgress(sendId, signal) : skipToken,
    refetchInterval: (query) => (query.state.status === 'error' ? false : PROGRESS_POLL_MS),
    retry: false,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** Cancel: the send stops, and its own answer (recorded as cancelled) says so. Never retried. */
export function useCancelSend() {
  return useMutation({
    mutationKey: ['cancel-send'],
    mutationFn: (sendId: string) => api.cancelSend(sendId),
    retry: false,
  });
}
