import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { can, scopeOf } from './actor.js';
import type { Action, Scope } from './model.js';
import { objectDef, type ScopeBy } from './objects.js';

/**
 * The SQL condition that limits rows of `object` to those the actor may `action` (read by default).
 * `column` names the owner column (or department column, for org-chart objects) as it appears in the
 * query, e.g. 'c.owner_id'; for shareable and pooled objects the row's `id` and pool column are taken
 * from the same table alias. Beyond the role's data scope:
 * - a record shared with the actor (联合跟进人) is readable, and updatable with a write share;
 * - a record in a pool (no owner) is readable by the pool's members.
 * An actor without the action's right gets a condition that matches nothing.
 */
export function scopeFilter(
  actor: Actor,
  object: string,
  column?: string,
  action: Action = 'read',
): Expression<SqlBool> {
  const def = objectDef(object);
  if (!def) throw new Error(`access: unknown object ${object}`);
  const scope = scopeOf(actor, object);
  if (!scope || !can(actor, object, 'read') || !can(actor, object, action)) return sql<SqlBool>`1 = 0`;
  const by = def.scopeBy;
  if (by !== 'org' && 'parent' in by) {
    // Visible exactly when the parent record is (under the actor's rights on the parent object).
    const parent = objectDef(by.parent.object);
    if (!parent || parent.scopeBy === 'org' || 'parent' in parent.scopeBy)
      throw new Error(`access: bad parent of ${object}`);
    const parentCol = `p.${columnOf(parent.scopeBy)}`;
    const parentAction = action === 'read' ? 'read' : 'update';
    return sql<SqlBool>`${sql.ref(column ?? by.parent.column)} in (select p.id from ${sql.table(parent.table)} p
      where p.org_id = ${actor.orgId} and ${scopeFilter(actor, parent.key, parentCol, parentAction)})`;
  }
  if (scope === 'all' || by === 'org') return sql<SqlBool>`1 = 1`;
  const ownCol = column ?? columnOf(by);
  const alias = ownCol.includes('.') ? `${ownCol.slice(0, ownCol.lastIndexOf('.'))}.` : '';
  if ('node' in by) {
    const type = sql.ref(alias + by.node.typeColumn);
    const reach = orgChartScope(actor, object);
    return sql<SqlBool>`((${type} = 'user' and ${reach.users(ownCol)})
      or (${type} = 'department' and ${reach.departments(ownCol)}))`;
  }
  const own =
    'ownerColumn' in by
      ? ownerScopeFilter(actor, object, ownCol)
      : departmentScopeFilter(actor, scope, ownCol);
  const extra: Expression<SqlBool>[] = [];
  if (def.shares && (action === 'read' || action === 'update')) {
    extra.push(sql<SqlBool>`${sql.ref(`${alias}id`)} in (select s.record_id from record_shares s
      where s.org_id = ${actor.orgId} and s.object = ${object} and s.user_id = ${actor.userId}
      ${action === 'read' ? sql`` : sql`and s.level = 'write'`})`);
  }
  if (def.poolColumn && action === 'read') {
    extra.push(
      sql<SqlBool>`(${sql.ref(ownCol)} is null and ${sql.ref(alias + def.poolColumn)} in (${poolsOf(actor)}))`,
    );
  }
  if (!extra.length) return own;
  return sql<SqlBool>`(${own} or ${sql.join(extra, sql` or `)})`;
}

/** The pools the actor belongs to, as a member or admin, directly or through a department. */
export function poolsOf(actor: Actor, role?: 'admin') {
  return sql`select pm.pool_id from pool_members pm
    where pm.org_id = ${actor.orgId} ${role ? sql`and pm.role = ${role}` : sql``}
    and ((pm.member_type = 'user' and pm.member_id = ${actor.userId})
      or (pm.member_type = 'department' and pm.member_id in (select dc.ancestor_id from department_closure dc
        where dc.org_id = ${actor.orgId} and dc.descendant_id = ${actor.departmentId})))`;
}

/**
 * The role's data scope alone, on an owner (user id) column: which users' records of `object` the
 * actor reaches. Also answers "may this user own a record I assign" (column = the users' id).
 */
export function ownerScopeFilter(actor: Actor, object: string, column: string): Expression<SqlBool> {
  const def = objectDef(object);
  if (!def || def.scopeBy === 'org' || !('ownerColumn' in def.scopeBy))
    throw new Error(`access: ${object} is not owned by users`);
  const scope = scopeOf(actor, object);
  if (!scope || !can(actor, object, 'read')) return sql<SqlBool>`1 = 0`;
  return usersInScope(actor, scope, column);
}

/** The users a data scope reaches from the actor, as a condition on a user id column. */
function usersInScope(actor: Actor, scope: Scope, column: string): Expression<SqlBool> {
  const { userId, orgId, departmentId } = actor;
  const col = sql.ref(column);
  if (scope === 'all') return sql<SqlBool>`1 = 1`;
  if (scope === 'own') return sql<SqlBool>`${col} = ${userId}`;
  if (scope === 'department')
    return sql<SqlBool>`${col} in (select id from users where org_id = ${orgId} and department_id = ${departmentId})`;
  // A department tree usually holds a large share of the records (a region, the whole sales centre):
  // `|| ''` keeps the planner from collecting them all through the owner index and sorting them, so
  // lists read in their sort order and stop after one page (1M customers: ~1 s → milliseconds).
  return sql<SqlBool>`(${col} || '') in (select u.id from users u join department_closure dc
      on dc.org_id = u.org_id and dc.descendant_id = u.department_id
      where dc.org_id = ${orgId} and dc.ancestor_id = ${departmentId})`;
}

/**
 * For objects kept per node of the org chart (业绩目标: a department's or a rep's): the departments
 * and the users within the actor's data scope on `object`. 本人 reaches no department, only the
 * actor; the rest as for records.
 */
export function orgChartScope(actor: Actor, object: string) {
  const scope = scopeOf(actor, object);
  const none = sql<SqlBool>`1 = 0`;
  const reads = !!scope && can(actor, object, 'read');
  return {
    departments: (column: string): Expression<SqlBool> =>
      !reads || scope === 'own'
        ? none
        : scope === 'all'
          ? sql<SqlBool>`1 = 1`
          : departmentScopeFilter(actor, scope!, column),
    users: (column: string): Expression<SqlBool> => (reads ? usersInScope(actor, scope!, column) : none),
  };
}

/** Department-owned (org-chart) objects: the actor's department, or it and its sub-departments. */
function departmentScopeFilter(actor: Actor, scope: string, column: string): Expression<SqlBool> {
  const col = sql.ref(column);
  if (scope === 'own' || scope === 'department') return sql<SqlBool>`${col} = ${actor.departmentId}`;
  return sql<SqlBool>`${col} in (select descendant_id from department_closure
    where org_id = ${actor.orgId} and ancestor_id = ${actor.departmentId})`;
}

/**
 * The ids of an object's records the actor may `action`, as a subquery — for a list across objects
 * (the follow-up feed keeps the follow-ups whose record is in reach). `null` when every record of the
 * org is (nothing to filter).
 */
export function recordsInReach(
  actor: Actor,
  object: string,
  action: Action = 'read',
): RawBuilder<unknown> | null {
  const def = objectDef(object);
  if (!def || !can(actor, object, action)) return sql`select null where 1 = 0`;
  if (def.scopeBy === 'org' || (scopeOf(actor, object) === 'all' && !('parent' in def.scopeBy))) return null;
  return sql`select r.id from ${sql.table(def.table)} r where r.org_id = ${actor.orgId}
    and ${scopeFilter(actor, object, `r.${columnOf(def.scopeBy)}`, action)}`;
}

export async function canOnRecord(
  db: { selectFrom: (t: never) => unknown },
  actor: Actor,
  object: string,
  action: Action,
  id: string,
): Promise<boolean> {
  if (!can(actor, object, action)) return false;
  const def = objectDef(object);
  if (!def) return false;
  // biome-ignore lint/suspicious/noExplicitAny: the table comes from the object registry, not the typed schema
  const q = (db as any)
    .selectFrom(`${def.table} as r`)
    .select(sql`1`.as('one'))
    .where('r.id', '=', id)
    .where('r.org_id', '=', actor.orgId)
    .where(
      scopeFilter(actor, object, def.scopeBy === 'org' ? undefined : `r.${columnOf(def.scopeBy)}`, action),
    );
  return (await q.executeTakeFirst()) !== undefined;
}

/** Throws the same 404 as a missing id when the record is outside the actor's reach. */
export async function assertRecordAccess(
  db: { selectFrom: (t: never) => unknown },
  actor: Actor,
  object: string,
  action: Action,
  id: string,
): Promise<void> {
  if (!(await canOnRecord(db, actor, object, action, id))) throw notFound();
}

/** The column of a row that the scope is decided on. */
function columnOf(scopeBy: Exclude<ScopeBy, 'org'>): string {
  if ('ownerColumn' in scopeBy) return scopeBy.ownerColumn;
  if ('departmentColumn' in scopeBy) return scopeBy.departmentColumn;
  if ('node' in scopeBy) return scopeBy.node.idColumn;
  return scopeBy.parent.column;
}

/** Replaces fields the actor may not see with a masked form (the owner always sees their own). */
export function maskFields<T extends Record<string, unknown>>(
  actor: Actor,
  object: string,
  row: T,
  ownerId: string | null,
): T {
  if (!actor.maskedFields.size || ownerId === actor.userId) return row;
  const out: Record<string, unknown> = { ...row };
  for (const f of objectDef(object)?.maskable ?? []) {
    if (actor.maskedFields.has(`${object}.${f}`) && typeof out[f] === 'string')
      out[f] = mask(out[f] as string);
  }
  return out as T;
}

export function mask(value: string): string {
  const at = value.indexOf('@');
  if (at > 0) return `${value.slice(0, 1)}***${value.slice(at)}`;
  if (value.length <= 4) return '****';
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}
