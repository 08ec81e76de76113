import type { Kysely } from 'kysely';

// Custom fields (自定义字段): definitions an admin edits per object; the values live in each record's
// `custom` JSON column, validated against these rows (never runtime DDL).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('custom_field_defs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('object', 'text', (c) => c.notNull()) // customer | contact | later objects
    .addColumn('key', 'text', (c) => c.notNull()) // stable API key, [a-z][a-z0-9_]*
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('help_zh', 'text')
    .addColumn('help_en', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('custom_field_defs_org_object_key')
    .on('custom_field_defs')
    .columns(['org_id', 'object', 'key'])
    .unique()
    .execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('custom', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
