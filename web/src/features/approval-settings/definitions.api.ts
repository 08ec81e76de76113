import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import { unwrap } from '../../app/problem';
import type { Definition, DefinitionChanges, NewDefinition } from './form-values';

// 审批流程 over the typed API client; every write sends the version the admin saw (If-Match).
const key = ['approval-definitions'] as const;

/** The org's flows in the order they are tried. */
export const useDefinitions = () =>
  useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/approval-definitions')).then((r) => r.data),
  });

export function useDefinitionMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: (body: NewDefinition) => unwrap(api.POST('/api/v1/approval-definitions', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ definition, changes }: { definition: Definition; changes: DefinitionChanges }) =>
      unwrap(
        api.PATCH('/api/v1/approval-definitions/{id}', {
          params: { path: { id: definition.id } },
          headers: ifMatch(definition.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (definition: Definition) =>
      unwrap(
        api.DELETE('/api/v1/approval-definitions/{id}', {
          params: { path: { id: definition.id } },
          headers: ifMatch(definition.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}
