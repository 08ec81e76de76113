import type { Kysely } from 'kysely';

// The record index of the 查重 keys carries kind and key, so it covers the near-duplicate step's
// "company keys of these records" lookup. Without them SQLite (no statistics) preferred the covering
// primary key on (org_id, kind) and read every company key of the org per check: an import of 10,000
// rows spent most of its time there, and more with every row it added.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dedup_keys_record').execute();
  await db.schema
    .createIndex('dedup_keys_record')
    .on('dedup_keys')
    .columns(['org_id', 'object', 'record_id', 'kind', 'key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
