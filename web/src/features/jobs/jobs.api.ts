import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { JobStatus } from '../../app/api-types';
import { unwrap } from '../../app/problem';

const key = ['jobs'] as const;

/** Jobs newest first, optionally of one status; every page carries the counts per status. */
export function useJobs(status: JobStatus | undefined) {
  return useInfiniteQuery({
    queryKey: [...key, status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/jobs', { params: { query: { status, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/jobs/{id}/retry', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
