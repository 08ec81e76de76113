import type { Kysely } from 'kysely';

// A deal's number in the system it came from (the Maven file's opportunity_id, another CRM's id): an
// import of the same file twice finds the deals it made the first time instead of making them again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('opportunities').addColumn('external_id', 'text').execute();
  await db.schema
    .createIndex('opportunities_external_id')
    .on('opportunities')
    .columns(['org_id', 'external_id'])
    .execute();
}
