import { sql } from 'kysely';
import { AppError, notFound } from '../../platform/errors.js';
import { registerFollowUpTarget } from '../follow-ups/registry.js';
import { loadPipeline } from './pipelines.repo.js';

const day = 86_400_000;

// A follow-up on a deal sets its last follow-up and its next one: the time the rep gave, else the
// cadence of its stage (the article's every 2 days) — and it is a follow-up of its customer too. A
// closed deal takes no follow-ups. A deal's follow-ups show on its customer's timeline.
registerFollowUpTarget('opportunity', {
  recordsUnder: (orgId, parentObject, parentId) =>
    parentObject === 'customer'
      ? sql`select id from opportunities where org_id = ${orgId} and customer_id = ${parentId}`
      : null,
  customerOf: async (tx, orgId, id) =>
    (
      await tx
        .selectFrom('opportunities')
        .select('customerId')
        .where('orgId', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst()
    )?.customerId ?? null,
  async onFollowUp(tx, id, followUp, meta) {
    const deal = await tx
      .selectFrom('opportunities')
      .select(['id', 'pipelineId', 'stageId', 'status', 'customerId'])
      .where('orgId', '=', meta.orgId)
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!deal) throw notFound();
    if (deal.status !== 'open') throw new AppError(409, 'opportunity_closed');
    const stage = (await loadPipeline(tx, meta.orgId, deal.pipelineId))?.stages.find(
      (s) => s.id === deal.stageId,
    );
    const cadence = stage?.cadenceDays ? meta.at + stage.cadenceDays * day : null;
    await tx
      .updateTable('opportunities')
      .set((eb) => ({
        lastFollowUpAt: meta.at,
        nextFollowUpAt: followUp.nextAt ?? cadence,
        updatedAt: meta.at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await tx
      .updateTable('customers')
      .set((eb) => ({ lastFollowUpAt: meta.at, updatedAt: meta.at, version: eb('version', '+', 1) }))
      .where('id', '=', deal.customerId)
      .execute();
  },
});
