import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
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

type Feed = paths['/api/v1/follow-ups/feed']['get'];
/** 跟进动态's filters (the page's own; paging is the query's). */
export type FeedFilters = Omit<NonNullable<Feed['parameters']['query']>, 'limit' | 'cursor'>;
/** One follow-up of the feed, with the name of its record. */
export type FeedItem = Feed['responses'][200]['content']['application/json']['data'][number];
export type FollowUpComment =
  paths['/api/v1/follow-ups/{id}/comments']['get']['responses'][200]['content']['application/json']['data'][number];

const feedKey = ['follow-ups', 'feed'] as const;
const commentsKey = (id: string) => ['follow-ups', 'comments', id] as const;

/** 跟进动态: the follow-ups of every record in the user's reach, newest first, 20 at a time. */
export const useFeed = (filters: FeedFilters) =>
  useInfiniteQuery({
    queryKey: [...feedKey, filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/follow-ups/feed', {
          params: { query: { ...filters, limit: 20, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** A follow-up's 点评, oldest first (loaded when opened). */
export const useComments = (followUpId: string, enabled: boolean) =>
  useQuery({
    queryKey: commentsKey(followUpId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/follow-ups/{id}/comments', { params: { path: { id: followUpId } } })),
    enabled,
  });

/** 点评 and taking one back: the thread, and the counts on the feed and the record's log, refresh. */
export function useCommentSteps(followUpId: string, object: FollowUpObject) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: commentsKey(followUpId) });
    void queryClient.invalidateQueries({ queryKey: feedKey });
    void queryClient.invalidateQueries({ queryKey: recordKeys[object] });
  };
  const add = useMutation({
    mutationFn: (body: { body: string; mentions?: string[] }) =>
      unwrap(api.POST('/api/v1/follow-ups/{id}/comments', { params: { path: { id: followUpId } }, body })),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (commentId: string) =>
      unwrap(
        api.DELETE('/api/v1/follow-ups/{id}/comments/{commentId}', {
          params: { path: { id: followUpId, commentId } },
        }),
      ),
    onSettled: refresh,
  });
  return { add, remove };
}

export type FollowUpSettings =
  paths['/api/v1/follow-up-settings']['get']['responses'][200]['content']['application/json'];
export type FollowUpSettingsBody =
  paths['/api/v1/follow-up-settings']['put']['requestBody']['content']['application/json'];
const settingsKey = ['follow-up-settings'] as const;

/** 跟进设置 (everyone reads them: 写跟进 must know whether the next time is required). */
export const useFollowUpSettings = () =>
  useQuery({
    queryKey: settingsKey,
    queryFn: () => unwrap(api.GET('/api/v1/follow-up-settings')),
    staleTime: 5 * 60_000,
  });

export function useSaveFollowUpSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: FollowUpSettingsBody }) =>
      unwrap(api.PUT('/api/v1/follow-up-settings', { headers: ifMatch(version), body })),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
    onError: () => void queryClient.invalidateQueries({ queryKey: settingsKey }),
  });
}
