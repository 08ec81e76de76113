import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { DB, OpportunitiesTable } from '../../db/schema.js';
import type { opportunity } from './opportunities.schema.js';

const day = 86_400_000;

/** Live deals of an org with their customer's and owner's names and their stage. */
export function selectOpportunities(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('opportunities as o')
    .innerJoin('customers as c', 'c.id', 'o.customerId')
    .innerJoin('pipelineStages as st', 'st.id', 'o.stageId')
    .leftJoin('users as u', 'u.id', 'o.ownerId')
    .selectAll('o')
    .select([
      'c.name as customerName',
      'u.name as ownerName',
      'st.name as stageName',
      'st.category as stageCategory',
      'st.probability as probability',
      'st.stalledDays as stalledDays',
      // 审批中: a stage change waits on an approval (the board marks the card).
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('approvalInstances as ai')
              .select('ai.id')
              .whereRef('ai.orgId', '=', 'o.orgId')
              .where('ai.object', '=', 'opportunity')
              .whereRef('ai.recordId', '=', 'o.id')
              .where('ai.status', '=', 'pending'),
          )
          .as('awaitingApproval'),
    ])
    .where('o.orgId', '=', orgId)
    .where('o.deletedAt', 'is', null);
}

export type OpportunityRow = Selectable<OpportunitiesTable> & {
  customerName: string;
  ownerName: string | null;
  stageName: string;
  stageCategory: string;
  probability: number;
  stalledDays: number | null;
  awaitingApproval: boolean | number;
};

type Opportunity = z.infer<typeof opportunity>;

/** 停滞: an open deal longer in its stage than the stage's threshold. */
export const isStalled = (
  r: Pick<OpportunityRow, 'status' | 'stalledDays' | 'stageEnteredAt'>,
  now: number,
) => r.status === 'open' && r.stalledDays !== null && now - r.stageEnteredAt > r.stalledDays * day;

export function present(r: OpportunityRow, now: number): Opportunity {
  return {
    id: r.id,
    name: r.name,
    customerId: r.customerId,
    customerName: r.customerName,
    pipelineId: r.pipelineId,
    stageId: r.stageId,
    stageName: r.stageName,
    stageCategory: r.stageCategory as Opportunity['stageCategory'],
    probability: r.probability,
    status: r.status as Opportunity['status'],
    amount: r.amount,
    currency: r.currency,
    expectedCloseDate: r.expectedCloseDate,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    source: r.source,
    leadId: r.leadId,
    externalId: r.externalId,
    products: r.products,
    competitors: r.competitors,
    lostReason: r.lostReason,
    stageEnteredAt: r.stageEnteredAt,
    stalled: isStalled(r, now),
    awaitingApproval: !!r.awaitingApproval,
    checklist: JSON.parse(r.checklist) as Record<string, string[]>,
    closedAt: r.closedAt,
    lastFollowUpAt: r.lastFollowUpAt,
    nextFollowUpAt: r.nextFollowUpAt,
    custom: JSON.parse(r.custom) as Record<string, unknown>,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
