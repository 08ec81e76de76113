import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../../app/api';
import type { Role, RoleChanges } from '../../../app/api-types';
import { useAuth } from '../../../app/auth';
import { unwrap } from '../../../app/problem';

export const rolesKey = ['roles'] as const;

/** All roles of the org (a handful), when the user may read roles. */
export function useRoles() {
  const { can } = useAuth();
  return useQuery({
    queryKey: rolesKey,
    queryFn: () => unwrap(api.GET('/api/v1/roles')).then((r) => r.data),
    enabled: can('role', 'read'),
    staleTime: 60_000,
  });
}

export const useRole = (id: string) =>
  useQuery({
    queryKey: [...rolesKey, id],
    queryFn: () => unwrap(api.GET('/api/v1/roles/{id}', { params: { path: { id } } })),
  });

export const useAccessObjects = () =>
  useQuery({
    queryKey: ['access-objects'],
    queryFn: () => unwrap(api.GET('/api/v1/access/objects')).then((r) => r.data),
    staleTime: Number.POSITIVE_INFINITY,
  });

export type NewRole = { key: string; name: string; description?: string | null };

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (b: NewRole) => unwrap(api.POST('/api/v1/roles', { body: { ...b, permissions: {} } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesKey }),
  });
}

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, changes }: { role: Role; changes: RoleChanges }) =>
      unwrap(
        api.PATCH('/api/v1/roles/{id}', {
          params: { path: { id: role.id } },
          headers: ifMatch(role.version),
          body: changes,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rolesKey }),
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (role: Role) =>
      unwrap(
        api.DELETE('/api/v1/roles/{id}', {
          params: { path: { id: role.id } },
          headers: ifMatch(role.version),
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rolesKey }),
  });
}
