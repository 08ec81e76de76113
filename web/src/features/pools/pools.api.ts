import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';
import { customersKey } from '../customers/customers.api';
import { leadsKey } from '../leads/leads.api';

export type Pool =
  paths['/api/v1/pools']['get']['responses'][200]['content']['application/json']['data'][number];
export type Collaborator =
  paths['/api/v1/customers/{id}/collaborators']['get']['responses'][200]['content']['application/json']['data'][number];
export type OwnershipEntry =
  paths['/api/v1/customers/{id}/ownership']['get']['responses'][200]['content']['application/json']['data'][number];

export const poolsKey = ['pools'] as const;

/** What waits in a pool: customers (公海) or leads (线索池). */
export type PoolObject = Pool['object'];

/** The pools of one object the user belongs to (or all of them, for pool settings), with their own quota in each. */
export const usePools = (object: PoolObject = 'customer') =>
  useQuery({
    queryKey: [...poolsKey, object],
    queryFn: () => unwrap(api.GET('/api/v1/pools', { params: { query: { object } } })),
  });

export const useCollaborators = (customerId: string) =>
  useQuery({
    queryKey: [...customersKey, 'collaborators', customerId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/customers/{id}/collaborators', { params: { path: { id: customerId } } })),
  });

/** 归属记录 of a customer or lead, under its object's key so every change of hands refreshes it. */
export const useOwnershipHistory = (object: PoolObject, id: string) =>
  useQuery({
    queryKey: [...(object === 'lead' ? leadsKey : customersKey), 'ownership', id],
    queryFn: (): Promise<{ data: OwnershipEntry[] }> =>
      object === 'lead'
        ? unwrap(api.GET('/api/v1/leads/{id}/ownership', { params: { path: { id } } }))
        : unwrap(api.GET('/api/v1/customers/{id}/ownership', { params: { path: { id } } })),
  });

type ReleaseBody = { ids: string[]; reason: string; poolId?: string };
type TransferBody = { ids: string[]; toUserId: string; reason?: string };

/**
 * 领取, 退回 and 转移 of customers (公海) or leads (线索池) — the same routes under each object's path;
 * every change of hands refreshes that object's lists and the quotas.
 */
export function useMoves(object: PoolObject = 'customer') {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: object === 'lead' ? leadsKey : customersKey });
    void queryClient.invalidateQueries({ queryKey: poolsKey });
  };
  const claim = useMutation({
    mutationFn: (id: string): Promise<unknown> =>
      object === 'lead'
        ? unwrap(api.POST('/api/v1/leads/{id}/claim', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/customers/{id}/claim', { params: { path: { id } } })),
    onSettled: refresh,
  });
  const release = useMutation({
    mutationFn: (body: ReleaseBody): Promise<unknown> =>
      object === 'lead'
        ? unwrap(api.POST('/api/v1/leads/release', { body }))
        : unwrap(api.POST('/api/v1/customers/release', { body })),
    onSettled: refresh,
  });
  const transfer = useMutation({
    mutationFn: (body: TransferBody): Promise<unknown> =>
      object === 'lead'
        ? unwrap(api.POST('/api/v1/leads/transfer', { body }))
        : unwrap(api.POST('/api/v1/customers/transfer', { body })),
    onSettled: refresh,
  });
  return { claim, release, transfer };
}

/** 领取, 退回公海, 转移, tags and collaborators of customers. */
export function useCustomerMoves() {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: customersKey });
    void queryClient.invalidateQueries({ queryKey: poolsKey });
  };
  const { claim, release, transfer } = useMoves('customer');
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
