import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import type { DuplicateMatch, Lead, LeadChanges, LeadListQuery, NewLead } from '../../app/api-types';
import { ApiProblem, unwrap } from '../../app/problem';
import type { ConvertBody } from './convert-body';

export const leadsKey = ['leads'] as const;
export type LeadFilters = Omit<LeadListQuery, 'cursor' | 'limit'>;

/** 首次跟进时限, reminder, cadence and 无效原因 of the org. */
export type LeadSettings =
  paths['/api/v1/lead-settings']['get']['responses'][200]['content']['application/json'];

/** Leads in the user's scope matching the filters, 50 per page by keyset cursor, with the total. */
export function useLeadList(filters: LeadFilters) {
  return useInfiniteQuery({
    queryKey: [...leadsKey, 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/leads', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useLead = (id: string | undefined) =>
  useQuery({
    queryKey: [...leadsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/leads/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 0,
    retry: (n, e) => !(e instanceof ApiProblem && e.status < 500) && n < 2,
  });

/** Every write sends the version the user saw (If-Match); a stale one answers 412. */
export function useLeadMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: leadsKey });
  const create = useMutation({
    mutationFn: (body: NewLead) => unwrap(api.POST('/api/v1/leads', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ lead, changes }: { lead: Lead; changes: LeadChanges }) =>
      unwrap(
        api.PATCH('/api/v1/leads/{id}', {
          params: { path: { id: lead.id } },
          headers: ifMatch(lead.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const disqualify = useMutation({
    mutationFn: ({ lead, reason }: { lead: Lead; reason: string }) =>
      unwrap(
        api.POST('/api/v1/leads/{id}/disqualify', {
          params: { path: { id: lead.id } },
          headers: ifMatch(lead.version),
          body: { reason },
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (lead: Lead) =>
      unwrap(
        api.DELETE('/api/v1/leads/{id}', {
          params: { path: { id: lead.id } },
          headers: ifMatch(lead.version),
        }),
      ),
    onSuccess: refresh,
  });
  const convert = useMutation({
    mutationFn: ({ lead, body }: { lead: Lead; body: ConvertBody }) =>
      unwrap(
        api.POST('/api/v1/leads/{id}/convert', {
          params: { path: { id: lead.id } },
          headers: ifMatch(lead.version),
          body,
        }),
      ),
    onSettled: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
  return { create, update, disqualify, remove, convert };
}

/** The matches of a 409 duplicate_lead answer (a lead, customer or contact with its phone, e-mail or company). */
export function duplicateLeadOf(e: unknown): DuplicateMatch[] | null {
  if (!(e instanceof ApiProblem) || e.code !== 'duplicate_lead') return null;
  return (e.body as { matches?: DuplicateMatch[] }).matches ?? [];
}

/** The org's lead settings; they change rarely, so one read serves every lead page for a while. */
export const useLeadSettings = () =>
  useQuery({
    queryKey: [...leadsKey, 'settings'],
    queryFn: () => unwrap(api.GET('/api/v1/lead-settings')),
    staleTime: 5 * 60_000,
  });
