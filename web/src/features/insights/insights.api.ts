import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { paths } from '../../app/api-schema';
import { unwrap } from '../../app/problem';

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Finding = JsonOf<paths['/api/v1/insights']['get']['responses'][200]>['findings'][number];

/** The findings of the reader's reach, in their language (they change as the data does). */
export const useInsights = (language: string) =>
  useQuery({
    queryKey: ['insights', language],
    queryFn: () => unwrap(api.GET('/api/v1/insights')).then((r) => r.findings),
    refetchInterval: 5 * 60_000,
  });
