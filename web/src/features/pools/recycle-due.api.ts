import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { unwrap } from '../../app/problem';
import { customersKey } from '../customers/customers.api';
import { leadsKey } from '../leads/leads.api';
import type { PoolObject } from './pools.api';

/** A record the recycle rules will soon return to a pool, as the 即将回收 page lists it. */
export type DueRecord = {
  id: string;
  name: string;
  href: string;
  ownerName: string | null;
  /** A customer's level, or a lead's score. */
  level?: string | null;
  score?: number;
  dueAt: number;
  rule: { id: string; name: string; poolName: string };
};

/** 即将回收 of customers (公海) or leads (线索池): what the caller may see, soonest first. */
export const useRecycleDue = (object: PoolObject) =>
  useQuery({
    queryKey: [...(object === 'lead' ? leadsKey : customersKey), 'recycle-due'],
    queryFn: async (): Promise<DueRecord[]> => {
      if (object === 'lead') {
        const { data } = await unwrap(api.GET('/api/v1/leads/recycle-due', { params: { query: {} } }));
        return data.map(({ lead, ...r }) => ({
          ...r,
          id: lead.id,
          name: lead.name,
          href: `/leads/${lead.id}`,
          ownerName: lead.ownerName,
          score: lead.score,
        }));
      }
      const { data } = await unwrap(api.GET('/api/v1/customers/recycle-due', { params: { query: {} } }));
      return data.map(({ customer, ...r }) => ({
        ...r,
        id: customer.id,
        name: customer.name,
        href: `/customers/${customer.id}`,
        ownerName: customer.ownerName,
        level: customer.level,
      }));
    },
  });
