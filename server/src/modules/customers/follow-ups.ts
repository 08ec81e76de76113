import { notFound } from '../../platform/errors.js';
import { registerFollowUpTarget } from '../follow-ups/registry.js';

// 跟进客户: a follow-up on a customer sets when it was last followed up — what 未跟进 N 天 recycle rules
// and the lists count from — and when it is next due (the to-do centre). Its contacts may take part.
registerFollowUpTarget('customer', {
  async onFollowUp(tx, id, followUp, meta) {
    const res = await tx
      .updateTable('customers')
      .set((eb) => ({
        lastFollowUpAt: meta.at,
        nextFollowUpAt: followUp.nextAt,
        updatedAt: meta.at,
        version: eb('version', '+', 1),
      }))
      .where('orgId', '=', meta.orgId)
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw notFound();
  },
  customerOf: async (_tx, _orgId, id) => id,
});
