import { invalid } from '../../platform/errors.js';
import { moveRecords } from '../customers/ownership.js';
import { registerHandover } from '../org/handover.js';
import { livePools } from './pools.repo.js';

// A departing user's customers go to their successor or into a pool, each with its history line.
registerHandover({
  object: 'customer',
  async count(db, orgId, userId) {
    const r = await db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', orgId)
      .where('ownerId', '=', userId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async transfer(tx, actor, fromUserId, target, meta) {
    if (
      'toPoolId' in target &&
      !(await livePools(tx, actor.orgId).where('id', '=', target.toPoolId).executeTakeFirst())
    )
      throw invalid([{ path: 'body.handover.toPoolId', code: 'not_found' }]);
    const rows = await tx
      .selectFrom('customers')
      .select(['id', 'poolId'])
      .where('orgId', '=', actor.orgId)
      .where('ownerId', '=', fromUserId)
      .where('deletedAt', 'is', null)
      .execute();
    const moved = await moveRecords(
      tx,
      'customer',
      rows.map((r) => ({ id: r.id, expectOwner: fromUserId, poolId: r.poolId })),
      'toUserId' in target ? { ownerId: target.toUserId } : { poolId: target.toPoolId },
      'handover',
      { ...meta, payload: { fromUserId } },
    );
    return moved.length;
  },
});
