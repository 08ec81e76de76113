import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Keeps the closure table in step when a department is created under a parent. */
export async function insertClosure(tx: Kysely<DB>, orgId: string, id: string, parentId: string | null) {
  await tx
    .insertInto('departmentClosure')
    .values({ orgId, ancestorId: id, descendantId: id, depth: 0 })
    .execute();
  if (!parentId) return;
  await sql`insert into department_closure (org_id, ancestor_id, descendant_id, depth)
    select org_id, ancestor_id, ${id}, depth + 1 from department_closure
    where org_id = ${orgId} and descendant_id = ${parentId}`.execute(tx);
}

/** Moves a subtree under a new parent: drop the links from old ancestors, add links to new ones. */
export async function moveClosure(tx: Kysely<DB>, orgId: string, id: string, newParentId: string) {
  await sql`delete from department_closure
    where org_id = ${orgId}
      and descendant_id in (select descendant_id from department_closure where org_id = ${orgId} and ancestor_id = ${id})
      and ancestor_id not in (select descendant_id from department_closure where org_id = ${orgId} and ancestor_id = ${id})`.execute(
    tx,
  );
  await sql`insert into department_closure (org_id, ancestor_id, descendant_id, depth)
    select p.org_id, p.ancestor_id, c.descendant_id, p.depth + c.depth + 1
    from department_closure p, department_closure c
    where p.org_id = ${orgId} and p.descendant_id = ${newParentId}
      and c.org_id = ${orgId} and c.ancestor_id = ${id}`.execute(tx);
}

export async function isDescendant(db: Kysely<DB>, orgId: string, ancestorId: string, id: string) {
  const row = await db
    .selectFrom('departmentClosure')
    .select('depth')
    .where('orgId', '=', orgId)
    .where('ancestorId', '=', ancestorId)
    .where('descendantId', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
