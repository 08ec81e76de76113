import type { Kysely } from 'kysely';

// 考核方案: how people (or teams) are scored per month, quarter or year — metrics grouped as result,
// process and customer with weights (60/30/10 by default), each with its scoring rule. Scores are not
// stored: they are computed from the same data as every other number, whenever they are read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scorecards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull()) // rep · team
    .addColumn('granularity', 'text', (c) => c.notNull()) // month · quarter · year
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id')) // who is scored
    .addColumn('role_keys', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: only users with one of these roles
    .addColumn('weights', 'text', (c) => c.notNull()) // JSON { result, process, customer }
    .addColumn('items', 'text', (c) => c.notNull()) // JSON [{ metric, group, weight, rule }]
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('scorecards_org').on('scorecards').columns(['org_id', 'deleted_at']).execute();
}
