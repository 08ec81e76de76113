import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, PoolsTable } from '../../db/schema.js';
import { type Actor, poolsOf } from '../../platform/access/index.js';
import { startOfDay } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { type PoolObject, poolables, pooledTable } from './poolable.js';
import type { LimitOverride } from './pools.schema.js';

export type PoolRow = Selectable<PoolsTable>;

/** The org's live pools of one object (customers by default). */
export function livePools(db: Kysely<DB>, orgId: string, object: PoolObject = 'customer') {
  return orgPools(db, orgId).where('object', '=', object);
}

/** The org's live pools of every object (for routes that find a pool by id). */
export function orgPools(db: Kysely<DB>, orgId: string) {
  return db.selectFrom('pools').selectAll().where('orgId', '=', orgId).where('deletedAt', 'is', null);
}

/**
 * The org's default pool of an object (公海 for customers, 线索池 for leads), created with the whole
 * company as members if missing.
 */
export async function defaultPool(
  tx: Kysely<DB>,
  orgId: string,
  now: number,
  object: PoolObject = 'customer',
): Promise<PoolRow> {
  const found = await livePools(tx, orgId, object).where('isDefault', '=', 1).executeTakeFirst();
  if (found) return found;
  const root = await tx
    .selectFrom('departments')
    .select('id')
    .where('orgId', '=', orgId)
    .where('parentId', 'is', null)
    .executeTakeFirstOrThrow();
  const row = {
    id: newId(),
    orgId,
    object,
    name: poolables[object].defaultPoolName,
    description: null,
    isDefault: 1,
    dailyClaimLimit: 10,
    ownershipCap: 200,
    reclaimCooldownDays: 30,
    limitOverrides: '[]',
    createdAt: now,
    updatedAt: now,
    version: 1,
    deletedAt: null,
  };
  await tx.insertInto('pools').values(row).execute();
  await tx
    .insertInto('poolMembers')
    .values({ orgId, poolId: row.id, memberType: 'department', memberId: root.id, role: 'member' })
    .execute();
  return row;
}

export type Membership = { isMember: boolean; isAdmin: boolean };

/** Whether the actor belongs to the pool (directly or through their department), and as what. */
export async function membership(db: Kysely<DB>, actor: Actor, poolId: string): Promise<Membership> {
  // The access layer's one definition of pool membership (directly, or through a department).
  const r = await sql<{ member: number; admin: number }>`select
      case when ${poolId} in (${poolsOf(actor)}) then 1 else 0 end as member,
      case when ${poolId} in (${poolsOf(actor, 'admin')}) then 1 else 0 end as admin`.execute(db);
  const row = r.rows[0];
  return { isMember: Number(row?.member) === 1, isAdmin: Number(row?.admin) === 1 };
}

export type Limits = { dailyClaimLimit: number | null; ownershipCap: number | null };

/**
 * The claim limits that apply to a user in a pool: an override for their department (the nearest
 * one up the tree wins), else the most generous override among their roles, else the pool's own.
 */
export async function limitsFor(db: Kysely<DB>, pool: PoolRow, actor: Actor): Promise<Limits> {
  const own: Limits = { dailyClaimLimit: pool.dailyClaimLimit, ownershipCap: pool.ownershipCap };
  const overrides = JSON.parse(pool.limitOverrides) as LimitOverride[];
  if (!overrides.length) return own;
  const chain = await db
    .selectFrom('departmentClosure')
    .select(['ancestorId', 'depth'])
    .where('orgId', '=', actor.orgId)
    .where('descendantId', '=', actor.departmentId)
    .orderBy('depth')
    .execute();
  for (const d of chain) {
    const o = overrides.find((x) => x.departmentId === d.ancestorId);
    if (o) return merge(own, [o]);
  }
  const byRole = overrides.filter((x) => x.roleKey && actor.roleKeys.includes(x.roleKey));
  return byRole.length ? merge(own, byRole) : own;
}

/** Most generous of several overrides (null = no limit); a field an override leaves out keeps the pool's. */
function merge(own: Limits, overrides: LimitOverride[]): Limits {
  const pick = (k: keyof Limits) => {
    const values = overrides.map((o) => (o[k] === undefined ? own[k] : o[k]));
    return values.includes(null) ? null : Math.max(...(values as number[]));
  };
  return { dailyClaimLimit: pick('dailyClaimLimit'), ownershipCap: pick('ownershipCap') };
}

/**
 * How many customers (or leads) the user claimed today (org time zone), and how many unsettled ones
 * (not won; for leads: not converted or disqualified) they own.
 */
export async function usage(
  db: Kysely<DB>,
  actor: Actor,
  now: number,
  timeZone: string,
  object: PoolObject = 'customer',
) {
  const [claims, owned] = await Promise.all([
    db
      .selectFrom('ownershipHistory')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', actor.orgId)
      .where('object', '=', object)
      .where('toOwnerId', '=', actor.userId)
      .where('kind', '=', 'claim')
      .where('at', '>=', startOfDay(now, timeZone))
      .executeTakeFirst(),
    db
      .selectFrom(pooledTable(object))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orgId', '=', actor.orgId)
      .where('ownerId', '=', actor.userId)
      .where('status', 'not in', [...poolables[object].settled])
      .where('deletedAt', 'is', null)
      .executeTakeFirst(),
  ]);
  return { claimedToday: Number(claims?.n ?? 0), owned: Number(owned?.n ?? 0) };
}

export async function orgTimeZone(db: Kysely<DB>, orgId: string): Promise<string> {
  const org = await db
    .selectFrom('orgs')
    .select('timeZone')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return org.timeZone;
}
