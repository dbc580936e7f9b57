/** The Partner API's keys on the server: import, generate, remove. Mutations never retry. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Environment,
  PartnerCredentialsRequest,
  PartnerEnvironmentInfo,
  SessionInfo,
} from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { sessionQueryOptions } from '../../../lib/queries.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** The server's answer replaces that environment in the cached session; previews are signed again. */
function useUpdatePartnerEnvironment() {
  const queryClient = useQueryClient();
  return (info: PartnerEnvironmentInfo) => {
    queryClient.setQueryData<SessionInfo>(sessionQueryOptions().queryKey, (old) =>
      old
        ? { ...old, partnerEnvironments: old.partnerEnvironments.map((e) => (e.name === info.name ? info : e)) }
        : old,
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.sign.all() });
  };
}

export function useSetPartnerCredentials(environment: Environment) {
  const update = useUpdatePartnerEnvironment();
  return useMutation({
    mutationFn: (request: PartnerCredentialsRequest) => api.setPartnerCredentials(environment, request),
    retry: false,
    onSuccess: update,
  });
}

export function useGeneratePartnerKeyPair(environment: Environment) {
  const update = useUpdatePartnerEnvironment();
  // What to do with the new pair is said beside its public key: the answer's note is not kept.
  return useMutation({
    mutationFn: () => api.generatePartnerKeyPair(environment),
    retry: false,
    onSuccess: (info: PartnerEnvironmentInfo) => update({ ...info, notes: [] }),
  });
}

export function useDeletePartnerCredentials(environment: Environment) {
  const update = useUpdatePartnerEnvironment();
  return useMutation({ mutationFn: () => api.deletePartnerCredentials(environment), retry: false, onSuccess: update });
}
