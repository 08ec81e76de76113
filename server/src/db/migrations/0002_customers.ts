import type { Kysely } from 'kysely';

// Customers (客户) and the duplicate-key index shared by every object that can collide
// (customers and contacts now, leads later).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('industry', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_e164', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('source', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('custom', 'text', (c) => c.notNull())
    .addColumn('last_follow_up_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  // Keyset lists: by owner and by the common sorts, always scoped by org and newest id as tiebreak.
  await db.schema
    .createIndex('customers_org_owner')
    .on('customers')
    .columns(['org_id', 'owner_id', 'id'])
    .execute();
  await db.schema
    .createIndex('customers_org_updated')
    .on('customers')
    .columns(['org_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('customers_org_name')
    .on('customers')
    .columns(['org_id', 'name', 'id'])
    .execute();
  await db.schema
    .createIndex('customers_org_pinyin')
    .on('customers')
    .columns(['org_id', 'name_pinyin'])
    .execute();
  await db.schema
    .createIndex('customers_org_initials')
    .on('customers')
    .columns(['org_id', 'name_initials'])
    .execute();

  // 查重 keys: one row per normalized phone, e-mail or company-name key of a record. Every probe is
  // one indexed lookup (org_id, kind, key) — never an OR across columns.
  await db.schema
    .createTable('dedup_keys')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // phone | email | company | company_prefix
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull()) // customer | contact | lead
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dedup_keys_pk', ['org_id', 'kind', 'key', 'object', 'record_id'])
    .execute();
  await db.schema
    .createIndex('dedup_keys_record')
    .on('dedup_keys')
    .columns(['org_id', 'object', 'record_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
