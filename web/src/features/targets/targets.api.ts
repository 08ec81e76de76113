import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

// 业绩目标 over the typed API client: one period's tree, saving cells, split proposals, a target's history.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type TargetTree = JsonOf<paths['/api/v1/targets']['get']['responses'][200]>;
export type TargetRow = TargetTree['rows'][number];
export type TreePeriod = NonNullable<paths['/api/v1/targets']['get']['parameters']['query']>['period'];
export type SaveTargets = BodyOf<paths['/api/v1/targets']['put']['requestBody']>;
export type TargetCell = SaveTargets['cells'][number];
export type SplitRequest = BodyOf<paths['/api/v1/targets/split']['post']['requestBody']>;
export type SplitProposal = JsonOf<paths['/api/v1/targets/split']['post']['responses'][200]>;
export type TargetChange = JsonOf<paths['/api/v1/targets/changes']['get']['responses'][200]>['data'][number];

const targetsKey = ['targets'] as const;

/** One period's targets for every node the reader reaches, with progress (refreshed as deals close). */
export const useTargetTree = (metric: string, period: TreePeriod, language: string, enabled = true) =>
  useQuery({
    queryKey: [...targetsKey, 'tree', metric, period, language],
    queryFn: () => unwrap(api.GET('/api/v1/targets', { params: { query: { metric, period } } })),
    placeholderData: (previous) => previous,
    refetchInterval: 5 * 60_000,
    enabled,
  });

export const useTargetChanges = (
  query: { metric: string; nodeType: 'department' | 'user'; nodeId: string; period: string } | null,
) =>
  useQuery({
    queryKey: [...targetsKey, 'changes', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/targets/changes', { params: { query: query! } })).then((r) => r.data),
    enabled: !!query,
  });

export function useTargetMutations() {
  const queryClient = useQueryClient();
  return {
    save: useMutation({
      mutationFn: (body: SaveTargets) => unwrap(api.PUT('/api/v1/targets', { body })),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsKey }),
    }),
    split: useMutation({
      mutationFn: (body: SplitRequest) => unwrap(api.POST('/api/v1/targets/split', { body })),
    }),
  };
}
