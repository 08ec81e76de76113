import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;

export type ScoreRule = JsonOf<paths['/api/v1/lead-score-rules']['get']['responses'][200]>['data'][number];
export type NewScoreRule = BodyOf<paths['/api/v1/lead-score-rules']['post']>;
export type ScoreRuleChanges = BodyOf<paths['/api/v1/lead-score-rules/{id}']['patch']>;
export type ScorePreview = JsonOf<paths['/api/v1/lead-score-rules/preview']['post']['responses'][200]>;
/** A sample lead to try the rules on (nothing is stored). */
export type SampleLead = BodyOf<paths['/api/v1/lead-score-rules/preview']['post']>;

export type AssignmentRule = JsonOf<
  paths['/api/v1/lead-assignment-rules']['get']['responses'][200]
>['data'][number];
export type NewAssignmentRule = BodyOf<paths['/api/v1/lead-assignment-rules']['post']>;
export type AssignmentRuleChanges = BodyOf<paths['/api/v1/lead-assignment-rules/{id}']['patch']>;
export type AssignmentPreview = JsonOf<
  paths['/api/v1/lead-assignment-rules/preview']['post']['responses'][200]
>;
export type Condition = AssignmentRule['conditions'][number];
export type ConditionOp = Condition['op'];
export type TargetType = AssignmentRule['targetType'];
export type AssignMethod = AssignmentRule['method'];
/** 超时处理: what happens when the rep a rule chose misses the first-follow-up deadline. */
export type OnExpiry = AssignmentRule['onExpiry'];

export const scoreRulesKey = ['lead-score-rules'] as const;
export const assignmentRulesKey = ['lead-assignment-rules'] as const;

/** 评分规则 in their order. */
export const useScoreRules = () =>
  useQuery({
    queryKey: scoreRulesKey,
    queryFn: () => unwrap(api.GET('/api/v1/lead-score-rules')).then((r) => r.data),
  });

/** 分配规则 in their order (the first that matches and has a candidate decides). */
export const useAssignmentRules = () =>
  useQuery({
    queryKey: assignmentRulesKey,
    queryFn: () => unwrap(api.GET('/api/v1/lead-assignment-rules')).then((r) => r.data),
  });

export function useScoreRuleMutations() {
  const queryClient = useQueryClient();
  // Assignment rules may test the score, so a preview there changes too; leads are rescored on the server.
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: scoreRulesKey });
    void queryClient.invalidateQueries({ queryKey: ['leads'] });
  };
  const create = useMutation({
    mutationFn: (body: NewScoreRule) => unwrap(api.POST('/api/v1/lead-score-rules', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ rule, changes }: { rule: ScoreRule; changes: ScoreRuleChanges }) =>
      unwrap(
        api.PATCH('/api/v1/lead-score-rules/{id}', {
          params: { path: { id: rule.id } },
          headers: ifMatch(rule.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (rule: ScoreRule) =>
      unwrap(
        api.DELETE('/api/v1/lead-score-rules/{id}', {
          params: { path: { id: rule.id } },
          headers: ifMatch(rule.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}

export function useAssignmentRuleMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: assignmentRulesKey });
  const create = useMutation({
    mutationFn: (body: NewAssignmentRule) => unwrap(api.POST('/api/v1/lead-assignment-rules', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ rule, changes }: { rule: AssignmentRule; changes: AssignmentRuleChanges }) =>
      unwrap(
        api.PATCH('/api/v1/lead-assignment-rules/{id}', {
          params: { path: { id: rule.id } },
          headers: ifMatch(rule.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (rule: AssignmentRule) =>
      unwrap(
        api.DELETE('/api/v1/lead-assignment-rules/{id}', {
          params: { path: { id: rule.id } },
          headers: ifMatch(rule.version),
        }),
      ),
    onSettled: refresh,
  });
  return { create, update, remove };
}

/** 试一试: the score a sample lead would get, and the rules that gave it. */
export const useScorePreview = () =>
  useMutation({
    mutationFn: (body: SampleLead) => unwrap(api.POST('/api/v1/lead-score-rules/preview', { body })),
  });

/** 试一试: where the rules would send a sample lead, and why. */
export const useAssignmentPreview = () =>
  useMutation({
    mutationFn: (body: SampleLead) => unwrap(api.POST('/api/v1/lead-assignment-rules/preview', { body })),
  });
