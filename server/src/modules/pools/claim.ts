import { type Kysely, type SqlBool, sql } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { type Actor, can, poolsOf, scopeFilter } from '../../platform/access/index.js';
import { minuteIn } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ChangeContext } from '../customers/customers.service.js';
import { moveRecords } from '../customers/ownership.js';
import { type PoolObject, poolables, pooledTable } from './poolable.js';
import { defaultPool, limitsFor, livePools, membership, orgTimeZone, usage } from './pools.repo.js';

const day = 86_400_000;

/**
 * 领取: the actor takes a customer (or lead) out of a pool they belong to, within their daily claim
 * limit and ownership cap and outside the re-claim cooldown of a former owner. Two reps claiming the
 * same record at once: exactly one wins, the other gets 409 already_claimed.
 */
export async function claimRecord(
  tx: Kysely<DB>,
  actor: Actor,
  object: PoolObject,
  id: string,
  meta: ChangeContext,
): Promise<void> {
  // One rep's claims run one after another, so parallel requests cannot overrun their limits.
  if (isPostgres(tx))
    await tx.selectFrom('users').select('id').where('id', '=', actor.userId).forUpdate().execute();
  const c = await tx
    .selectFrom(`${pooledTable(object)} as c` as 'customers as c')
    .select(['c.id', 'c.ownerId', 'c.poolId'])
    .select(
      sql<number>`case when ${scopeFilter(actor, object, 'c.owner_id')} then 1 else 0 end`.as('visible'),
    )
    .where('c.orgId', '=', actor.orgId)
    .where('c.id', '=', id)
    .where('c.deletedAt', 'is', null)
    .executeTakeFirst();
  if (!c) throw notFound();
  if (c.ownerId !== null) {
    // Someone was quicker: say so to whoever could see it waiting in the pool; to others it stays hidden.
    const couldSee =
      Number(c.visible) === 1 || (c.poolId && (await membership(tx, actor, c.poolId)).isMember);
    throw couldSee ? new AppError(409, 'already_claimed') : notFound();
  }
  if (Number(c.visible) !== 1) throw notFound();
  const pool = c.poolId
    ? await livePools(tx, actor.orgId, object).where('id', '=', c.poolId).executeTakeFirst()
    : undefined;
  if (!pool) throw new AppError(409, 'not_in_pool');
  const m = await membership(tx, actor, pool.id);
  if (!m.isMember && !actor.isAdmin) throw new AppError(403, 'not_pool_member');

  if (pool.reclaimCooldownDays > 0) {
    const last = await tx
      .selectFrom('ownershipHistory')
      .select('at')
      .where('orgId', '=', actor.orgId)
      .where('fromOwnerId', '=', actor.userId)
      .where('recordId', '=', c.id)
      .where('kind', 'in', ['release', 'recycle'])
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const until = last ? last.at + pool.reclaimCooldownDays * day : 0;
    if (until > meta.at)
      throw new AppError(
        422,
        'reclaim_cooldown',
        { until: minuteIn(until, await orgTimeZone(tx, actor.orgId)) },
        { body: { until } },
      );
  }
  const limits = await limitsFor(tx, pool, actor);
  const used = await usage(tx, actor, meta.at, await orgTimeZone(tx, actor.orgId), object);
  if (limits.dailyClaimLimit !== null && used.claimedToday >= limits.dailyClaimLimit)
    throw new AppError(
      422,
      'claim_limit_reached',
      { limit: limits.dailyClaimLimit },
      { body: { limit: limits.dailyClaimLimit } },
    );
  if (limits.ownershipCap !== null && used.owned >= limits.ownershipCap)
    throw new AppError(
      422,
      'ownership_cap_reached',
      { cap: limits.ownershipCap },
      { body: { cap: limits.ownershipCap } },
    );

  const moved = await moveRecords(
    tx,
    object,
    [{ id: c.id, expectOwner: null, poolId: c.poolId }],
    { ownerId: actor.userId },
    'claim',
    meta,
  );
  if (!moved.length) throw new AppError(409, 'already_claimed');
}

/**
 * 退回公海: owners (or whoever may update the records) put them into a pool — the one named, else the
 * pool each came from, else the org's default pool of the object — with a reason. All or nothing.
 */
export async function releaseRecords(
  tx: Kysely<DB>,
  actor: Actor,
  object: PoolObject,
  ids: string[],
  o: { poolId?: string; reason: string },
  meta: ChangeContext,
): Promise<number> {
  const rows = await updatable(tx, actor, object, ids);
  const notOwned = rows.filter((r) => r.ownerId === null);
  if (notOwned.length)
    throw new AppError(409, 'already_in_pool', {}, { body: { ids: notOwned.map((r) => r.id) } });
  // A converted or disqualified lead is history: it does not go back into a pool.
  const closed =
    object === 'lead'
      ? rows.filter((r) => (poolables.lead.settled as readonly string[]).includes(r.status))
      : [];
  if (closed.length) throw new AppError(409, 'lead_closed', {}, { body: { ids: closed.map((r) => r.id) } });
  if (o.poolId && !(await poolExists(tx, actor.orgId, object, o.poolId)))
    throw new AppError(
      422,
      'validation_failed',
      {},
      { errors: [{ path: 'body.poolId', code: 'not_found' }] },
    );
  const fallback = o.poolId ?? (await defaultPool(tx, actor.orgId, meta.at, object)).id;
  let moved = 0;
  for (const r of rows) {
    const home =
      !o.poolId && r.poolId && (await poolExists(tx, actor.orgId, object, r.poolId)) ? r.poolId : fallback;
    const done = await moveRecords(
      tx,
      object,
      [{ id: r.id, expectOwner: r.ownerId, poolId: r.poolId }],
      { poolId: home },
      'release',
      { ...meta, reason: o.reason },
    );
    moved += done.length;
  }
  if (moved !== rows.length) throw new AppError(409, 'version_conflict');
  return moved;
}

/**
 * 转移: hand customers (or leads) to another active user. Allowed on records the actor may update,
 * and on records in a pool the actor administers (分配). All or nothing.
 */
export async function transferRecords(
  tx: Kysely<DB>,
  actor: Actor,
  object: PoolObject,
  ids: string[],
  o: { toUserId: string; reason?: string },
  meta: ChangeContext,
): Promise<number> {
  const rows = await updatable(tx, actor, object, ids, { poolAdmin: true });
  const moves = rows
    .filter((r) => r.ownerId !== o.toUserId)
    .map((r) => ({ id: r.id, expectOwner: r.ownerId, poolId: r.poolId }));
  const moved = await moveRecords(tx, object, moves, { ownerId: o.toUserId }, 'transfer', {
    ...meta,
    reason: o.reason,
  });
  if (moved.length !== moves.length) throw new AppError(409, 'version_conflict');
  return moved.length;
}

/**
 * The records among `ids` the actor may change hands of; any id outside reach makes the whole
 * request a 404 naming the ids (nothing changes).
 */
async function updatable(
  tx: Kysely<DB>,
  actor: Actor,
  object: PoolObject,
  ids: string[],
  o: { poolAdmin?: boolean } = {},
) {
  const unique = [...new Set(ids)];
  const rows = await tx
    .selectFrom(`${pooledTable(object)} as c` as 'customers as c')
    .select(['c.id', 'c.ownerId', 'c.poolId', 'c.status'])
    .where('c.orgId', '=', actor.orgId)
    .where('c.id', 'in', unique)
    .where('c.deletedAt', 'is', null)
    .where((eb) => {
      const reach = [scopeFilter(actor, object, 'c.owner_id', 'update')];
      if (o.poolAdmin && can(actor, object, 'update'))
        reach.push(sql<SqlBool>`(c.owner_id is null and c.pool_id in (${poolsOf(actor, 'admin')}))`);
      return eb.or(reach);
    })
    .execute();
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new AppError(404, 'not_found', {}, { body: { ids: unique.filter((id) => !found.has(id)) } });
  }
  return rows;
}

async function poolExists(tx: Kysely<DB>, orgId: string, object: PoolObject, id: string) {
  return !!(await livePools(tx, orgId, object).where('id', '=', id).executeTakeFirst());
}
