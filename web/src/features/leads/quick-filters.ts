import type { LeadFilters } from './leads.api';
import { hotScore } from './score';

// The list's quick filters (chips above the table): one at a time, on top of the other filters.
export const quickFilters = ['all', 'at_risk', 'missed', 'today', 'overdue', 'hot'] as const;
export type QuickFilter = (typeof quickFilters)[number];

type QuickQuery = Pick<LeadFilters, 'sla' | 'followUp' | 'minScore'>;

/** The list query of a quick filter: 待首次跟进 / 已超时 by the deadline, 今日 / 逾期 by the next follow-up, 高分 by score. */
export function quickQuery(q: QuickFilter): QuickQuery {
  switch (q) {
    case 'at_risk':
    case 'missed':
      return { sla: q };
    case 'today':
    case 'overdue':
      return { followUp: q };
    case 'hot':
      return { minScore: hotScore };
    default:
      return {};
  }
}
