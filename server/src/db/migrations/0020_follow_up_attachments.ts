import type { Kysely } from 'kysely';

// A follow-up's photos and files (the visit's photos of the production line, the quote sent) are files of
// its record — shown in its 附件 and under the follow-up — marked with the follow-up they came with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attachments').addColumn('follow_up_id', 'text').execute();
  await db.schema
    .createIndex('attachments_follow_up')
    .on('attachments')
    .columns(['org_id', 'follow_up_id'])
    .execute();
}
