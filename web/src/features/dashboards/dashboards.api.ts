import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

// 仪表盘 over the typed API client: the dashboards the reader may open, and saving one.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type DashboardList = JsonOf<paths['/api/v1/dashboards']['get']['responses'][200]>;
export type Dashboard = DashboardList['data'][number];
export type Widget = Dashboard['widgets'][number];
export type WidgetType = Widget['type'];
export type DashboardFilters = Dashboard['filters'];
export type DashboardPeriod = DashboardFilters['period'];
export type DashboardBody = JsonOf<NonNullable<paths['/api/v1/dashboards']['post']['requestBody']>>;

const key = ['dashboards'] as const;

/** The dashboards the reader may open (the one 业绩 opens first marked), and the org's roles to share with. */
export const useDashboards = (language: string) =>
  useQuery({
    queryKey: [...key, language],
    queryFn: () => unwrap(api.GET('/api/v1/dashboards')),
    staleTime: 60_000,
  });

/** Makes a dashboard (`id` null) or saves one at the version it was read. */
export function useSaveDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string | null; version?: number; body: DashboardBody }) =>
      id
        ? unwrap(
            api.PUT('/api/v1/dashboards/{id}', {
              params: { path: { id } },
              headers: ifMatch(version!),
              body,
            }),
          )
        : unwrap(api.POST('/api/v1/dashboards', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE('/api/v1/dashboards/{id}', { params: { path: { id } }, headers: ifMatch(version) })),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}
