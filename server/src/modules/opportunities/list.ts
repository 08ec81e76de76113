import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, scopeFilter } from '../../platform/access/index.js';
import { defsFor } from '../custom-fields/custom-fields.repo.js';
import { customFilterConditions } from '../custom-fields/filters.js';
import { selectOpportunities } from './opportunities.repo.js';
import type { listFilters } from './opportunities.schema.js';

// Which deals an actor sees, and with the list's filters: one definition for the list, its totals, the
// kanban board and the export.

export type DealFilters = Omit<z.infer<typeof listFilters>, 'limit' | 'cursor' | 'sort'>;

const day = 86_400_000;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The live deals in the actor's data scope. */
export const visibleDeals = (db: Kysely<DB>, actor: Actor) =>
  selectOpportunities(db, actor.orgId).where(scopeFilter(actor, 'opportunity', 'o.owner_id'));

/**
 * The list's filters (stalled and overdue as of `now`) as conditions on the deal row alone (alias
 * `o`): what they need of the customer or the stage is asked in a subquery, so the totals can count
 * without joining.
 */
async function dealConditions(db: Kysely<DB>, actor: Actor, f: DealFilters, now: number) {
  const where: Expression<SqlBool>[] = [];
  const is = (column: string, value: unknown) => where.push(sql<SqlBool>`${sql.ref(column)} = ${value}`);
  if (f.pipelineId) is('o.pipeline_id', f.pipelineId);
  if (f.stageId) is('o.stage_id', f.stageId);
  if (f.status) is('o.status', f.status);
  if (f.ownerId) is('o.owner_id', f.ownerId);
  if (f.customerId) is('o.customer_id', f.customerId);
  if (f.closeFrom) where.push(sql<SqlBool>`o.expected_close_date >= ${f.closeFrom}`);
  if (f.closeTo) where.push(sql<SqlBool>`o.expected_close_date <= ${f.closeTo}`);
  if (f.followUp === 'overdue') where.push(sql<SqlBool>`o.status = 'open' and o.next_follow_up_at < ${now}`);
  if (f.stalled)
    where.push(sql<SqlBool>`o.status = 'open' and exists (select 1 from pipeline_stages sd
      where sd.id = o.stage_id and sd.stalled_days is not null
      and o.stage_entered_at < ${now} - sd.stalled_days * cast(${day} as bigint))`);
  if (f.q) {
    const esc = `%${escapeLike(f.q)}%`;
    where.push(sql<SqlBool>`(o.name like ${esc} escape '\\' or exists (select 1 from customers cq
      where cq.id = o.customer_id and cq.name like ${esc} escape '\\'))`);
  }
  where.push(...customFilterConditions(db, 'o.custom', await defsFor(db, actor, 'opportunity'), f));
  return where;
}

/**
 * The deals the actor sees that match the list's filters: `list` with what a card shows, `totals` as
 * rows of the deal table alone for counts and sums — at 500,000 deals a pipeline's column totals are an
 * index-only read of `opportunities_summary` (no customer, stage or owner looked up).
 */
export async function dealQueries(db: Kysely<DB>, actor: Actor, f: DealFilters, now: number) {
  const conditions = await dealConditions(db, actor, f, now);
  let list = visibleDeals(db, actor);
  let totals = db
    .selectFrom('opportunities as o')
    .where('o.orgId', '=', actor.orgId)
    .where('o.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'opportunity', 'o.owner_id'));
  for (const condition of conditions) {
    list = list.where(() => condition);
    totals = totals.where(() => condition);
  }
  return { list, totals };
}
