import type { Kysely } from 'kysely';

// 业绩目标: a value of a target-able metric for one period of the org's calendar (a year 2026, a
// quarter 2026-Q1 or a month 2026-03) and one node of the org chart: a department (the top one is
// the company) or a rep. Every change is kept with who made it, when and why (目标调整记录).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('node_type', 'text', (c) => c.notNull()) // department · user
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull()) // in the metric's unit (money in 分)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema
    .createIndex('targets_cell')
    .on('targets')
    .columns(['org_id', 'metric', 'period', 'node_type', 'node_id'])
    .unique()
    .execute();
  await db.schema
    .createTable('target_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('targets.id'))
    .addColumn('before', 'bigint') // null: the target was set
    .addColumn('after', 'bigint') // null: the target was removed
    .addColumn('method', 'text', (c) => c.notNull()) // manual · even · seasonal · weights
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('target_changes_target')
    .on('target_changes')
    .columns(['org_id', 'target_id', 'at'])
    .execute();
}
