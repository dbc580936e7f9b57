/**
 * The workbench's server state: fetchers (app/lib/api-client.ts) → query options → hooks. Collections
 * and their saved requests, each environment's variables, and each saved request's history. The open
 * tabs are read once at start and written by the tab sync (../use-tab-sync.ts), not through a query.
 */
import { queryOptions, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateItemRequest,
  Environment,
  ImportRequest,
  MoveItemRequest,
  SavedRequest,
  SavedRequestQuery,
  Variable,
} from '../../../../core/contract.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const variablesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.workbench.variables(), queryFn: api.variables, staleTime: Infinity });

export const collectionsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.workbench.collections(), queryFn: api.collections, staleTime: 30_000 });

export const collectionQueryOptions = (id: number) =>
  queryOptions({ queryKey: queryKeys.workbench.collection(id), queryFn: () => api.collection(id), staleTime: 30_000 });

export const savedRequestQueryOptions = (id: number) =>
  queryOptions({
    queryKey: queryKeys.workbench.savedRequest(id),
    queryFn: () => api.savedRequest(id),
    staleTime: 30_000,
  });

export const savedSearchQueryOptions = (query: Partial<SavedRequestQuery>) =>
  queryOptions({
    queryKey: queryKeys.workbench.search(query),
    queryFn: () => api.searchSavedRequests(query),
    staleTime: 10_000,
  });

export const savedHistoryQueryOptions = (id: number) =>
  queryOptions({
    queryKey: queryKeys.workbench.savedHistory(id),
    queryFn: () => api.savedRequestHistory(id, { limit: 20 }),
    staleTime: 10_000,
  });

export function useVariables() {
  return useQuery(variablesQueryOptions());
}

export function useCollections() {
  return useQuery(collectionsQueryOptions());
}

export function useCollection(id: number | null) {
  return useQuery(
    id === null ? { queryKey: queryKeys.workbench.collection(-1), queryFn: skipToken } : collectionQueryOptions(id),
  );
}

export function useSavedRequest(id: number | null) {
  return useQuery(
    id === null ? { queryKey: queryKeys.workbench.savedRequest(-1), queryFn: skipToken } : savedRequestQueryOptions(id),
  );
}

export function useSavedSearch(query: Partial<SavedRequestQuery> | null) {
  return useQuery(
    query === null ? { queryKey: queryKeys.workbench.search({}), queryFn: skipToken } : savedSearchQueryOptions(query),
  );
}

export function useSavedHistory(id: number | null) {
  return useQuery(
    id === null ? { queryKey: queryKeys.workbench.savedHistory(-1), queryFn: skipToken } : savedHistoryQueryOptions(id),
  );
}

/** Every change to collections refreshes the lists, trees and searches. */
function useInvalidateCollections() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.workbench.collections() });
}

export function useSetVariables() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ environment, variables }: { environment: Environment; variables: Variable[] }) =>
      api.setVariables(environment, variables),
    onSuccess: (result) =>
      client.setQueryData(queryKeys.workbench.variables(), (old) =>
        old ? { ...old, [result.environment]: result.variables } : old,
      ),
  });
}

export function useSetCollectionVariables() {
  const invalidate = useInvalidateCollections();
  return useMutation({
    mutationFn: ({ id, variables }: { id: number; variables: Variable[] }) => api.updateCollection(id, { variables }),
    onSuccess: invalidate,
  });
}

export function useCreateCollection() {
  const invalidate = useInvalidateCollections();
  return useMutation({ mutationFn: (name: string) => api.createCollection({ name }), onSuccess: invalidate });
}

export function useAddToCollection() {
  const invalidate = useInvalidateCollections();
  return useMutation({
    mutationFn: ({ collectionId, request }: { collectionId: number; request: CreateItemRequest }) =>
      api.addToCollection(collectionId, request),
    onSuccess: invalidate,
  });
}

export function useUpdateSavedRequest() {
  const invalidate = useInvalidateCollections();
  return useMutation({
    mutationFn: ({ id, request }: { id: number; request: SavedRequest }) => api.updateSavedRequest(id, request),
    onSuccess: invalidate,
  });
}

export function useItemActions() {
  const invalidate = useInvalidateCollections();
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => api.renameItem(id, name),
    onSuccess: invalidate,
  });
  const duplicate = useMutation({ mutationFn: (id: number) => api.duplicateItem(id), onSuccess: invalidate });
  const move = useMutation({
    mutationFn: ({ id, move: m }: { id: number; move: MoveItemRequest }) => api.moveItem(id, m),
    onSuccess: invalidate,
  });
  const remove = useMutation({ mutationFn: (id: number) => api.deleteItem(id), onSuccess: invalidate });
  const renameCollection = useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => api.updateCollection(id, { name }),
    onSuccess: invalidate,
  });
  const duplicateCollection = useMutation({
    mutationFn: (id: number) => api.duplicateCollection(id),
    onSuccess: invalidate,
  });
  const removeCollection = useMutation({ mutationFn: (id: number) => api.deleteCollection(id), onSuccess: invalidate });
  return { rename, duplicate, move, remove, renameCollection, duplicateCollection, removeCollection };
}

export function useImportFile() {
  const invalidate = useInvalidateCollections();
  return useMutation({ mutationFn: (request: ImportRequest) => api.importFile(request), onSuccess: invalidate });
}
