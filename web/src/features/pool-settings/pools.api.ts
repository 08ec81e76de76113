import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { useAuth } from '../../app/auth';
import { unwrap } from '../../app/problem';

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;

export type Pool = JsonOf<paths['/api/v1/pools']['get']['responses'][200]>['data'][number];
export type PoolMember = Pool['members'][number];
export type LimitOverride = Pool['limitOverrides'][number];
export type NewPool = BodyOf<paths['/api/v1/pools']['post']>;
export type PoolChanges = BodyOf<paths['/api/v1/pools/{id}']['patch']>;
export type RecycleRule = JsonOf<paths['/api/v1/recycle-rules']['get']['responses'][200]>['data'][number];
export type NewRule = BodyOf<paths['/api/v1/recycle-rules']['post']>;
export type RuleChanges = BodyOf<paths['/api/v1/recycle-rules/{id}']['patch']>;

// Every pool query of the app starts with 'pools' (the rep-side 公海 page too): a change here refreshes them all.
const poolsKey = ['pools'] as const;
const rulesKey = ['recycle-rules'] as const;

/** What waits in a pool: customers (公海) or leads (线索池). */
export type PoolObject = Pool['object'];
export const poolObjects: PoolObject[] = ['customer', 'lead'];

/** Every pool of one object, as pool settings see them (with members and limits). */
export const usePools = (object: PoolObject = 'customer') =>
  useQuery({
    queryKey: [...poolsKey, 'settings', object],
    queryFn: () => unwrap(api.GET('/api/v1/pools', { params: { query: { object } } })).then((r) => r.data),
  });

/** The org's recycle rules (回收规则); only with the `pool` read right. */
export function useRecycleRules() {
  const { can } = useAuth();
  return useQuery({
    queryKey: rulesKey,
    queryFn: () => unwrap(api.GET('/api/v1/recycle-rules')).then((r) => r.data),
    enabled: can('pool', 'read'),
  });
}

export function usePoolMutations() {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: poolsKey });
    // A deleted pool takes its rules with it; rules show pool names.
    void queryClient.invalidateQueries({ queryKey: rulesKey });
  };
  const create = useMutation({
    mutationFn: (body: NewPool) => unwrap(api.POST('/api/v1/pools', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ pool, changes }: { pool: Pool; changes: PoolChanges }) =>
      unwrap(
        api.PATCH('/api/v1/pools/{id}', {
          params: { path: { id: pool.id } },
          headers: ifMatch(pool.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (pool: Pool) =>
      unwrap(
        api.DELETE('/api/v1/pools/{id}', {
          params: { path: { id: pool.id } },
          headers: ifMatch(pool.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}

export function useRuleMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: rulesKey });
  const create = useMutation({
    mutationFn: (body: NewRule) => unwrap(api.POST('/api/v1/recycle-rules', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ rule, changes }: { rule: RecycleRule; changes: RuleChanges }) =>
      unwrap(
        api.PATCH('/api/v1/recycle-rules/{id}', {
          params: { path: { id: rule.id } },
          headers: ifMatch(rule.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (rule: RecycleRule) =>
      unwrap(
        api.DELETE('/api/v1/recycle-rules/{id}', {
          params: { path: { id: rule.id } },
          headers: ifMatch(rule.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}
