/** The session (environments with their credential status, demo keys) and the credential mutations. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CredentialsRequest, Environment, EnvironmentInfo, SessionInfo } from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { sessionQueryOptions } from '../../../lib/queries.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export { useSession } from '../../../lib/queries.ts';

/**
 * Replaces one environment in the cached session with the server's answer. Signature previews
 * depend on which key signs, so they are refreshed too.
 */
function useUpdateEnvironment() {
  const queryClient = useQueryClient();
  return (info: EnvironmentInfo) => {
    queryClient.setQueryData<SessionInfo>(sessionQueryOptions().queryKey, (old) =>
      old ? { ...old, environments: old.environments.map((e) => (e.name === info.name ? info : e)) } : old,
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.sign.all() });
  };
}

export function useSetCredentials(environment: Environment) {
  const update = useUpdateEnvironment();
  return useMutation({
    mutationFn: (credentials: CredentialsRequest) => api.setCredentials(environment, credentials),
    retry: false,
    onSuccess: update,
  });
}

export function useDeleteCredentials(environment: Environment) {
  const update = useUpdateEnvironment();
  return useMutation({
    mutationFn: () => api.deleteCredentials(environment),
    retry: false,
    onSuccess: update,
  });
}

/** POST /api/mock/reset: the embedded mock back to its seeded data; never retried. */
export function useResetMock() {
  return useMutation({ mutationFn: () => api.resetMock(), retry: false });
}
