import type { Kysely } from 'kysely';

// Admin merge of duplicate customers: what was folded into what, with everything needed to undo it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('survivor_id', 'text', (c) => c.notNull())
    .addColumn('merged_ids', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('snapshot', 'text', (c) => c.notNull()) // JSON: rows and links before the merge
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('undone_at', 'bigint')
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema
    .createIndex('customer_merges_survivor')
    .on('customer_merges')
    .columns(['org_id', 'survivor_id', 'at'])
    .execute();
  // A merged customer is deleted and points at the one it went into (its timeline shows there).
  await db.schema.alterTable('customers').addColumn('merged_into_id', 'text').execute();
  await db.schema
    .createIndex('customers_merged_into')
    .on('customers')
    .columns(['org_id', 'merged_into_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
