import { type Kysely, sql } from 'kysely';
import { v7 } from 'uuid';

// Who holds a customer and who else may see it: collaborators (record shares), customer pools (公海)
// with members and claim limits, recycle rules, and the history of every change of hands.
export async function up(db: Kysely<unknown>): Promise<void> {
  // 联合跟进人: a user given read or read-write access to one record they do not own.
  await db.schema
    .createTable('record_shares')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('level', 'text', (c) => c.notNull()) // read | write
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_shares_pk', ['org_id', 'object', 'record_id', 'user_id'])
    .execute();
  // The access layer asks "which records of this object are shared with me" on every list.
  await db.schema
    .createIndex('record_shares_user')
    .on('record_shares')
    .columns(['org_id', 'object', 'user_id', 'level', 'record_id'])
    .execute();

  await db.schema
    .createTable('pools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('object', 'text', (c) => c.notNull()) // customer (leads later)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('daily_claim_limit', 'integer') // null: unlimited
    .addColumn('ownership_cap', 'integer') // null: unlimited
    .addColumn('reclaim_cooldown_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('limit_overrides', 'text', (c) => c.notNull()) // JSON: per department / role
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('pools_org').on('pools').columns(['org_id', 'object', 'name']).execute();

  await db.schema
    .createTable('pool_members')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('pool_id', 'text', (c) => c.notNull().references('pools.id'))
    .addColumn('member_type', 'text', (c) => c.notNull()) // user | department (with its sub-departments)
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()) // member | admin
    .addPrimaryKeyConstraint('pool_members_pk', ['pool_id', 'member_type', 'member_id'])
    .execute();
  await db.schema
    .createIndex('pool_members_member')
    .on('pool_members')
    .columns(['org_id', 'member_type', 'member_id', 'pool_id'])
    .execute();

  await db.schema
    .createTable('recycle_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('pool_id', 'text', (c) => c.notNull().references('pools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('levels', 'text', (c) => c.notNull()) // JSON string[]; [] = every level
    .addColumn('no_follow_up_days', 'integer')
    .addColumn('not_won_days', 'integer')
    .addColumn('warn_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exempt_locked', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('exempt_won', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();

  // Every change of hands: created, claimed, released, recycled, transferred, handed over, merged.
  await db.schema
    .createTable('ownership_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_owner_id', 'text')
    .addColumn('to_owner_id', 'text')
    .addColumn('pool_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ownership_history_record')
    .on('ownership_history')
    .columns(['org_id', 'object', 'record_id', 'at'])
    .execute();
  // Today's claims of a rep (daily limit) and a former owner's releases (re-claim cooldown).
  await db.schema
    .createIndex('ownership_history_to')
    .on('ownership_history')
    .columns(['org_id', 'to_owner_id', 'kind', 'at'])
    .execute();
  await db.schema
    .createIndex('ownership_history_from')
    .on('ownership_history')
    .columns(['org_id', 'from_owner_id', 'record_id', 'at'])
    .execute();

  await db.schema.alterTable('customers').addColumn('pool_id', 'text').execute();
  await db.schema.alterTable('customers').addColumn('owned_since', 'bigint').execute();
  await sql`update customers set owned_since = created_at where owner_id is not null`.execute(db);
  await db.schema
    .createIndex('customers_org_pool')
    .on('customers')
    .columns(['org_id', 'pool_id', 'updated_at', 'id'])
    .execute();

  // Every existing org gets its default pool (公海, the whole company as members), holding the
  // customers that had no owner.
  const now = Date.now();
  const roots = await sql<{ org_id: string; id: string }>`select org_id, id from departments
    where parent_id is null`.execute(db);
  for (const root of roots.rows) {
    const poolId = v7();
    await sql`insert into pools (id, org_id, object, name, is_default, daily_claim_limit, ownership_cap,
      reclaim_cooldown_days, limit_overrides, created_at, updated_at, version)
      values (${poolId}, ${root.org_id}, 'customer', '公海', 1, 10, 200, 30, '[]', ${now}, ${now}, 1)`.execute(
      db,
    );
    await sql`insert into pool_members (org_id, pool_id, member_type, member_id, role)
      values (${root.org_id}, ${poolId}, 'department', ${root.id}, 'member')`.execute(db);
    await sql`update customers set pool_id = ${poolId} where org_id = ${root.org_id} and owner_id is null`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
