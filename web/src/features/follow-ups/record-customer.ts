import { useOpportunity } from '../opportunities/opportunities.api';
import type { FollowUpObject } from './follow-ups.api';

/**
 * The customer whose contacts may take part: the customer itself, a deal's customer; a lead has none.
 * A deal's page has the deal loaded already, so this reads it from there.
 */
export function useRecordCustomer(object: FollowUpObject, recordId: string): string | null {
  const deal = useOpportunity(object === 'opportunity' ? recordId : undefined);
  if (object === 'customer') return recordId;
  if (object === 'opportunity') return deal.data?.customerId ?? null;
  return null;
}
