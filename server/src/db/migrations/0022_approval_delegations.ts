import type { Kysely } from 'kysely';

// 委托: while an approver is away, a colleague decides their approvals for them — every decision says
// on whose behalf it was made.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('approval_delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id')) // who is away
    .addColumn('delegate_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('approval_delegations_delegate')
    .on('approval_delegations')
    .columns(['org_id', 'delegate_id', 'ends_at'])
    .execute();
  await db.schema
    .createIndex('approval_delegations_user')
    .on('approval_delegations')
    .columns(['org_id', 'user_id', 'ends_at'])
    .execute();
  await db.schema.alterTable('approval_actions').addColumn('on_behalf_of', 'text').execute();
}
