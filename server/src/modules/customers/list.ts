import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { z } from 'zod';
import { isPostgres } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { type Actor, scopeFilter } from '../../platform/access/index.js';
import type { CustomFieldDef } from '../custom-fields/custom-fields.schema.js';
import { customFilterConditions } from '../custom-fields/filters.js';
import { selectCustomers } from './customers.repo.js';
import type { listFilters } from './customers.schema.js';
import { type SearchPlan, searchByRows } from './search.js';

export type CustomerFilters = Omit<z.infer<typeof listFilters>, 'limit' | 'cursor' | 'sort'>;

/**
 * The customers an actor sees with the list's filters applied — one definition for the list, its
 * total count, the export and bulk actions, so they always agree. `customDefs` (defsFor(db, actor,
 * 'customer')) resolve the `cf.<key>` filters; a `cf.` filter without its definition is a 400.
 * `search` is `planSearch(db, orgId, f.q)` — the indexed form of `q`; without it `q` is checked row by
 * row (same matches, slower on a large org).
 */
export function customerListQuery(
  db: Kysely<DB>,
  actor: Actor,
  f: CustomerFilters,
  customDefs: CustomFieldDef[] = [],
  search?: SearchPlan,
) {
  let query = selectCustomers(db, actor.orgId).where(scopeFilter(actor, 'customer', 'c.owner_id'));
  if (f.ownerId) query = query.where('c.ownerId', '=', f.ownerId);
  // The list holds owned customers; those waiting in a pool are listed per pool (公海).
  query = f.poolId
    ? query.where('c.poolId', '=', f.poolId).where('c.ownerId', 'is', null)
    : query.where('c.ownerId', 'is not', null);
  if (f.departmentId) {
    const departmentId = f.departmentId;
    query = query.where('c.ownerId', 'in', (eb) =>
      eb
        .selectFrom('users as u')
        .innerJoin('departmentClosure as dc', 'dc.descendantId', 'u.departmentId')
        .select('u.id')
        .where('dc.orgId', '=', actor.orgId)
        .where('dc.ancestorId', '=', departmentId),
    );
  }
  if (f.level) query = query.where('c.level', '=', f.level);
  if (f.status) query = query.where('c.status', '=', f.status);
  if (f.industry) query = query.where('c.industry', '=', f.industry);
  if (f.province) query = query.where('c.province', '=', f.province);
  if (f.city) query = query.where('c.city', '=', f.city);
  if (f.tag) query = query.where('c.tags', 'like', `%${escapeLike(JSON.stringify(f.tag))}%`);
  if (f.createdFrom !== undefined) query = query.where('c.createdAt', '>=', f.createdFrom);
  if (f.createdTo !== undefined) query = query.where('c.createdAt', '<', f.createdTo);
  if (f.lastFollowUpFrom !== undefined) query = query.where('c.lastFollowUpAt', '>=', f.lastFollowUpFrom);
  if (f.lastFollowUpTo !== undefined) query = query.where('c.lastFollowUpAt', '<', f.lastFollowUpTo);
  if (f.notFollowedUp) query = query.where('c.lastFollowUpAt', 'is', null);
  if (f.q) query = query.where((search ?? searchByRows(f.q, isPostgres(db))).condition);
  for (const condition of customFilterConditions(db, 'c.custom', customDefs, f))
    query = query.where(() => condition);
  return query;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Totals above this are reported as "more than" (`totalCapped`): counting a million rows per page is not free. */
export const TOTAL_CAP = 10_000;

/**
 * The number of rows of a list query, exact up to `cap` — the count stops at cap + 1 rows, so it costs
 * at most that many index entries whatever the org's size.
 */
export async function cappedCount(
  db: Kysely<DB>,
  // biome-ignore lint/suspicious/noExplicitAny: any list query (its selection is replaced)
  query: SelectQueryBuilder<any, any, any>,
  cap = TOTAL_CAP,
): Promise<{ totalCount: number; totalCapped: boolean }> {
  const rows = query
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1);
  const r = await db
    .selectFrom(rows.as('t'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  const n = Number(r?.n ?? 0);
  return { totalCount: Math.min(n, cap), totalCapped: n > cap };
}
