import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The managers above a user, nearest first: the manager of their department, then of each department
 * up the tree — each once, never the user themselves. Level 1 is the direct manager (直属上级).
 */
export async function managersAbove(db: Kysely<DB>, orgId: string, userId: string): Promise<string[]> {
  const rows = await sql<{ managerId: string }>`select d.manager_id as "managerId"
    from users u
    join department_closure dc on dc.org_id = u.org_id and dc.descendant_id = u.department_id
    join departments d on d.id = dc.ancestor_id
    where u.org_id = ${orgId} and u.id = ${userId} and d.manager_id is not null and d.manager_id <> ${userId}
    order by dc.depth`.execute(db);
  return [...new Set(rows.rows.map((r) => r.managerId))];
}
