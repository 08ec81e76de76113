import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../../app/api';
import type { NewUser, User, UserChanges, UserListQuery } from '../../../app/api-types';
import { unwrap } from '../../../app/problem';

export const usersKey = ['users'] as const;
export type UserFilters = Omit<UserListQuery, 'cursor' | 'limit'>;

/** Users matching the filters, 50 per page by keyset cursor ("加载更多"). */
export function useUserList(filters: UserFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...usersKey, 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/users', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export const useUser = (id: string | undefined) =>
  useQuery({
    queryKey: [...usersKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 0,
  });

export function useUserMutations() {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: usersKey });
    void queryClient.invalidateQueries({ queryKey: ['departments'] });
    void queryClient.invalidateQueries({ queryKey: ['roles'] });
  };
  const create = useMutation({
    mutationFn: (body: NewUser) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ user, changes }: { user: User; changes: UserChanges }) =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          headers: ifMatch(user.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const invite = useMutation({
    mutationFn: (user: User) =>
      unwrap(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id: user.id } } })),
  });
  return { create, update, invite };
}

/** The full link to send a new user (the server answers with a path). */
export const absoluteUrl = (path: string) => new URL(path, window.location.origin).toString();
