import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { ApiProblem, unwrap } from '../../app/problem';

// 商机 and 销售流程 over the typed API client. Every write sends the version the user saw (If-Match).

type Get<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;
type PostBody<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Pipeline = Get<'/api/v1/pipelines'>['data'][number];
export type Stage = Pipeline['stages'][number];
export type Opportunity = Get<'/api/v1/opportunities'>['data'][number];
export type OpportunityDetail = Get<'/api/v1/opportunities/{id}'>;
export type BoardColumn = Get<'/api/v1/opportunities/board'>['columns'][number];
export type StageStay = Get<'/api/v1/opportunities/{id}/stages'>['data'][number];
export type OpportunityQuery = NonNullable<paths['/api/v1/opportunities']['get']['parameters']['query']>;
export type OpportunityFilters = Omit<OpportunityQuery, 'cursor' | 'limit'>;
export type NewOpportunity = PostBody<'/api/v1/opportunities'>;
export type OpportunityChanges = NonNullable<
  paths['/api/v1/opportunities/{id}']['patch']['requestBody']
>['content']['application/json'];
export type MoveBody = PostBody<'/api/v1/opportunities/{id}/move'>;
/** One thing a stage gate still wants (a field, a file of a kind, a ticked item, a follow-up). */
export type MissingItem = {
  type: 'field' | 'attachment' | 'checklist' | 'follow_up';
  stageId: string;
  stageName: string;
  field?: string;
  kind?: string;
  itemId?: string;
  label?: string;
};

export const opportunitiesKey = ['opportunities'] as const;
const noRetryOn4xx = (n: number, e: Error) => !(e instanceof ApiProblem && e.status < 500) && n < 2;

/** The org's pipelines with their stages, default first; they change rarely. */
export const usePipelines = () =>
  useQuery({
    queryKey: ['pipelines'],
    queryFn: () => unwrap(api.GET('/api/v1/pipelines')),
    staleTime: 5 * 60_000,
  });

/** The kanban of one pipeline: per stage its true count and amount and its first cards. */
export const useBoard = (pipelineId: string | undefined, filters: OpportunityFilters) =>
  useQuery({
    queryKey: [...opportunitiesKey, 'board', pipelineId, filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/opportunities/board', {
          params: { query: { ...filters, pipelineId: pipelineId! } },
        }),
      ),
    enabled: !!pipelineId,
  });

/** Deals matching the filters, by keyset cursor (from `firstCursor` when given), with count and amount. */
export function useOpportunityList(
  filters: OpportunityFilters,
  {
    limit = 50,
    firstCursor,
    enabled = true,
  }: { limit?: number; firstCursor?: string; enabled?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey: [...opportunitiesKey, 'list', filters, limit, firstCursor],
    initialPageParam: firstCursor,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/opportunities', { params: { query: { ...filters, limit, cursor: pageParam } } }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export const useOpportunity = (id: string | undefined) =>
  useQuery({
    queryKey: [...opportunitiesKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/opportunities/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 0,
    retry: noRetryOn4xx,
  });

/** 阶段记录: every stay in a stage, newest first. */
export const useStageHistory = (id: string) =>
  useQuery({
    queryKey: [...opportunitiesKey, 'stages', id],
    queryFn: () => unwrap(api.GET('/api/v1/opportunities/{id}/stages', { params: { path: { id } } })),
  });

type Versioned = { id: string; version: number };

export function useOpportunityMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: opportunitiesKey });
  // The answer is the deal at its new version: the next write (a second gate fix) sends that one.
  const keep = (d: OpportunityDetail) => queryClient.setQueryData([...opportunitiesKey, 'one', d.id], d);
  const create = useMutation({
    mutationFn: (body: NewOpportunity) => unwrap(api.POST('/api/v1/opportunities', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ deal, changes }: { deal: Versioned; changes: OpportunityChanges }) =>
      unwrap(
        api.PATCH('/api/v1/opportunities/{id}', {
          params: { path: { id: deal.id } },
          headers: ifMatch(deal.version),
          body: changes,
        }),
      ),
    onSuccess: keep,
    onSettled: refresh,
  });
  const move = useMutation({
    mutationFn: ({ deal, body }: { deal: Versioned; body: MoveBody }) =>
      unwrap(
        api.POST('/api/v1/opportunities/{id}/move', {
          params: { path: { id: deal.id } },
          headers: ifMatch(deal.version),
          body,
        }),
      ),
    onSuccess: keep,
    onSettled: refresh,
  });
  const tick = useMutation({
    mutationFn: ({
      deal,
      stageId,
      itemId,
      done,
    }: {
      deal: Versioned;
      stageId: string;
      itemId: string;
      done: boolean;
    }) =>
      unwrap(
        api.POST('/api/v1/opportunities/{id}/checklist', {
          params: { path: { id: deal.id } },
          headers: ifMatch(deal.version),
          body: { stageId, itemId, done },
        }),
      ),
    onSuccess: keep,
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (deal: Versioned) =>
      unwrap(
        api.DELETE('/api/v1/opportunities/{id}', {
          params: { path: { id: deal.id } },
          headers: ifMatch(deal.version),
        }),
      ),
    onSuccess: refresh,
  });
  return { create, update, move, tick, remove };
}

/** The missing items of a 422 stage_gate_unmet answer; null for any other failure. */
export function missingOf(e: unknown): MissingItem[] | null {
  if (!(e instanceof ApiProblem) || e.code !== 'stage_gate_unmet') return null;
  return (e.body as { missing?: MissingItem[] }).missing ?? [];
}
