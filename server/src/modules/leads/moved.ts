import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Moved, onMoved } from '../pools/poolable.js';
import type { AssignmentReason, MovedReason } from './assignment.js';

// 分配原因 stays true after a lead changes hands: every move of a lead (the assignment rules, 领取,
// 转移, 退回线索池, a pool's 回收 rule, 离职交接) goes through moveRecords, which runs this hook in the
// same transaction — so the lead page says how it got its present owner or pool, never how it
// started when that is no longer so.

/** How each moved lead got where it is now: the rules' own reason for `assign`, else who moved it, from whom, why. */
export function movedReasons(
  m: Moved,
  names: { users: Map<string, string>; pools: Map<string, string> },
): Map<string, AssignmentReason> {
  const out = new Map<string, AssignmentReason>();
  const assigned = m.payload.assignment as AssignmentReason | undefined;
  for (const r of m.records) {
    if (m.kind === 'assign' && assigned) {
      out.set(r.id, assigned);
      continue;
    }
    if (!isMovedKind(m.kind)) continue;
    const user = (id: string | null) => (id ? names.users.get(id) : undefined);
    const poolId = 'poolId' in m.to || m.kind === 'claim' ? (r.poolId ?? undefined) : undefined;
    const ruleId = typeof m.payload.ruleId === 'string' ? m.payload.ruleId : undefined;
    const reason: MovedReason = {
      kind: m.kind,
      at: m.at,
      byUserId: m.actorId,
      fromUserId: r.fromOwnerId,
      ...(user(m.actorId) !== undefined && { byUserName: user(m.actorId) }),
      ...(user(r.fromOwnerId) !== undefined && { fromUserName: user(r.fromOwnerId) }),
      ...(poolId && { poolId, ...(names.pools.has(poolId) && { poolName: names.pools.get(poolId) }) }),
      ...(m.reason && { reason: m.reason }),
      ...(ruleId && { ruleId }),
    };
    out.set(r.id, reason);
  }
  return out;
}

const movedKinds = ['claim', 'transfer', 'release', 'recycle', 'handover'] as const;
const isMovedKind = (k: string): k is MovedReason['kind'] => (movedKinds as readonly string[]).includes(k);

onMoved('lead', async (tx, m) => {
  const reasons = movedReasons(m, await namesOf(tx, m));
  for (const [id, reason] of reasons)
    await tx
      .updateTable('leads')
      .set({
        assignment: JSON.stringify(reason),
        // A lead the rules put in a pool was assigned to no one yet.
        assignedAt:
          reason.kind === 'rule' || reason.kind === 'fallback' ? ('ownerId' in m.to ? m.at : null) : m.at,
      })
      .where('orgId', '=', m.orgId)
      .where('id', '=', id)
      .execute();
});

/** The names of who moved the leads, their former owners and their pools, as they are now. */
async function namesOf(tx: Kysely<DB>, m: Moved) {
  const userIds = [
    ...new Set([m.actorId, ...m.records.map((r) => r.fromOwnerId)].filter((x): x is string => !!x)),
  ];
  const poolIds = [...new Set(m.records.map((r) => r.poolId).filter((x): x is string => !!x))];
  const [users, pools] = await Promise.all([
    userIds.length
      ? tx
          .selectFrom('users')
          .select(['id', 'name'])
          .where('orgId', '=', m.orgId)
          .where('id', 'in', userIds)
          .execute()
      : [],
    poolIds.length
      ? tx
          .selectFrom('pools')
          .select(['id', 'name'])
          .where('orgId', '=', m.orgId)
          .where('id', 'in', poolIds)
          .execute()
      : [],
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    pools: new Map(pools.map((p) => [p.id, p.name])),
  };
}
