import type { Kysely } from 'kysely';
import { seedPipelines } from '../../modules/opportunities/templates.js';
import type { DB } from '../schema.js';

// 商机 (opportunities) in 销售流程 (pipelines): ordered stages with a win probability, a forecast category,
// a follow-up cadence, a "stalled after" threshold and the gates a deal must meet to enter them. Every
// stay of a deal in a stage is a row of its stage history (entered/left, by whom).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pipelines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('pipelines_org').on('pipelines').columns(['org_id', 'position']).execute();
  // Stages are edited with their pipeline (one version); a stage in use is never removed, only retired.
  await db.schema
    .createTable('pipeline_stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull()) // 0–100 %
    // pipeline | best_case | commit | closed_won | closed_lost
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('cadence_days', 'integer') // follow up at least every N days while in this stage
    .addColumn('stalled_days', 'integer') // a deal this many days in the stage is stalled
    // JSON { fields: string[], attachments: [{ kind, label }], checklist: [{ id, label }], followUp: bool }
    .addColumn('gates', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('pipeline_stages_pipeline')
    .on('pipeline_stages')
    .columns(['org_id', 'pipeline_id', 'position'])
    .execute();
  await db.schema
    .createTable('opportunities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // open | won | lost (from the stage's category)
    .addColumn('amount', 'bigint', (c) => c.notNull()) // minor units (分)
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text') // YYYY-MM-DD
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('source', 'text')
    .addColumn('lead_id', 'text')
    .addColumn('products', 'text') // products of interest, free text until the products issue
    .addColumn('competitors', 'text')
    .addColumn('lost_reason', 'text')
    .addColumn('stage_entered_at', 'bigint', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull()) // JSON { [stageId]: ticked item ids }
    .addColumn('closed_at', 'bigint')
    .addColumn('last_follow_up_at', 'bigint')
    .addColumn('next_follow_up_at', 'bigint')
    .addColumn('custom', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'bigint')
    .execute();
  // The kanban reads a pipeline's column; lists read an owner's deals or a customer's.
  await db.schema
    .createIndex('opportunities_stage')
    .on('opportunities')
    .columns(['org_id', 'pipeline_id', 'stage_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('opportunities_owner')
    .on('opportunities')
    .columns(['org_id', 'owner_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('opportunities_customer')
    .on('opportunities')
    .columns(['org_id', 'customer_id'])
    .execute();
  await db.schema
    .createTable('opportunity_contacts')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_contacts_pk', ['opportunity_id', 'contact_id'])
    .execute();
  await db.schema
    .createTable('opportunity_stage_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addColumn('left_at', 'bigint')
    .addColumn('left_by', 'text')
    .execute();
  await db.schema
    .createIndex('opportunity_stage_history_opportunity')
    .on('opportunity_stage_history')
    .columns(['org_id', 'opportunity_id', 'entered_at'])
    .execute();
  // What a converted lead became, now that deals exist.
  await db.schema.alterTable('leads').addColumn('converted_opportunity_id', 'text').execute();
  // 回收规则 "M 天无商机": a customer without an open deal, and none created or closed for M days, goes back.
  await db.schema.alterTable('recycle_rules').addColumn('no_deal_days', 'integer').execute();

  const orgs = await (db as unknown as Kysely<DB>).selectFrom('orgs').select('id').execute();
  const now = Date.now();
  for (const { id } of orgs) await seedPipelines(db as unknown as Kysely<DB>, id, now);
}
