import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

// 绩效考核 over the typed API client: the 考核方案, their writes, and the scores of a period.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Scorecard = JsonOf<paths['/api/v1/scorecards']['get']['responses'][200]>['data'][number];
export type ScorecardBody = BodyOf<paths['/api/v1/scorecards']['post']['requestBody']>;
export type ScorecardItem = ScorecardBody['items'][number];
export type Scores = JsonOf<paths['/api/v1/scorecards/{id}/scores']['get']['responses'][200]>;
export type ScoreRow = Scores['rows'][number];
export type ScoreHistory = JsonOf<paths['/api/v1/scorecards/{id}/history']['get']['responses'][200]>;

const key = ['scorecards'] as const;

export const useScorecards = (language: string) =>
  useQuery({
    queryKey: [...key, 'list', language],
    queryFn: () => unwrap(api.GET('/api/v1/scorecards')).then((r) => r.data),
  });

export const useScores = (id: string | undefined, period: string, language: string) =>
  useQuery({
    queryKey: [...key, 'scores', id, period, language],
    queryFn: () =>
      unwrap(api.GET('/api/v1/scorecards/{id}/scores', { params: { path: { id: id! }, query: { period } } })),
    enabled: !!id,
    placeholderData: (previous) => previous,
    refetchInterval: 5 * 60_000,
  });

/** 历史: the totals and ranks of the `count` periods up to `period`. */
export const useScoreHistory = (
  id: string | undefined,
  period: string,
  count: number,
  language: string,
  enabled: boolean,
) =>
  useQuery({
    queryKey: [...key, 'history', id, period, count, language],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/scorecards/{id}/history', {
          params: { path: { id: id! }, query: { period, count } },
        }),
      ),
    enabled: enabled && !!id,
    placeholderData: (previous) => previous,
  });

export function useScorecardMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  return {
    create: useMutation({
      mutationFn: (body: ScorecardBody) => unwrap(api.POST('/api/v1/scorecards', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, version, body }: { id: string; version: number; body: ScorecardBody }) =>
        unwrap(
          api.PUT('/api/v1/scorecards/{id}', { params: { path: { id } }, headers: ifMatch(version), body }),
        ),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (s: Pick<Scorecard, 'id' | 'version'>) =>
        unwrap(
          api.DELETE('/api/v1/scorecards/{id}', {
            params: { path: { id: s.id } },
            headers: ifMatch(s.version),
          }),
        ),
      onSuccess: refresh,
    }),
  };
}
