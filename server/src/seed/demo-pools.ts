import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { moveRecords } from '../modules/customers/ownership.js';
import { defaultPool } from '../modules/pools/pools.repo.js';
import { newId } from '../platform/ids.js';

const day = 86_400_000;

/**
 * The demo's 公海: the company-wide default pool, a 华东公海 for the east region run by its manager,
 * a recycle rule (C-level customers not won in 240 days go back), and a dozen customers that reps
 * released with the reasons reps give.
 */
export async function seedDemoPools(
  tx: Kysely<DB>,
  orgId: string,
  o: { eastDepartmentId: string; eastManagerId: string },
  now: number,
): Promise<void> {
  const company = await defaultPool(tx, orgId, now);
  const eastId = newId();
  await tx
    .insertInto('pools')
    .values({
      id: eastId,
      orgId,
      object: 'customer',
      name: '华东公海',
      description: '华东大区释放和回收的客户，大区内领取',
      isDefault: 0,
      dailyClaimLimit: 5,
      ownershipCap: 60,
      reclaimCooldownDays: 15,
      limitOverrides: '[]',
      createdAt: now,
      updatedAt: now,
      version: 1,
      deletedAt: null,
    })
    .execute();
  await tx
    .insertInto('poolMembers')
    .values([
      { orgId, poolId: eastId, memberType: 'department', memberId: o.eastDepartmentId, role: 'member' },
      { orgId, poolId: eastId, memberType: 'user', memberId: o.eastManagerId, role: 'admin' },
    ])
    .execute();
  await tx
    .insertInto('recycleRules')
    .values({
      id: newId(),
      orgId,
      poolId: company.id,
      name: 'C 类客户 240 天未成交',
      levels: JSON.stringify(['C']),
      noFollowUpDays: null,
      notWonDays: 240,
      warnDays: 14,
      exemptLocked: 1,
      exemptWon: 1,
      enabled: 1,
      createdAt: now,
      updatedAt: now,
      version: 1,
      deletedAt: null,
    })
    .execute();

  const reasons = ['客户暂无采购需求', '多次联系未果', '客户已选择竞品', '负责区域调整'];
  const owned = await tx
    .selectFrom('customers as c')
    .innerJoin('users as u', 'u.id', 'c.ownerId')
    .innerJoin('departmentClosure as dc', (j) => j.onRef('dc.descendantId', '=', 'u.departmentId'))
    .select(['c.id', 'c.ownerId', 'c.poolId', 'dc.ancestorId'])
    .where('c.orgId', '=', orgId)
    .where('c.status', '=', 'prospect')
    .where('dc.depth', '>', 0)
    .where('dc.ancestorId', '=', o.eastDepartmentId)
    .orderBy('c.id')
    .limit(5)
    .execute();
  const others = await tx
    .selectFrom('customers')
    .select(['id', 'ownerId', 'poolId'])
    .where('orgId', '=', orgId)
    .where('status', '=', 'prospect')
    .where('id', 'not in', owned.length ? owned.map((r) => r.id) : [''])
    .orderBy('id', 'desc')
    .limit(7)
    .execute();
  const release = async (
    rows: { id: string; ownerId: string | null; poolId: string | null }[],
    poolId: string,
  ) => {
    for (const [i, r] of rows.entries()) {
      await moveRecords(
        tx,
        'customer',
        [{ id: r.id, expectOwner: r.ownerId, poolId: r.poolId }],
        { poolId },
        'release',
        {
          orgId,
          actorId: r.ownerId,
          at: now - (i + 1) * 3 * day,
          reason: reasons[i % reasons.length],
        },
      );
    }
  };
  await release(owned, eastId);
  await release(others, company.id);
}
