import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

// 指标 over the typed API client: the registry's definitions, and one metric query per figure shown.

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type MetricDefinition = JsonOf<paths['/api/v1/metrics']['get']['responses'][200]>['data'][number];
export type MetricQueryBody = NonNullable<
  paths['/api/v1/metrics/query']['post']['requestBody']
>['content']['application/json'];
export type MetricResult = JsonOf<paths['/api/v1/metrics/query']['post']['responses'][200]>;
export type MetricRow = MetricResult['rows'][number];
export type PeriodName = Extract<MetricQueryBody['period'], string>;

/** Every metric's name, description and unit, in the reader's language. */
export const useMetricDefinitions = (language: string) =>
  useQuery({
    queryKey: ['metrics', 'definitions', language],
    queryFn: () => unwrap(api.GET('/api/v1/metrics')),
    staleTime: 10 * 60_000,
  });

/** One metric as the registry computes it (the reader's data scope applies on the server). */
export const useMetric = (body: MetricQueryBody, language: string, options: { enabled?: boolean } = {}) =>
  useQuery({
    ...options,
    queryKey: ['metrics', 'query', language, body],
    queryFn: () => unwrap(api.POST('/api/v1/metrics/query', { body })),
    refetchInterval: 5 * 60_000,
  });

/** Several metrics at once (a table with a column per metric), each its own query. */
export const useMetrics = (bodies: MetricQueryBody[], language: string) =>
  useQueries({
    queries: bodies.map((body) => ({
      queryKey: ['metrics', 'query', language, body],
      queryFn: () => unwrap(api.POST('/api/v1/metrics/query', { body })),
      refetchInterval: 5 * 60_000,
    })),
  });

export type DrillBody = NonNullable<
  paths['/api/v1/metrics/records']['post']['requestBody']
>['content']['application/json'];
export type DrillResult = JsonOf<paths['/api/v1/metrics/records']['post']['responses'][200]>;
export type DrillRecord = DrillResult['data'][number];

const drillPage = 50;

/** 下钻: the records behind a number, a page at a time (the server's count and sum are the number's). */
export const useDrill = (body: DrillBody | null, language: string) =>
  useInfiniteQuery({
    queryKey: ['metrics', 'records', language, body],
    enabled: body !== null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.POST('/api/v1/metrics/records', { body: { ...body!, limit: drillPage, offset: pageParam } }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.data.length, 0);
      return loaded < last.totalCount ? loaded : undefined;
    },
  });
