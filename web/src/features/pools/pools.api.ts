import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';
import { customersKey } from '../customers/customers.api';

export type Pool =
  paths['/api/v1/pools']['get']['responses'][200]['content']['application/json']['data'][number];
export type Collaborator =
  paths['/api/v1/customers/{id}/collaborators']['get']['responses'][200]['content']['application/json']['data'][number];
export type OwnershipEntry =
  paths['/api/v1/customers/{id}/ownership']['get']['responses'][200]['content']['application/json']['data'][number];
export type RecycleDue =
  paths['/api/v1/customers/recycle-due']['get']['responses'][200]['content']['application/json']['data'][number];

export const poolsKey = ['pools'] as const;

/** The pools the user belongs to (or all of them, for pool settings), with their own quota in each. */
export const usePools = () =>
  useQuery({ queryKey: poolsKey, queryFn: () => unwrap(api.GET('/api/v1/pools')) });

export const useCollaborators = (customerId: string) =>
  useQuery({
    queryKey: [...customersKey, 'collaborators', customerId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/customers/{id}/collaborators', { params: { path: { id: customerId } } })),
  });

export const useOwnershipHistory = (customerId: string) =>
  useQuery({
    queryKey: [...customersKey, 'ownership', customerId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/customers/{id}/ownership', { params: { path: { id: customerId } } })),
  });

export const useRecycleDue = () =>
  useQuery({
    queryKey: [...customersKey, 'recycle-due'],
    queryFn: () => unwrap(api.GET('/api/v1/customers/recycle-due', { params: { query: {} } })),
  });

/** 领取, 退回公海, 转移, tags and collaborators: every change of hands refreshes customers and quotas. */
export function useCustomerMoves() {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: customersKey });
    void queryClient.invalidateQueries({ queryKey: poolsKey });
  };
  const claim = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/customers/{id}/claim', { params: { path: { id } } })),
    onSettled: refresh,
  });
  const release = useMutation({
    mutationFn: (body: { ids: string[]; reason: string; poolId?: string }) =>
      unwrap(api.POST('/api/v1/customers/release', { body })),
    onSettled: refresh,
  });
  const transfer = useMutation({
    mutationFn: (body: { ids: string[]; toUserId: string; reason?: string }) =>
      unwrap(api.POST('/api/v1/customers/transfer', { body })),
    onSettled: refresh,
  });
  const tags = useMutation({
    mutationFn: (body: { ids: string[]; add: string[]; remove: string[] }) =>
      unwrap(api.POST('/api/v1/customers/tags', { body })),
    onSettled: refresh,
  });
  const share = useMutation({
    mutationFn: ({
      id,
      collaborators,
    }: {
      id: string;
      collaborators: { userId: string; level: 'read' | 'write' }[];
    }) =>
      unwrap(
        api.PUT('/api/v1/customers/{id}/collaborators', {
          params: { path: { id } },
          body: { collaborators },
        }),
      ),
    onSettled: refresh,
  });
  return { claim, release, transfer, tags, share };
}
