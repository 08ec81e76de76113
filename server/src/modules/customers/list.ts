import { type Kysely, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, scopeFilter } from '../../platform/access/index.js';
import { normalizePhone } from '../../platform/normalize/index.js';
import type { CustomFieldDef } from '../custom-fields/custom-fields.schema.js';
import { customFilterConditions } from '../custom-fields/filters.js';
import { selectCustomers } from './customers.repo.js';
import type { listFilters } from './customers.schema.js';

export type CustomerFilters = Omit<z.infer<typeof listFilters>, 'limit' | 'cursor' | 'sort'>;

/**
 * The customers an actor sees with the list's filters applied — one definition for the list, its
 * total count, the export and bulk actions, so they always agree. `customDefs` (defsFor(db, actor,
 * 'customer')) resolve the `cf.<key>` filters; a `cf.` filter without its definition is a 400.
 */
export function customerListQuery(
  db: Kysely<DB>,
  actor: Actor,
  f: CustomerFilters,
  customDefs: CustomFieldDef[] = [],
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
  if (f.q) query = query.where(searchCondition(f.q));
  for (const condition of customFilterConditions(db, 'c.custom', customDefs, f))
    query = query.where(() => condition);
  return query;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Name substring, pinyin / initials prefix, phone fragment (digits) or e-mail prefix. */
function searchCondition(raw: string) {
  const q = raw.trim();
  const lower = escapeLike(q.toLowerCase());
  const digits = q.replace(/\D/g, '');
  const phone = digits.length >= 4 ? (normalizePhone(q)?.e164 ?? digits) : null;
  return sql<SqlBool>`(c.name like ${`%${escapeLike(q)}%`} escape '\\'
    or c.name_pinyin like ${`${lower}%`} escape '\\'
    or c.name_initials like ${`${lower}%`} escape '\\'
    or c.email like ${`${lower}%`} escape '\\'
    ${phone ? sql`or c.phone_e164 like ${`%${escapeLike(phone.replace(/^\+/, ''))}%`} escape '\\'` : sql``})`;
}
