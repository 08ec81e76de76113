import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Past any real position (an int4 on PostgreSQL): where a new rule waits until it is put in place. */
export const lastPosition = 2 ** 31 - 1;

type OrderedTable = 'leadScoreRules' | 'leadAssignmentRules';

/**
 * Numbers an org's rules 1…n in their order (position, then creation), with `move` put at its 1-based
 * position first — the one ordering of every rule list (scoring, assignment).
 */
export async function renumber(
  tx: Kysely<DB>,
  table: OrderedTable,
  orgId: string,
  move?: { id: string; position: number },
): Promise<void> {
  // Both tables have the same id, org_id, position and created_at columns.
  const rows = await tx
    .selectFrom(table as 'leadScoreRules')
    .select('id')
    .where('orgId', '=', orgId)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
  const ids = rows.map((r) => r.id).filter((x) => x !== move?.id);
  if (move) ids.splice(Math.min(move.position, ids.length + 1) - 1, 0, move.id);
  for (const [i, id] of ids.entries())
    await tx
      .updateTable(table as 'leadScoreRules')
      .set({ position: i + 1 })
      .where('id', '=', id)
      .execute();
}
