import type { Kysely } from 'kysely';

// 预测调整: a manager's own number for a rep's month or quarter, with a note, kept beside the system's
// forecast (never overwriting it). Rows are only added: the latest of a rep's period is the one in
// force (amount null: withdrawn), the earlier ones its history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('forecast_adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // '2026-11' | '2026-Q4'
    .addColumn('amount', 'bigint') // minor units (分); null: withdrawn
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('forecast_adjustments_period')
    .on('forecast_adjustments')
    .columns(['org_id', 'period', 'user_id', 'created_at'])
    .execute();
}
