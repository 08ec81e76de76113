import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { ApiProblem, unwrap } from '../../app/problem';

// 审批 over the typed API client: the four boxes, one request, the decisions on it, and 委托.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Approval = JsonOf<paths['/api/v1/approvals']['get']['responses'][200]>['data'][number];
export type ApprovalDetail = JsonOf<paths['/api/v1/approvals/{id}']['get']['responses'][200]>;
export type ApprovalStep = Approval['steps'][number];
export type ApprovalAction = ApprovalDetail['history'][number];
export type ApprovalStatus = Approval['status'];
/** todo: 待我审批 · submitted: 我发起的 · done: 我已处理 · cc: 抄送我的 */
export type Box = 'todo' | 'submitted' | 'done' | 'cc';
export const boxes: Box[] = ['todo', 'submitted', 'done', 'cc'];
/** The server's page size (its maximum): a full page says so instead of cutting silently. */
export const boxLimit = 100;

// Every approval query starts with 'approvals': a decision refreshes the boxes, the request and the badge.
const approvalsKey = ['approvals'] as const;
const noRetryOn4xx = (n: number, e: Error) => !(e instanceof ApiProblem && e.status < 500) && n < 2;

/** One box, newest first (the todo box is also the menu's badge: one request for both). */
export const useInbox = (box: Box) =>
  useQuery({
    queryKey: [...approvalsKey, 'box', box],
    queryFn: () =>
      unwrap(api.GET('/api/v1/approvals', { params: { query: { box, limit: boxLimit } } })).then(
        (r) => r.data,
      ),
    refetchInterval: box === 'todo' ? 60_000 : false,
  });

export const useApproval = (id: string) =>
  useQuery({
    queryKey: [...approvalsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/approvals/{id}', { params: { path: { id } } })),
    retry: noRetryOn4xx,
  });

export type Decision = 'approve' | 'reject' | 'withdraw' | 'resubmit';

/** 同意 / 驳回 / 撤回 / 重新提交; afterwards the boxes, the request and the deals are read again. */
export function useDecide(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment?: string }) => {
      const params = { path: { id } };
      const body = comment ? { comment } : {};
      switch (decision) {
        case 'approve':
          return unwrap(api.POST('/api/v1/approvals/{id}/approve', { params, body }));
        case 'reject':
          return unwrap(
            api.POST('/api/v1/approvals/{id}/reject', { params, body: { comment: comment ?? '' } }),
          );
        case 'withdraw':
          return unwrap(api.POST('/api/v1/approvals/{id}/withdraw', { params, body: {} }));
        case 'resubmit':
          return unwrap(api.POST('/api/v1/approvals/{id}/resubmit', { params, body }));
      }
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: approvalsKey });
      // An approval moves the deal; a withdrawal frees it.
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

type Delegations = paths['/api/v1/approval-delegations'];
export type Delegation = JsonOf<Delegations['get']['responses'][200]>['mine'][number];
export type NewDelegation = Delegations['post']['requestBody']['content']['application/json'];

/** 委托: the user's away periods, and those in which they decide for someone. */
export const useDelegations = () =>
  useQuery({
    queryKey: [...approvalsKey, 'delegations'],
    queryFn: () => unwrap(api.GET('/api/v1/approval-delegations')),
  });

export function useDelegationSteps() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: approvalsKey });
  const create = useMutation({
    mutationFn: (body: NewDelegation) => unwrap(api.POST('/api/v1/approval-delegations', { body })),
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/approval-delegations/{id}', { params: { path: { id } } })),
    onSettled: refresh,
  });
  return { create, revoke };
}
