import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';
import { customersKey } from '../customers/customers.api';
import { leadsKey } from '../leads/leads.api';
import { opportunitiesKey } from '../opportunities/opportunities.api';

type FollowUps = paths['/api/v1/follow-ups'];
/** One entry of 跟进记录. */
export type FollowUp = FollowUps['get']['responses'][200]['content']['application/json']['data'][number];
export type NewFollowUp = FollowUps['post']['requestBody']['content']['application/json'];
export type FollowUpMethod = FollowUp['method'];
/** 电话 · 微信 · 拜访 · 邮件 · 会议 · 其他, in the order the form offers them. */
export const followUpMethods: FollowUpMethod[] = ['phone', 'wechat', 'visit', 'email', 'meeting', 'other'];
/** The objects that take follow-ups. */
export type FollowUpObject = NewFollowUp['object'];

/** The query-key root of each object's records: a follow-up changes its record (next follow-up, status). */
const recordKeys: Record<FollowUpObject, readonly string[]> = {
  lead: leadsKey,
  customer: customersKey,
  opportunity: opportunitiesKey,
};

/** 跟进记录 of a record, newest first (under its object's key: a change of the record refreshes them too). */
export const useFollowUps = (object: FollowUpObject, recordId: string) =>
  useQuery({
    queryKey: [...recordKeys[object], 'follow-ups', recordId],
    queryFn: () => unwrap(api.GET('/api/v1/follow-ups', { params: { query: { object, recordId } } })),
  });

/** 写跟进: it may meet a lead's first-follow-up deadline or a deal's gate, and sets the next follow-up. */
export function useWriteFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFollowUp) => unwrap(api.POST('/api/v1/follow-ups', { body })),
    onSettled: (_d, _e, body) => {
      void queryClient.invalidateQueries({ queryKey: recordKeys[body.object] });
      // A deal's follow-up counts for its customer too (最近跟进, the customer's timeline).
      if (body.object === 'opportunity') void queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });
}
