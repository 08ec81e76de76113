import type { Kysely } from 'kysely';
import { seedDashboards } from '../../modules/dashboards/builtin.js';
import type { DB } from '../schema.js';

// 仪表盘: a grid of widgets over the metric registry, with the filters it opens with. A user's own
// (owner_id), shared with roles if they like; or the org's (owner_id null, kept by administrators), the
// ones a role opens first (default_for). Every org starts with one for executives, managers and reps.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dashboards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id')) // null: the org's
    // The org's starting dashboards are named in the reader's language until an administrator renames them.
    .addColumn('builtin_key', 'text') // executive | manager | rep
    .addColumn('name', 'text')
    .addColumn('widgets', 'text', (c) => c.notNull()) // JSON Widget[] (modules/dashboards/widgets.ts)
    .addColumn('filters', 'text', (c) => c.notNull()) // JSON { period, departmentId?, pipelineId? }
    .addColumn('shared_roles', 'text', (c) => c.notNull()) // JSON role keys that may open it
    .addColumn('default_for', 'text', (c) => c.notNull()) // JSON role keys that open it first
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('dashboards_org').on('dashboards').columns(['org_id', 'owner_id']).execute();
  const orgs = await (db as unknown as Kysely<DB>).selectFrom('orgs').select('id').execute();
  const now = Date.now();
  for (const { id } of orgs) await seedDashboards(db as unknown as Kysely<DB>, id, now);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
