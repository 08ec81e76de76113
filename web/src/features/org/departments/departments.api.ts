import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../../app/api';
import type { Department } from '../../../app/api-types';
import { unwrap } from '../../../app/problem';

export const departmentsKey = ['departments'] as const;

/** The whole department tree as a flat list (an org has at most a few hundred departments). */
export const useDepartments = () =>
  useQuery({
    queryKey: departmentsKey,
    queryFn: () => unwrap(api.GET('/api/v1/departments')).then((r) => r.data),
    staleTime: 60_000,
  });

export type DepartmentChanges = { name?: string; parentId?: string };

export function useDepartmentMutations() {
  const queryClient = useQueryClient();
  // Head counts and user lists depend on departments too.
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: departmentsKey });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const create = useMutation({
    mutationFn: (body: { name: string; parentId: string }) =>
      unwrap(api.POST('/api/v1/departments', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ dept, changes }: { dept: Department; changes: DepartmentChanges }) =>
      unwrap(
        api.PATCH('/api/v1/departments/{id}', {
          params: { path: { id: dept.id } },
          headers: ifMatch(dept.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (dept: Department) =>
      unwrap(
        api.DELETE('/api/v1/departments/{id}', {
          params: { path: { id: dept.id } },
          headers: ifMatch(dept.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}
