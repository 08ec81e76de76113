import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../platform/errors.js';
import { moveRecords } from '../customers/ownership.js';
import { type HandoverTarget, registerHandover } from '../org/handover.js';
import { type PoolObject, pooledTable } from './poolable.js';
import { defaultPool, livePools } from './pools.repo.js';

// A departing user's customers and open leads go to their successor or into a pool, each with its
// history line. Customers go to the pool named; leads to the org's lead pool (线索池).

/** Which of a user's records change hands: all customers; leads still being worked on. */
function ownedBy(db: Kysely<DB>, object: PoolObject, orgId: string, userId: string) {
  let q = db
    .selectFrom(pooledTable(object))
    .where('orgId', '=', orgId)
    .where('ownerId', '=', userId)
    .where('deletedAt', 'is', null);
  if (object === 'lead') q = q.where('status', 'in', ['new', 'working', 'qualified']);
  return q;
}

async function poolFor(
  tx: Kysely<DB>,
  object: PoolObject,
  orgId: string,
  target: HandoverTarget,
  at: number,
) {
  if (!('toPoolId' in target)) return null;
  if (object === 'lead') return (await defaultPool(tx, orgId, at, 'lead')).id;
  if (!(await livePools(tx, orgId).where('id', '=', target.toPoolId).executeTakeFirst()))
    throw invalid([{ path: 'body.handover.toPoolId', code: 'not_found' }]);
  return target.toPoolId;
}

for (const object of ['customer', 'lead'] as const)
  registerHandover({
    object,
    async count(db, orgId, userId) {
      const r = await ownedBy(db, object, orgId, userId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async transfer(tx, actor, fromUserId, target, meta) {
      const poolId = await poolFor(tx, object, actor.orgId, target, meta.at);
      const rows = await ownedBy(tx, object, actor.orgId, fromUserId).select(['id', 'poolId']).execute();
      const moved = await moveRecords(
        tx,
        object,
        rows.map((r) => ({ id: r.id, expectOwner: fromUserId, poolId: r.poolId })),
        poolId ? { poolId } : { ownerId: (target as { toUserId: string }).toUserId },
        'handover',
        { ...meta, payload: { fromUserId } },
      );
      return moved.length;
    },
  });
