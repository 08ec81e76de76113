import { type Kysely, type SqlBool, sql } from 'kysely';
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

/** The deals the actor sees that match the list's filters (stalled and overdue as of `now`). */
export async function dealListQuery(db: Kysely<DB>, actor: Actor, f: DealFilters, now: number) {
  let query = visibleDeals(db, actor);
  if (f.pipelineId) query = query.where('o.pipelineId', '=', f.pipelineId);
  if (f.stageId) query = query.where('o.stageId', '=', f.stageId);
  if (f.status) query = query.where('o.status', '=', f.status);
  if (f.ownerId) query = query.where('o.ownerId', '=', f.ownerId);
  if (f.customerId) query = query.where('o.customerId', '=', f.customerId);
  if (f.closeFrom) query = query.where('o.expectedCloseDate', '>=', f.closeFrom);
  if (f.closeTo) query = query.where('o.expectedCloseDate', '<=', f.closeTo);
  if (f.followUp === 'overdue')
    query = query.where('o.status', '=', 'open').where('o.nextFollowUpAt', '<', now);
  if (f.stalled)
    query = query
      .where('o.status', '=', 'open')
      .where(
        sql<SqlBool>`st.stalled_days is not null and o.stage_entered_at < ${now} - st.stalled_days * cast(${day} as bigint)`,
      );
  if (f.q) {
    const esc = `%${escapeLike(f.q)}%`;
    query = query.where(sql<SqlBool>`(o.name like ${esc} escape '\\' or c.name like ${esc} escape '\\')`);
  }
  for (const condition of customFilterConditions(db, 'o.custom', await defsFor(db, actor, 'opportunity'), f))
    query = query.where(() => condition);
  return query;
}
