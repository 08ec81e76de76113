import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { ApiProblem, unwrap } from '../../app/problem';

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;

export type Pipeline = JsonOf<paths['/api/v1/pipelines']['get']['responses'][200]>['data'][number];
export type Stage = Pipeline['stages'][number];
export type StageCategory = Stage['category'];
export type NewPipeline = BodyOf<paths['/api/v1/pipelines']['post']>;
export type PipelineChanges = BodyOf<paths['/api/v1/pipelines/{id}']['patch']>;
/** A stage an update would remove while deals are still in it (409 stage_in_use). */
export type StageInUse = { id: string; name: string; deals: number };

/** 预测分类 in the order admins read them: the open ones, then won and lost. */
export const stageCategories: StageCategory[] = [
  'pipeline',
  'best_case',
  'commit',
  'closed_won',
  'closed_lost',
];

// Every pipeline query of the app starts with 'pipelines' (the deal pages' too): a change here refreshes them all.
const pipelinesKey = ['pipelines'] as const;

/** The org's pipelines with their stages, the default first. */
export const usePipelines = () =>
  useQuery({
    queryKey: [...pipelinesKey, 'settings'],
    queryFn: () => unwrap(api.GET('/api/v1/pipelines')).then((r) => r.data),
  });

export function usePipelineMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: pipelinesKey });
  const create = useMutation({
    mutationFn: (body: NewPipeline) => unwrap(api.POST('/api/v1/pipelines', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ pipeline, changes }: { pipeline: Pipeline; changes: PipelineChanges }) =>
      unwrap(
        api.PATCH('/api/v1/pipelines/{id}', {
          params: { path: { id: pipeline.id } },
          headers: ifMatch(pipeline.version),
          body: changes,
        }),
      ),
    // A refused update (stage_in_use) changed nothing; a conflict needs the stored version.
    onSettled: (_data, error) => {
      if (!stagesInUse(error)) refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (pipeline: Pipeline) =>
      unwrap(
        api.DELETE('/api/v1/pipelines/{id}', {
          params: { path: { id: pipeline.id } },
          headers: ifMatch(pipeline.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}

/** The stages and their deal counts of a 409 stage_in_use, or null for any other outcome. */
export function stagesInUse(error: unknown): StageInUse[] | null {
  if (!(error instanceof ApiProblem) || error.code !== 'stage_in_use') return null;
  const stages = (error.body as { stages?: StageInUse[] } | null)?.stages;
  return Array.isArray(stages) ? stages : [];
}
