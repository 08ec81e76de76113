import type { Kysely } from 'kysely';

// 我的视图: named list filters a user saves for themselves, or shares with everyone in the org.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // JSON { filters, sort, columns }
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('saved_views_user')
    .on('saved_views')
    .columns(['org_id', 'object', 'user_id', 'name'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
