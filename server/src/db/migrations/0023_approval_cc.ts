import type { Kysely } from 'kysely';

// 抄送: a flow names people (by name, role or the submitter's managers) who are told how a request
// ended and may read it; each request keeps whom it was copied to when it was submitted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('approval_definitions')
    .addColumn('cc', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('approval_instances')
    .addColumn('cc_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
