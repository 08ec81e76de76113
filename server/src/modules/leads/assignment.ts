import { type Kysely, type Selectable, sql } from 'kysely';
import { isPostgres } from '../../db/dialect.js';
import type { DB, LeadAssignmentRulesTable } from '../../db/schema.js';
import { startOfDay } from '../../platform/clock.js';
import { notify } from '../../platform/notify/service.js';
import type { ChangeContext } from '../customers/customers.service.js';
import { moveRecords } from '../customers/ownership.js';
import { defaultPool, livePools, orgTimeZone } from '../pools/pools.repo.js';
import { ruleHolds, type ScoredLead, type ScoreOp } from './scoring.js';

// 线索分配: the admin's ordered rules route a new lead — the first rule whose conditions all hold and
// that has an eligible candidate decides: a pool, or one of its users / its department's members by
// round robin, fewest open leads, or capacity weights. Nothing matches, or no one can take it: the
// default lead pool (never lost). Every assignment records why, for the lead page and the API.

export const assignMethods = ['round_robin', 'least_open', 'weighted'] as const;
export type AssignMethod = (typeof assignMethods)[number];
export const targetTypes = ['users', 'department', 'pool'] as const;
/** What happens when the owner misses the first-follow-up deadline of a lead the rule assigned. */
export const expiryActions = ['none', 'reassign', 'pool'] as const;
export type TargetType = (typeof targetTypes)[number];

export type Condition = { field: string; op: ScoreOp; values: (string | number)[] };
export type AssignmentRule = {
  id: string;
  name: string;
  conditions: Condition[];
  targetType: TargetType;
  targetIds: string[];
  method: AssignMethod;
  weights: Record<string, number>;
  dailyCap: number | null;
  lastUserId: string | null;
};

/** A rule's candidate with what its method weighs: open leads (least open), today's assignments (weighted, or a daily cap). */
export type Candidate = {
  userId: string;
  name: string;
  openLeads?: number;
  assignedToday?: number;
  weight: number;
};

/** Why a lead has its owner: stored on the lead as JSON and returned as `assignmentReason`. */
export type AssignmentReason =
  | {
      kind: 'rule';
      ruleId: string;
      ruleName: string;
      method?: AssignMethod;
      candidates?: Candidate[];
      userId?: string;
      poolId?: string;
      poolName?: string;
      skipped: Skipped[];
    }
  | { kind: 'fallback'; poolId: string; poolName?: string; skipped: Skipped[] }
  | { kind: 'manual'; byUserId: string | null; byUserName?: string }
  | MovedReason;
/**
 * How a lead changed hands after it came in: 领取, 转移, 退回线索池, 回收 (a pool rule's name, or
 * `sla_expired` when the first follow-up was missed), 离职交接 — who did it, from whom, which pool and
 * why, with the names as they were then (a rep may not be able to look the others up).
 */
export type MovedReason = {
  kind: 'claim' | 'transfer' | 'release' | 'recycle' | 'handover';
  at: number;
  byUserId: string | null;
  byUserName?: string;
  fromUserId: string | null;
  fromUserName?: string;
  poolId?: string;
  poolName?: string;
  reason?: string;
  ruleId?: string;
};
/** A rule that matched but could not take the lead, and why (no_candidates: every candidate was inactive, ineligible or at their cap; pool_missing). */
export type Skipped = { ruleId: string; ruleName: string; why: 'no_candidates' | 'pool_missing' };

/** A lead as the conditions read it: its scored fields and its score. */
export type RoutedLead = ScoredLead & { score: number };

export function conditionsHold(conditions: Condition[], lead: RoutedLead): boolean {
  return conditions.every((c) =>
    c.field === 'score'
      ? ruleHolds(
          { ...c, id: '', label: '', points: 0, active: true, field: 'custom.score' },
          { custom: { score: lead.score } },
        )
      : ruleHolds({ ...c, id: '', label: '', points: 0, active: true }, lead),
  );
}

/** A stored rule as the routing, the API and the editor read it. */
export function assignmentRuleOf(r: Selectable<LeadAssignmentRulesTable>) {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    conditions: JSON.parse(r.conditions) as Condition[],
    targetType: r.targetType as TargetType,
    targetIds: JSON.parse(r.targetIds) as string[],
    method: r.method as AssignMethod,
    weights: JSON.parse(r.weights) as Record<string, number>,
    dailyCap: r.dailyCap,
    onExpiry: r.onExpiry as (typeof expiryActions)[number],
    lastUserId: r.lastUserId,
    active: r.active === 1,
    version: r.version,
  } satisfies AssignmentRule & Record<string, unknown>;
}

export async function assignmentRules(db: Kysely<DB>, orgId: string, o: { all?: boolean } = {}) {
  let q = db.selectFrom('leadAssignmentRules').selectAll().where('orgId', '=', orgId);
  if (!o.all) q = q.where('active', '=', 1);
  const rows = await q.orderBy('position').orderBy('createdAt').execute();
  return rows.map((r) => ({ row: r, rule: assignmentRuleOf(r) }));
}

/**
 * The rule's candidates with what the methods weigh: active, eligible users of its list or of its
 * department (and below) who are under the daily cap of automatic assignments.
 */
async function candidatesOf(tx: Kysely<DB>, orgId: string, rule: AssignmentRule, now: number) {
  let users = tx
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.orgId', '=', orgId)
    .where('u.active', '=', 1)
    .where('u.leadEligible', '=', 1);
  users =
    rule.targetType === 'users'
      ? users.where('u.id', 'in', rule.targetIds.length ? rule.targetIds : [''])
      : users.where('u.departmentId', 'in', (eb) =>
          eb
            .selectFrom('departmentClosure')
            .select('descendantId')
            .where('orgId', '=', orgId)
            .where('ancestorId', 'in', rule.targetIds.length ? rule.targetIds : ['']),
        );
  const rows = await users.orderBy('u.id').execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const dayStart = startOfDay(now, await orgTimeZone(tx, orgId));
  // Each count grows with the candidates' leads, so only what the method weighs is counted: round
  // robin without a cap needs neither (a 100,000-row import would otherwise count ever more per row).
  const needsOpen = rule.method === 'least_open';
  const needsToday = rule.method === 'weighted' || rule.dailyCap !== null;
  const none = Promise.resolve([] as { ownerId: string | null; n: number }[]);
  const [open, today] = await Promise.all([
    !needsOpen
      ? none
      : tx
          .selectFrom('leads')
          .select(['ownerId', (eb) => eb.fn.countAll<number>().as('n')])
          .where('orgId', '=', orgId)
          .where('ownerId', 'in', ids)
          .where('status', 'in', ['new', 'working', 'qualified'])
          .where('deletedAt', 'is', null)
          .groupBy('ownerId')
          .execute(),
    // Today's automatic assignments (the rules' own history lines), not leads people took themselves.
    !needsToday
      ? none
      : tx
          .selectFrom('ownershipHistory')
          .select(['toOwnerId as ownerId', (eb) => eb.fn.countAll<number>().as('n')])
          .where('orgId', '=', orgId)
          .where('object', '=', 'lead')
          .where('kind', '=', 'assign')
          .where('toOwnerId', 'in', ids)
          .where('at', '>=', dayStart)
          .groupBy('toOwnerId')
          .execute(),
  ]);
  const countOf = (list: { ownerId: string | null; n: number }[], id: string) =>
    Number(list.find((x) => x.ownerId === id)?.n ?? 0);
  return rows
    .map((r) => ({
      userId: r.id,
      name: r.name,
      ...(needsOpen && { openLeads: countOf(open, r.id) }),
      ...(needsToday && { assignedToday: countOf(today, r.id) }),
      weight: Math.max(1, rule.weights[r.id] ?? 1),
    }))
    .filter((c) => rule.dailyCap === null || (c.assignedToday ?? 0) < rule.dailyCap);
}

/** The candidate a method picks (ties: the order of user ids, so the choice is reproducible). */
export function pick(method: AssignMethod, candidates: Candidate[], lastUserId: string | null): Candidate {
  if (method === 'round_robin') {
    const next = candidates.find((c) => lastUserId !== null && c.userId > lastUserId);
    return next ?? candidates[0]!;
  }
  if (method === 'least_open')
    return candidates.reduce(
      (best, c) => ((c.openLeads ?? 0) < (best.openLeads ?? 0) ? c : best),
      candidates[0]!,
    );
  // Weighted: whoever's share of today's leads is furthest below their weight's share gets the next.
  return candidates.reduce(
    (best, c) =>
      ((c.assignedToday ?? 0) + 1) / c.weight < ((best.assignedToday ?? 0) + 1) / best.weight ? c : best,
    candidates[0]!,
  );
}

export type Decision = { to: { ownerId: string } | { poolId: string }; reason: AssignmentReason };

/**
 * Where the rules send a lead, without moving it (also the rule editor's "try it on a sample lead"):
 * the first matching rule with a candidate, else the default lead pool.
 */
export async function decide(
  tx: Kysely<DB>,
  orgId: string,
  lead: RoutedLead,
  now: number,
  o: { exclude?: string[] } = {},
): Promise<Decision> {
  const skipped: Skipped[] = [];
  for (const { rule } of await assignmentRules(tx, orgId)) {
    if (!conditionsHold(rule.conditions, lead)) continue;
    if (rule.targetType === 'pool') {
      const pool = await livePools(tx, orgId, 'lead')
        .where('id', 'in', rule.targetIds.length ? rule.targetIds : [''])
        .executeTakeFirst();
      if (pool)
        return {
          to: { poolId: pool.id },
          reason: {
            kind: 'rule',
            ruleId: rule.id,
            ruleName: rule.name,
            poolId: pool.id,
            poolName: pool.name,
            skipped,
          },
        };
      skipped.push({ ruleId: rule.id, ruleName: rule.name, why: 'pool_missing' });
      continue;
    }
    const candidates = (await candidatesOf(tx, orgId, rule, now)).filter(
      (c) => !o.exclude?.includes(c.userId),
    );
    if (!candidates.length) {
      skipped.push({ ruleId: rule.id, ruleName: rule.name, why: 'no_candidates' });
      continue;
    }
    const chosen = pick(rule.method, candidates, rule.lastUserId);
    return {
      to: { ownerId: chosen.userId },
      reason: {
        kind: 'rule',
        ruleId: rule.id,
        ruleName: rule.name,
        method: rule.method,
        candidates,
        userId: chosen.userId,
        skipped,
      },
    };
  }
  const pool = await defaultPool(tx, orgId, now, 'lead');
  return {
    to: { poolId: pool.id },
    reason: { kind: 'fallback', poolId: pool.id, poolName: pool.name, skipped },
  };
}

/**
 * Routes a lead that has no owner yet (inside the caller's transaction) as `decide` says: records the
 * owner or pool, the reason, the ownership history and audit entry; moves the rule's round-robin
 * cursor; notifies the new owner.
 */
export async function assignLead(
  tx: Kysely<DB>,
  lead: RoutedLead & { id: string; name: string; poolId: string | null },
  meta: ChangeContext,
): Promise<AssignmentReason> {
  // One assignment at a time per org keeps round-robin cursors and daily caps exact under load
  // (SQLite runs one write transaction at a time anyway).
  if (isPostgres(tx))
    await sql`select pg_advisory_xact_lock(hashtext(${`lead-assign:${meta.orgId}`}))`.execute(tx);
  const { to, reason } = await decide(tx, meta.orgId, lead, meta.at);
  await place(tx, lead, to, reason, meta);
  if (reason.kind === 'rule' && reason.userId) {
    if (reason.method === 'round_robin')
      await tx
        .updateTable('leadAssignmentRules')
        .set({ lastUserId: reason.userId })
        .where('id', '=', reason.ruleId)
        .execute();
    await notify(
      tx,
      meta.orgId,
      [reason.userId],
      {
        kind: 'lead_assigned',
        params: { name: lead.name, rule: reason.ruleName },
        link: `/leads/${lead.id}`,
      },
      meta.at,
    );
  }
  return reason;
}

/** Moves the lead to its owner or pool and stores why. */
export async function place(
  tx: Kysely<DB>,
  lead: { id: string; poolId: string | null },
  to: { ownerId: string } | { poolId: string },
  reason: AssignmentReason,
  meta: ChangeContext,
) {
  // The lead's move hook (moved.ts) stores the reason from the payload.
  await moveRecords(tx, 'lead', [{ id: lead.id, expectOwner: null, poolId: lead.poolId }], to, 'assign', {
    ...meta,
    payload: { assignment: reason },
  });
}
