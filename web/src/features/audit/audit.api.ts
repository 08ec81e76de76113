import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { AuditQuery } from '../../app/api-types';
import { unwrap } from '../../app/problem';

export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

/** The audit log newest first, 50 entries per page. */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-log', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit-log', { params: { query: { ...filters, limit: 50, cursor: pageParam } } }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
