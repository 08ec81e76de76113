import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_platform.js';
import * as m0002 from './migrations/0002_customers.js';
import * as m0003 from './migrations/0003_contacts.js';
import * as m0004 from './migrations/0004_pools.js';
import * as m0005 from './migrations/0005_attachments.js';
import * as m0006 from './migrations/0006_custom_fields.js';
import * as m0007 from './migrations/0007_imports.js';
import * as m0008 from './migrations/0008_search.js';
import * as m0009 from './migrations/0009_merges.js';
import * as m0010 from './migrations/0010_saved_views.js';
import * as m0011 from './migrations/0011_dedup_record_index.js';
import * as m0012 from './migrations/0012_leads.js';
import * as m0013 from './migrations/0013_opportunities.js';
import * as m0014 from './migrations/0014_approvals.js';
import * as m0015 from './migrations/0015_follow_up_details.js';
import * as m0016 from './migrations/0016_scripts.js';
import * as m0017 from './migrations/0017_lead_owner_index.js';
import * as m0018 from './migrations/0018_opportunity_external_id.js';
import * as m0019 from './migrations/0019_follow_up_comments.js';
import * as m0020 from './migrations/0020_follow_up_attachments.js';
import * as m0021 from './migrations/0021_customer_location.js';
import * as m0022 from './migrations/0022_approval_delegations.js';
import * as m0023 from './migrations/0023_approval_cc.js';
import * as m0024 from './migrations/0024_follow_up_settings.js';
import * as m0025 from './migrations/0025_summary_indexes.js';
import * as m0026 from './migrations/0026_targets.js';
import * as m0027 from './migrations/0027_scorecards.js';
import * as m0028 from './migrations/0028_metric_indexes.js';
import * as m0029 from './migrations/0029_forecast_adjustments.js';
import * as m0030 from './migrations/0030_dashboards.js';
import * as m0031 from './migrations/0031_stage_flow.js';
import * as m0032 from './migrations/0032_follow_up_advances.js';

// Migrations are listed explicitly (no directory scanning), so the compiled build and tsx agree.
const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_customers': m0002,
  '0003_contacts': m0003,
  '0004_pools': m0004,
  '0005_attachments': m0005,
  '0006_custom_fields': m0006,
  '0007_imports': m0007,
  '0008_search': m0008,
  '0009_merges': m0009,
  '0010_saved_views': m0010,
  '0011_dedup_record_index': m0011,
  '0012_leads': m0012,
  '0013_opportunities': m0013,
  '0014_approvals': m0014,
  '0015_follow_up_details': m0015,
  '0016_scripts': m0016,
  '0017_lead_owner_index': m0017,
  '0018_opportunity_external_id': m0018,
  '0019_follow_up_comments': m0019,
  '0020_follow_up_attachments': m0020,
  '0021_customer_location': m0021,
  '0022_approval_delegations': m0022,
  '0023_approval_cc': m0023,
  '0024_follow_up_settings': m0024,
  '0025_summary_indexes': m0025,
  '0026_targets': m0026,
  '0027_scorecards': m0027,
  '0028_metric_indexes': m0028,
  '0029_forecast_adjustments': m0029,
  '0030_dashboards': m0030,
  '0031_stage_flow': m0031,
  '0032_follow_up_advances': m0032,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up (or down) to the named migration: tests of what a migration does to data written before it. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}
