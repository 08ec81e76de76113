import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import type { paths } from '../../../app/api-schema';
import { unwrap } from '../../../app/problem';
import { usersKey } from './users.api';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
/** What a user owns, per object (`customer` now; leads and deals later). */
export type Owned = Json<paths['/api/v1/users/{id}/handover']['get']['responses'][200]>['owned'];
/** 离职交接 target: a colleague or a pool, with an optional reason. */
export type HandoverTarget = NonNullable<
  paths['/api/v1/users/{id}/handover']['post']['requestBody']
>['content']['application/json'];

const previewKey = (userId: string) => [...usersKey, 'handover', userId] as const;

export const fetchPreview = (userId: string) =>
  unwrap(api.GET('/api/v1/users/{id}/handover', { params: { path: { id: userId } } })).then((r) => r.owned);

/** The preview: how many records a hand-over of this user would move. */
export const useHandoverPreview = (userId: string | undefined) =>
  useQuery({
    queryKey: previewKey(userId ?? ''),
    queryFn: () => fetchPreview(userId!),
    enabled: !!userId,
    staleTime: 0,
  });

export const ownedTotal = (owned: Owned | undefined) => (owned ?? []).reduce((s, o) => s + o.count, 0);

/** The pools a hand-over may send customers to (the default first, as the server orders them). */
export const useHandoverPools = (enabled: boolean) =>
  useQuery({
    queryKey: ['pools', 'handover-targets'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/pools')).then((r) =>
        r.data.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault })),
      ),
    enabled,
  });

/** Moves everything the user owns to the target at once (without deactivating them). */
export function useHandover() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, target }: { userId: string; target: HandoverTarget }) =>
      unwrap(api.POST('/api/v1/users/{id}/handover', { params: { path: { id: userId } }, body: target })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['pools'] });
    },
  });
}
