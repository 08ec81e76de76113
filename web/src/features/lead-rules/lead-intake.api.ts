import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

// 线索来源, 线索设置 and 学习评分: the admin screens of how leads come in and how they are followed up.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { requestBody?: { content: { 'application/json': infer J } } } ? J : never;

export type LeadSource = JsonOf<paths['/api/v1/lead-sources']['get']['responses'][200]>['data'][number];
export type NewLeadSource = BodyOf<paths['/api/v1/lead-sources']['post']>;
export type LeadSourceChanges = BodyOf<paths['/api/v1/lead-sources/{id}']['patch']>;
export type SourceKind = LeadSource['kind'];
export type LeadSettings = JsonOf<paths['/api/v1/lead-settings']['get']['responses'][200]>;
export type LeadSettingsBody = BodyOf<paths['/api/v1/lead-settings']['put']>;
export type LeadModel = JsonOf<paths['/api/v1/lead-model']['get']['responses'][200]>;

export const leadSourcesKey = ['lead-sources'] as const;
// The leads pages read the settings under this key: a save here refreshes their deadlines.
export const leadSettingsKey = ['leads', 'settings'] as const;
export const leadModelKey = ['lead-model'] as const;

/** 线索来源 in the order they were set up. */
export const useLeadSources = () =>
  useQuery({
    queryKey: leadSourcesKey,
    queryFn: () => unwrap(api.GET('/api/v1/lead-sources')).then((r) => r.data),
  });

export function useLeadSourceMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: leadSourcesKey });
  /** The answer carries an API source's secret: the only time it is shown. */
  const create = useMutation({
    mutationFn: (body: NewLeadSource) => unwrap(api.POST('/api/v1/lead-sources', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ source, changes }: { source: LeadSource; changes: LeadSourceChanges }) =>
      unwrap(
        api.PATCH('/api/v1/lead-sources/{id}', {
          params: { path: { id: source.id } },
          headers: ifMatch(source.version),
          body: changes,
        }),
      ),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (source: LeadSource) =>
      unwrap(
        api.DELETE('/api/v1/lead-sources/{id}', {
          params: { path: { id: source.id } },
          headers: ifMatch(source.version),
        }),
      ),
    onSettled: refresh,
  });
  /** 重置密钥: a new secret, shown once; the old one stops working. */
  const rotate = useMutation({
    mutationFn: (source: LeadSource) =>
      unwrap(api.POST('/api/v1/lead-sources/{id}/secret', { params: { path: { id: source.id } } })),
    onSettled: refresh,
  });
  return { create, update, remove, rotate };
}

/** 线索设置 (version 0: the shipped defaults). */
export const useLeadSettings = () =>
  useQuery({
    queryKey: leadSettingsKey,
    queryFn: () => unwrap(api.GET('/api/v1/lead-settings')),
  });

export function useSaveLeadSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: LeadSettingsBody }) =>
      unwrap(api.PUT('/api/v1/lead-settings', { headers: ifMatch(version), body })),
    onSuccess: (saved) => queryClient.setQueryData(leadSettingsKey, saved),
    onError: () => void queryClient.invalidateQueries({ queryKey: leadSettingsKey }),
  });
}

/** 学习评分: when it was trained, on how many closed leads, how well it ranks, on or off. */
export const useLeadModel = () =>
  useQuery({
    queryKey: leadModelKey,
    queryFn: () => unwrap(api.GET('/api/v1/lead-model')),
  });

export function useLeadModelMutations() {
  const queryClient = useQueryClient();
  const settle = (status: LeadModel) => {
    queryClient.setQueryData(leadModelKey, status);
    // Switching it on or off rescores the open leads in the background.
    void queryClient.invalidateQueries({ queryKey: ['leads'] });
  };
  const train = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/lead-model/train')),
    onSuccess: settle,
  });
  const toggle = useMutation({
    mutationFn: ({ model, enabled }: { model: LeadModel; enabled: boolean }) =>
      unwrap(api.PUT('/api/v1/lead-model', { headers: ifMatch(model.version), body: { enabled } })),
    onSuccess: settle,
    onError: () => void queryClient.invalidateQueries({ queryKey: leadModelKey }),
  });
  return { train, toggle };
}
