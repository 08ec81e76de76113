import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB, RecycleRulesTable } from '../../db/schema.js';
import type { JobRunner } from '../../platform/jobs/worker.js';
import { notify } from '../../platform/notify/service.js';
import { moveRecords } from '../customers/ownership.js';

const day = 86_400_000;
const batch = 500;

export function liveRules(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('recycleRules as r')
    .innerJoin('pools as p', 'p.id', 'r.poolId')
    .selectAll('r')
    .select('p.name as poolName')
    .where('r.orgId', '=', orgId)
    .where('r.deletedAt', 'is', null);
}

type RuleRow = Selectable<RecycleRulesTable> & { poolName: string };

export function presentRule(r: RuleRow) {
  return {
    id: r.id,
    name: r.name,
    poolId: r.poolId,
    poolName: r.poolName,
    levels: JSON.parse(r.levels) as string[],
    noFollowUpDays: r.noFollowUpDays,
    notWonDays: r.notWonDays,
    warnDays: r.warnDays,
    exemptLocked: r.exemptLocked === 1,
    exemptWon: r.exemptWon === 1,
    enabled: r.enabled === 1,
    version: r.version,
  };
}

/** Since when the current owner has not followed up: the later of the last follow-up and getting it. */
const followUpAnchor = sql<number>`(case when c.last_follow_up_at is not null
  and c.last_follow_up_at > coalesce(c.owned_since, c.created_at)
  then c.last_follow_up_at else coalesce(c.owned_since, c.created_at) end)`;
const ownedAnchor = sql<number>`coalesce(c.owned_since, c.created_at)`;

/** Owned customers (alias c) that `rule` sends back to its pool at time `at`. */
export function dueCondition(rule: RuleRow, at: number) {
  const levels = JSON.parse(rule.levels) as string[];
  const parts: ReturnType<typeof sql<SqlBool>>[] = [
    sql<SqlBool>`c.owner_id is not null`,
    sql<SqlBool>`c.deleted_at is null`,
  ];
  if (levels.length) parts.push(sql<SqlBool>`c.level in (${sql.join(levels)})`);
  if (rule.exemptLocked) parts.push(sql<SqlBool>`c.locked = 0`);
  if (rule.exemptWon) parts.push(sql<SqlBool>`c.status <> 'customer'`);
  const triggers: ReturnType<typeof sql<SqlBool>>[] = [];
  if (rule.noFollowUpDays !== null)
    triggers.push(sql<SqlBool>`${followUpAnchor} <= ${at - rule.noFollowUpDays * day}`);
  if (rule.notWonDays !== null)
    triggers.push(sql<SqlBool>`(c.status <> 'customer' and ${ownedAnchor} <= ${at - rule.notWonDays * day})`);
  parts.push(sql<SqlBool>`(${sql.join(triggers, sql` or `)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** When `rule` would take this customer back (the earliest of its triggers). */
export function dueAt(
  rule: RuleRow,
  c: { lastFollowUpAt: number | null; ownedSince: number | null; createdAt: number; status: string },
): number {
  const owned = c.ownedSince ?? c.createdAt;
  const followUp = c.lastFollowUpAt !== null && c.lastFollowUpAt > owned ? c.lastFollowUpAt : owned;
  const times: number[] = [];
  if (rule.noFollowUpDays !== null) times.push(followUp + rule.noFollowUpDays * day);
  if (rule.notWonDays !== null && c.status !== 'customer') times.push(owned + rule.notWonDays * day);
  return Math.min(...times);
}

/**
 * Hourly: every enabled rule returns the customers it catches to its pool (with the rule as the
 * reason, in the audit log and ownership history), tells each former owner how many went, and warns
 * owners once a day about customers due within the rule's warning days.
 */
export function registerRecycling(jobs: JobRunner): void {
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
    const byOwner = new Map<string, number>();
    for (;;) {
      const due = await db
        .selectFrom('customers as c')
        .select(['c.id', 'c.ownerId', 'c.poolId'])
        .where('c.orgId', '=', orgId)
        .where(dueCondition(rule, now))
        .limit(batch)
        .execute();
      if (!due.length) break;
      const moved = await db.transaction().execute((tx) =>
        moveRecords(
          tx,
          'customer',
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
          kind: 'customers_recycled',
          params: { count, rule: rule.name, pool: rule.poolName },
          link: '/customers',
          eventId: `recycled:${rule.id}:${ownerId}:${now}`,
        },
        now,
      );
    if (rule.warnDays > 0) await warnOwners(db, orgId, rule, now);
  }
  return total;
}

/** One notice a day per owner and rule: "N customers go back to the pool within D days". */
async function warnOwners(db: Kysely<DB>, orgId: string, rule: RuleRow, now: number) {
  const soon = await db
    .selectFrom('customers as c')
    .select(['c.ownerId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.orgId', '=', orgId)
    .where(dueCondition(rule, now + rule.warnDays * day))
    .groupBy('c.ownerId')
    .execute();
  const dayKey = Math.floor(now / day);
  for (const s of soon) {
    if (!s.ownerId) continue;
    await notify(
      db,
      orgId,
      [s.ownerId],
      {
        kind: 'customers_recycle_soon',
        params: { count: Number(s.n), days: rule.warnDays, rule: rule.name },
        link: '/customers/recycle-due',
        eventId: `recycle-soon:${rule.id}:${s.ownerId}:${dayKey}`,
      },
      now,
    );
  }
}
