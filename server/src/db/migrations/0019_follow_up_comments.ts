import type { Kysely } from 'kysely';

// 点评: a manager coaches from the log — a comment on a rep's follow-up, the rep (and whoever it
// @mentions) notified. The team feed reads follow-ups newest first across records.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('follow_up_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('follow_up_id', 'text', (c) => c.notNull().references('follow_ups.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull()) // JSON string[]: user ids @mentioned
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('follow_up_comments_follow_up')
    .on('follow_up_comments')
    .columns(['org_id', 'follow_up_id', 'created_at'])
    .execute();
  await db.schema.createIndex('follow_ups_feed').on('follow_ups').columns(['org_id', 'created_at']).execute();
}
