import type { Kysely } from 'kysely';

// 跟进设置: whether every follow-up must name the next one, and the org's working hours — when the
// daily 跟进提醒 (today's and overdue follow-ups, per rep) goes out.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('follow_up_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
    .addColumn('next_required', 'integer', (c) => c.notNull())
    .addColumn('work_start', 'text', (c) => c.notNull()) // HH:mm, org time zone
    .addColumn('work_end', 'text', (c) => c.notNull())
    .addColumn('work_days', 'text', (c) => c.notNull()) // JSON ISO weekdays, 1 = Monday
    .addColumn('daily_reminder', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
