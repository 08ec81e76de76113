import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB, RecycleRulesTable } from '../../db/schema.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { notify } from '../../platform/notify/service.js';
import { moveRecords } from '../customers/ownership.js';
import { type PoolObject, poolables, pooledTable } from './poolable.js';

const day = 86_400_000;
const batch = 500;

/** Live recycle rules of an org with their pool's name and object (a 公海's rules take back customers, a 线索池's leads). */
export function liveRules(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('recycleRules as r')
    .innerJoin('pools as p', 'p.id', 'r.poolId')
    .selectAll('r')
    .select(['p.name as poolName', 'p.object as poolObject'])
    .where('r.orgId', '=', orgId)
    .where('r.deletedAt', 'is', null);
}

export type RuleRow = Selectable<RecycleRulesTable> & { poolName: string; poolObject: string };

export const ruleObject = (r: { poolObject: string }) => r.poolObject as PoolObject;

export function presentRule(r: RuleRow) {
  return {
    id: r.id,
    name: r.name,
    poolId: r.poolId,
    poolName: r.poolName,
    object: ruleObject(r),
    levels: JSON.parse(r.levels) as string[],
    noFollowUpDays: r.noFollowUpDays,
    notWonDays: r.notWonDays,
    noDealDays: r.noDealDays,
    warnDays: r.warnDays,
    exemptLocked: r.exemptLocked === 1,
    exemptWon: r.exemptWon === 1,
    enabled: r.enabled === 1,
    version: r.version,
  };
}

/** A customer's deals (alias `as`): whether one is open, and when the last one was created or closed. */
export const dealColumns = (as: string) => {
  const deals = (what: ReturnType<typeof sql>) => sql`(select ${what} from opportunities o
    where o.org_id = ${sql.ref(`${as}.org_id`)} and o.customer_id = ${sql.ref(`${as}.id`)} and o.deleted_at is null)`;
  return {
    openDeals: deals(sql`count(case when o.status = 'open' then 1 end)`),
    lastDealAt: deals(sql`max(coalesce(o.closed_at, o.created_at))`),
  };
};

/**
 * Owned records (table alias `as`) that `rule` sends back to its pool at time `at`. Closed records
 * never go back: won customers only when the rule exempts them, converted or disqualified leads always.
 * Levels, the lock and deals are customer conditions. "Not won" is "not converted" for a lead.
 */
export function dueCondition(rule: RuleRow, at: number, as: string) {
  const col = (name: string) => sql.ref(`${as}.${name}`);
  const owned = sql`coalesce(${col('owned_since')}, ${col('created_at')})`;
  // Since when the current owner has not followed up: the later of the last follow-up and getting it.
  const followedUp = sql`(case when ${col('last_follow_up_at')} is not null
    and ${col('last_follow_up_at')} > ${owned} then ${col('last_follow_up_at')} else ${owned} end)`;
  const settled = poolables[ruleObject(rule)].settled;
  const open = sql<SqlBool>`${col('status')} not in (${sql.join(settled)})`;
  const parts: ReturnType<typeof sql<SqlBool>>[] = [
    sql<SqlBool>`${col('owner_id')} is not null`,
    sql<SqlBool>`${col('deleted_at')} is null`,
  ];
  if (ruleObject(rule) === 'customer') {
    const levels = JSON.parse(rule.levels) as string[];
    if (levels.length) parts.push(sql<SqlBool>`${col('level')} in (${sql.join(levels)})`);
    if (rule.exemptLocked) parts.push(sql<SqlBool>`${col('locked')} = 0`);
    if (rule.exemptWon) parts.push(open);
  } else parts.push(open);
  const triggers: ReturnType<typeof sql<SqlBool>>[] = [];
  if (rule.noFollowUpDays !== null)
    triggers.push(sql<SqlBool>`${followedUp} <= ${at - rule.noFollowUpDays * day}`);
  if (rule.notWonDays !== null)
    triggers.push(sql<SqlBool>`(${open} and ${owned} <= ${at - rule.notWonDays * day})`);
  if (rule.noDealDays !== null && ruleObject(rule) === 'customer') {
    // No open deal, and none created or closed since the later of getting it and M days ago.
    const { openDeals, lastDealAt } = dealColumns(as);
    const since = at - rule.noDealDays * day;
    triggers.push(
      sql<SqlBool>`(${openDeals} = 0 and ${owned} <= ${since} and coalesce(${lastDealAt}, 0) <= ${since})`,
    );
  }
  parts.push(sql<SqlBool>`(${sql.join(triggers, sql` or `)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** When `rule` would take this record back (the earliest of its triggers). */
export function dueAt(
  rule: RuleRow,
  c: {
    lastFollowUpAt: number | null;
    ownedSince: number | null;
    createdAt: number;
    status: string;
    /** A customer's deals, when the rule counts days without one. */
    openDeals?: number | string | null;
    lastDealAt?: number | string | null;
  },
): number {
  const owned = c.ownedSince ?? c.createdAt;
  const followUp = c.lastFollowUpAt !== null && c.lastFollowUpAt > owned ? c.lastFollowUpAt : owned;
  const times: number[] = [];
  if (rule.noFollowUpDays !== null) times.push(followUp + rule.noFollowUpDays * day);
  if (
    rule.notWonDays !== null &&
    !(poolables[ruleObject(rule)].settled as readonly string[]).includes(c.status)
  )
    times.push(owned + rule.notWonDays * day);
  if (rule.noDealDays !== null && Number(c.openDeals ?? 0) === 0) {
    const last = Math.max(owned, Number(c.lastDealAt ?? 0));
    times.push(last + rule.noDealDays * day);
  }
  return Math.min(...times);
}

/** What a former owner's notices say and link to, per object. */
const notices = {
  customer: { recycled: 'customers_recycled', soon: 'customers_recycle_soon', list: '/customers' },
  lead: { recycled: 'leads_recycled', soon: 'leads_recycle_soon', list: '/leads' },
} as const;

/**
 * Hourly: every enabled rule returns the customers (or leads) it catches to its pool (with the rule as
 * the reason, in the audit log and ownership history), tells each former owner how many went, and
 * warns owners once a day about records due within the rule's warning days.
 */
export function registerRecycling(jobs: JobRunner): void {
  // The job keeps its first name: schedules stored under it go on running.
  jobs.every('customers.recycle', 3_600_000);
  jobs.handle('customers.recycle', async (_job, { db, clock }) => {
    const orgs = await db
      .selectFrom('recycleRules')
      .select('orgId')
      .distinct()
      .where('enabled', '=', 1)
      .where('deletedAt', 'is', null)
      .execute();
    for (const { orgId } of orgs) await recycleOrg(db, orgId, clock.now());
  });
}

export async function recycleOrg(db: Kysely<DB>, orgId: string, now: number): Promise<number> {
  const rules = await liveRules(db, orgId).where('r.enabled', '=', 1).orderBy('r.createdAt').execute();
  let total = 0;
  for (const rule of rules) {
    const object = ruleObject(rule);
    const byOwner = new Map<string, number>();
    for (;;) {
      const due = await db
        .selectFrom(`${pooledTable(object)} as x`)
        .select(['x.id', 'x.ownerId', 'x.poolId'])
        .where('x.orgId', '=', orgId)
        .where(dueCondition(rule, now, 'x'))
        .limit(batch)
        .execute();
      if (!due.length) break;
      const moved = await db.transaction().execute((tx) =>
        moveRecords(
          tx,
          object,
          due.map((c) => ({ id: c.id, expectOwner: c.ownerId, poolId: c.poolId })),
          { poolId: rule.poolId },
          'recycle',
          { orgId, actorId: null, at: now, reason: rule.name, payload: { ruleId: rule.id } },
        ),
      );
      for (const c of due)
        if (moved.includes(c.id) && c.ownerId) byOwner.set(c.ownerId, (byOwner.get(c.ownerId) ?? 0) + 1);
      total += moved.length;
      if (due.length < batch) break;
    }
    for (const [ownerId, count] of byOwner)
      await notify(
        db,
        orgId,
        [ownerId],
        {
          kind: notices[object].recycled,
          params: { count, rule: rule.name, pool: rule.poolName },
          link: notices[object].list,
          eventId: `recycled:${rule.id}:${ownerId}:${now}`,
        },
        now,
      );
    if (rule.warnDays > 0) await warnOwners(db, orgId, rule, now);
  }
  return total;
}

/** One notice a day per owner and rule: "N customers (leads) go back to the pool within D days". */
async function warnOwners(db: Kysely<DB>, orgId: string, rule: RuleRow, now: number) {
  const object = ruleObject(rule);
  const soon = await db
    .selectFrom(`${pooledTable(object)} as x`)
    .select(['x.ownerId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('x.orgId', '=', orgId)
    .where(dueCondition(rule, now + rule.warnDays * day, 'x'))
    .groupBy('x.ownerId')
    .execute();
  const dayKey = Math.floor(now / day);
  for (const s of soon) {
    if (!s.ownerId) continue;
    await notify(
      db,
      orgId,
      [s.ownerId],
      {
        kind: notices[object].soon,
        params: { count: Number(s.n), days: rule.warnDays, rule: rule.name, pool: rule.poolName },
        link: `${notices[object].list}/recycle-due`,
        eventId: `recycle-soon:${rule.id}:${s.ownerId}:${dayKey}`,
      },
      now,
    );
  }
}
