import type { Kysely } from 'kysely';

// 话术库 (D6): what to say in a situation — by scenario, objection (e.g. 价格太高) and the deal stages it
// fits — searchable by words and pinyin, with how often it was used and how reps rate it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_pinyin', 'text', (c) => c.notNull())
    .addColumn('title_initials', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull()) // 首次拜访, 需求挖掘, 异议处理, 促成签约 …
    .addColumn('objection', 'text') // 价格太高, 再考虑一下 …
    .addColumn('stage_ids', 'text', (c) => c.notNull()) // JSON string[]: the deal stages it fits; [] = any
    .addColumn('tags', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('scripts_org').on('scripts').columns(['org_id', 'use_count']).execute();
  await db.schema
    .createTable('script_ratings')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('script_id', 'text', (c) => c.notNull().references('scripts.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('script_ratings_pk', ['script_id', 'user_id'])
    .execute();
}
