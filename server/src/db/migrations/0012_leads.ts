import type { Kysely } from 'kysely';

// 线索 (leads): a person and company that showed interest, before they are a customer. Owned by a rep
// or waiting in a (lead) pool; de-duplicated against leads, customers and contacts through the same
// dedup_keys index (object = 'lead').
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull()) // the person
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('company_key', 'text')
    .addColumn('title', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_e164', 'text')
    .addColumn('email', 'text')
    .addColumn('wechat', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('industry', 'text')
    .addColumn('source', 'text')
    // manual | import | web_form | api — how it reached us; details (UTM parameters, form, referrer) as JSON.
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_detail', 'text', (c) => c.notNull())
    .addColumn('inquiry', 'text')
    // new | working | qualified | converted | disqualified (新线索 · 跟进中 · 已确认 · 已转化 · 无效)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disqualify_reason', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('owned_since', 'bigint')
    .addColumn('pool_id', 'text')
    .addColumn('last_follow_up_at', 'bigint')
    .addColumn('custom', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  // Keyset lists: by owner, by the common sorts, by status; always scoped by org, id as tiebreak.
  for (const [name, columns] of [
    ['leads_org_owner', ['org_id', 'owner_id', 'id']],
    ['leads_org_updated', ['org_id', 'updated_at', 'id']],
    ['leads_org_created', ['org_id', 'created_at', 'id']],
    ['leads_org_status', ['org_id', 'status', 'updated_at', 'id']],
    ['leads_org_pool', ['org_id', 'pool_id', 'id']],
    ['leads_org_pinyin', ['org_id', 'name_pinyin']],
    ['leads_org_initials', ['org_id', 'name_initials']],
  ] as const)
    await db.schema
      .createIndex(name)
      .on('leads')
      .columns([...columns])
      .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
