import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, ownerScopeFilter } from '../../platform/access/index.js';
import { dayStart } from '../../platform/clock.js';
import { day, type History, type OpenDeal } from './model.js';

// What the forecast reads, as it was known at an instant `asOf`: the org's closed deals of the year
// before it (the model's history), the deals open at it (their stage from the stage history, their
// amount and close date from the audit log) and what was won after it (the back-test's actuals).

/** How far back the history reaches. */
export const LOOKBACK_DAYS = 365;
/** The longest window a forecast looks ahead (a quarter): new deals are observed this long. */
export const LONGEST_WINDOW_DAYS = 92;

export type ForecastFilters = { pipelineId?: string; departmentId?: string };

const openCategories = ['pipeline', 'best_case', 'commit'];

/** The deals the reader's forecast covers: owned by someone in their data scope on deals, filtered. */
function dealsInReach(actor: Actor, f: ForecastFilters): Expression<SqlBool>[] {
  return [
    ownerScopeFilter(actor, 'opportunity', 'o.owner_id'),
    ...(f.pipelineId ? [sql<SqlBool>`o.pipeline_id = ${f.pipelineId}`] : []),
    ...(f.departmentId
      ? [
          sql<SqlBool>`o.owner_id in (select u.id from users u join department_closure dc
            on dc.org_id = u.org_id and dc.descendant_id = u.department_id
            where dc.org_id = ${actor.orgId} and dc.ancestor_id = ${f.departmentId})`,
        ]
      : []),
  ];
}

const inc = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/** When each calendar day begins in the org's zone, remembered (many deals share a close date). */
function dayStarts(tz: string): (d: string) => number {
  const known = new Map<string, number>();
  return (d) => {
    const hit = known.get(d);
    if (hit !== undefined) return hit;
    const start = dayStart(d, tz);
    known.set(d, start);
    return start;
  };
}

/**
 * The model's history at `asOf`. Stage outcomes, times to a win, slippage and track records are the
 * whole org's (conversion is a property of the process, and a rep's record is theirs wherever the
 * reader sits); the run rate of new deals is the reader's scope's, per rep.
 */
export async function loadHistory(
  db: Kysely<DB>,
  actor: Actor,
  asOf: number,
  f: ForecastFilters,
  tz: string,
): Promise<History> {
  const org = actor.orgId;
  const from = asOf - LOOKBACK_DAYS * day;
  const closedIn = sql<SqlBool>`o.org_id = ${org} and o.deleted_at is null
    and o.closed_at >= ${from} and o.closed_at < ${asOf}`;
  const creationTo = asOf - LONGEST_WINDOW_DAYS * day;
  // The closed deals first (a period of an index), then each one's stays: SQLite keeps a cross join's
  // order, where it would otherwise read every stay of the org and look up its deal.
  const closedStays = sql`opportunities o cross join opportunity_stage_history h`;
  const [outcomes, toWin, slips, reps, newWins, first] = await Promise.all([
    sql<{
      stageId: string;
      status: string;
      n: number;
    }>`select h.stage_id, o.status, count(distinct o.id) as n
      from ${closedStays}
      where ${closedIn} and h.org_id = o.org_id and h.opportunity_id = o.id
        and o.status in ('won', 'lost') and h.entered_at < o.closed_at
      group by h.stage_id, o.status`.execute(db),
    sql<{
      stageId: string;
      d: number;
      n: number;
    }>`select h.stage_id, (o.closed_at - h.entered_at) / ${day} as d,
        count(*) as n
      from ${closedStays}
      where ${closedIn} and h.org_id = o.org_id and h.opportunity_id = o.id
        and o.status = 'won' and h.entered_at < o.closed_at
      group by 1, 2`.execute(db),
    sql<{ closedAt: number; expectedCloseDate: string }>`select o.closed_at, o.expected_close_date
      from opportunities o
      where ${closedIn} and o.status = 'won' and o.expected_close_date is not null`.execute(db),
    sql<{ ownerId: string; status: string; n: number }>`select o.owner_id, o.status, count(*) as n
      from opportunities o where ${closedIn} and o.status in ('won', 'lost')
      group by o.owner_id, o.status`.execute(db),
    sql<{ ownerId: string; lag: number; amount: number }>`select o.owner_id,
        (o.closed_at - o.created_at) / ${day} as lag, sum(o.amount) as amount
      from opportunities o
      where o.org_id = ${org} and o.deleted_at is null and o.status = 'won'
        and o.created_at >= ${from} and o.created_at < ${creationTo} and o.closed_at < ${asOf}
        and o.closed_at - o.created_at < ${LONGEST_WINDOW_DAYS * day}
        and ${sql.join(dealsInReach(actor, f), sql` and `)}
      group by 1, 2`.execute(db),
    sql<{ t: number | null }>`select min(o.created_at) as t from opportunities o
      where o.org_id = ${org} and o.deleted_at is null`.execute(db),
  ]);
  const stageOutcomes = new Map<string, { closed: number; won: number }>();
  for (const r of outcomes.rows) {
    const o = stageOutcomes.get(r.stageId) ?? { closed: 0, won: 0 };
    o.closed += Number(r.n);
    if (r.status === 'won') o.won += Number(r.n);
    stageOutcomes.set(r.stageId, o);
  }
  const stageToWinDays = new Map<string, Map<number, number>>();
  for (const r of toWin.rows) {
    const hist = stageToWinDays.get(r.stageId) ?? new Map<number, number>();
    inc(hist, Number(r.d), Number(r.n));
    stageToWinDays.set(r.stageId, hist);
  }
  const slipDays = new Map<number, number>();
  const startOf = dayStarts(tz);
  for (const r of slips.rows)
    inc(slipDays, Math.floor((Number(r.closedAt) - startOf(r.expectedCloseDate)) / day), 1);
  const repRecords = new Map<string, { closed: number; won: number }>();
  for (const r of reps.rows) {
    const o = repRecords.get(r.ownerId) ?? { closed: 0, won: 0 };
    o.closed += Number(r.n);
    if (r.status === 'won') o.won += Number(r.n);
    repRecords.set(r.ownerId, o);
  }
  const newDealWins = new Map<string, Map<number, number>>();
  for (const r of newWins.rows) {
    const hist = newDealWins.get(r.ownerId) ?? new Map<number, number>();
    inc(hist, Number(r.lag), Number(r.amount));
    newDealWins.set(r.ownerId, hist);
  }
  // The creation window: the year before the as-of date, from the org's first deal, less the last
  // quarter (its deals have not had a quarter to be won yet).
  const firstDeal = first.rows[0]?.t;
  const windowFrom = Math.max(
    from,
    firstDeal === null || firstDeal === undefined ? creationTo : Number(firstDeal),
  );
  return {
    stageOutcomes,
    stageToWinDays,
    slipDays,
    reps: repRecords,
    newDealWins,
    creationWindowDays: Math.max(0, (creationTo - windowFrom) / day),
  };
}

export type DealAt = OpenDeal & { name: string; pipelineId: string; expectedCloseDate: string | null };

/** The deals open at `asOf` in the reader's reach, in the stage they were in then. */
export async function openDealsAt(
  db: Kysely<DB>,
  actor: Actor,
  asOf: number,
  f: ForecastFilters,
  tz: string,
  changes?: LaterChanges,
): Promise<DealAt[]> {
  const { rows } =
    await sql<DealRow>`select o.id, o.name, o.owner_id, o.pipeline_id, o.amount, o.expected_close_date, h.stage_id, h.entered_at
    from opportunities o
    join opportunity_stage_history h on h.org_id = o.org_id and h.opportunity_id = o.id
      and h.entered_at <= ${asOf} and (h.left_at is null or h.left_at > ${asOf})
    join pipeline_stages st on st.id = h.stage_id
    where o.org_id = ${actor.orgId} and o.deleted_at is null and o.created_at <= ${asOf}
      and (o.closed_at is null or o.closed_at > ${asOf})
      and st.category in (${sql.join(openCategories)})
      and ${sql.join(dealsInReach(actor, f), sql` and `)}
    order by o.id`.execute(db);
  return present(rows, tz, asOf, changes);
}

/** The deals open now in the reader's reach: their stage as it stands (the live forecast's, no history read). */
export async function openDealsNow(
  db: Kysely<DB>,
  actor: Actor,
  f: ForecastFilters,
  tz: string,
): Promise<DealAt[]> {
  const { rows } =
    await sql<DealRow>`select o.id, o.name, o.owner_id, o.pipeline_id, o.amount, o.expected_close_date,
      o.stage_id, o.stage_entered_at as entered_at
    from opportunities o
    where o.org_id = ${actor.orgId} and o.deleted_at is null and o.status = 'open'
      and ${sql.join(dealsInReach(actor, f), sql` and `)}
    order by o.id`.execute(db);
  return present(rows, tz, 0);
}

type DealRow = {
  id: string;
  name: string;
  ownerId: string;
  pipelineId: string;
  amount: number;
  expectedCloseDate: string | null;
  stageId: string;
  enteredAt: number;
};

/** Rows as deals, with their amount and close date as of `asOf` when the later changes are given. */
function present(rows: DealRow[], tz: string, asOf: number, changes?: LaterChanges): DealAt[] {
  const startOf = dayStarts(tz);
  return rows.map((r) => {
    const then = changes ? valuesAt(changes, r.id, asOf) : {};
    const closeDate = then.expectedCloseDate !== undefined ? then.expectedCloseDate : r.expectedCloseDate;
    return {
      id: r.id,
      name: r.name,
      ownerId: r.ownerId,
      pipelineId: r.pipelineId,
      amount: then.amount !== undefined ? then.amount : Number(r.amount),
      expectedClose: closeDate ? startOf(closeDate) : null,
      expectedCloseDate: closeDate,
      stageId: r.stageId,
      stageEnteredAt: Number(r.enteredAt),
    };
  });
}

/** Per deal, its changes of amount and close date after some instant, oldest first (the audit log's before values). */
export type LaterChanges = Map<string, { at: number; amount?: number; expectedCloseDate?: string | null }[]>;

export async function changesSince(db: Kysely<DB>, orgId: string, since: number): Promise<LaterChanges> {
  const rows = await db
    .selectFrom('auditLog')
    .select(['recordId', 'before', 'at'])
    .where('orgId', '=', orgId)
    .where('object', '=', 'opportunity')
    .where('at', '>', since)
    .where((eb) => eb.or([eb('before', 'like', '%"amount"%'), eb('before', 'like', '%"expectedCloseDate"%')]))
    .orderBy('at')
    .execute();
  const out: LaterChanges = new Map();
  for (const r of rows) {
    const before = JSON.parse(r.before ?? '{}') as { amount?: number; expectedCloseDate?: string | null };
    const list = out.get(r.recordId) ?? [];
    list.push({
      at: Number(r.at),
      ...('amount' in before && { amount: Number(before.amount) }),
      ...('expectedCloseDate' in before && { expectedCloseDate: before.expectedCloseDate ?? null }),
    });
    out.set(r.recordId, list);
  }
  return out;
}

/** A deal's amount and close date at `asOf`: the value each had before its first change after it. */
function valuesAt(changes: LaterChanges, id: string, asOf: number) {
  const out: { amount?: number; expectedCloseDate?: string | null } = {};
  for (const c of changes.get(id) ?? []) {
    if (c.at <= asOf) continue;
    if (out.amount === undefined && c.amount !== undefined) out.amount = c.amount;
    if (out.expectedCloseDate === undefined && c.expectedCloseDate !== undefined)
      out.expectedCloseDate = c.expectedCloseDate;
  }
  return out;
}

/** What was won in [from, to) in the reader's reach, per rep: from deals open at `from`, and from newer ones. */
export async function wonBetween(
  db: Kysely<DB>,
  actor: Actor,
  from: number,
  to: number,
  f: ForecastFilters,
): Promise<Map<string, { pipeline: number; newDeals: number }>> {
  const { rows } = await sql<{ ownerId: string; fresh: number; amount: number }>`select o.owner_id,
      case when o.created_at > ${from} then 1 else 0 end as fresh, sum(o.amount) as amount
    from opportunities o
    where o.org_id = ${actor.orgId} and o.deleted_at is null and o.status = 'won'
      and o.closed_at >= ${from} and o.closed_at < ${to}
      and ${sql.join(dealsInReach(actor, f), sql` and `)}
    group by 1, 2`.execute(db);
  const out = new Map<string, { pipeline: number; newDeals: number }>();
  for (const r of rows) {
    const o = out.get(r.ownerId) ?? { pipeline: 0, newDeals: 0 };
    if (Number(r.fresh)) o.newDeals += Number(r.amount);
    else o.pipeline += Number(r.amount);
    out.set(r.ownerId, o);
  }
  return out;
}
