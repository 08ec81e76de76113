import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

// 成交预测 over the typed API client: a window's forecast, the back-test, a rep's adjustments.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Forecast = JsonOf<paths['/api/v1/forecast']['get']['responses'][200]>;
export type ForecastRep = Forecast['reps'][number];
export type ForecastDeal = Forecast['deals'][number];
export type Horizon = Forecast['horizon'];
export type Backtest = JsonOf<paths['/api/v1/forecast/backtest']['get']['responses'][200]>;
export type Adjust = BodyOf<paths['/api/v1/forecast/adjustments']['put']['requestBody']>;
export type Filters = { pipelineId?: string; departmentId?: string };

const key = ['forecast'] as const;

/** The forecast of a window (refreshed as deals move: every few minutes and on return to the page). */
export const useForecast = (horizon: Horizon, filters: Filters) =>
  useQuery({
    queryKey: [...key, 'window', horizon, filters],
    queryFn: () => unwrap(api.GET('/api/v1/forecast', { params: { query: { horizon, ...filters } } })),
    placeholderData: (previous) => previous,
    refetchInterval: 5 * 60_000,
  });

export const useBacktest = (filters: Filters) =>
  useQuery({
    queryKey: [...key, 'backtest', filters],
    queryFn: () => unwrap(api.GET('/api/v1/forecast/backtest', { params: { query: filters } })),
    placeholderData: (previous) => previous,
    staleTime: 10 * 60_000,
  });

export const useAdjustments = (query: { userId: string; period: string } | null) =>
  useQuery({
    queryKey: [...key, 'adjustments', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/forecast/adjustments', { params: { query: query! } })).then((r) => r.data),
    enabled: !!query,
  });

export const useAdjust = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Adjust) => unwrap(api.PUT('/api/v1/forecast/adjustments', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
};
