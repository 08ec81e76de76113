import { type Kysely, sql } from 'kysely';

// How deals flow through the stages, read by period: a stay knows the stage its deal went to when it
// ended (next_stage_id), so 阶段转化 joins instead of looking up the next stay of every exit; and the
// stays that began or ended in a period are index entries (the funnel, the stage conversion and the
// time in stage read a year of them on every dashboard).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('opportunity_stage_history')
    .addColumn('next_stage_id', 'text', (c) => c.references('pipeline_stages.id'))
    .execute();
  await sql`update opportunity_stage_history set next_stage_id = (
      select n.stage_id from opportunity_stage_history n
      where n.org_id = opportunity_stage_history.org_id
        and n.opportunity_id = opportunity_stage_history.opportunity_id
        and n.entered_at = opportunity_stage_history.left_at
      order by n.id desc limit 1)
    where left_at is not null`.execute(db);
  // A deal's stays with their stage, and the deals closed in a period with their id: the forecast's year
  // of history (closed deals × their stays) reads index entries only.
  await db.schema.dropIndex('opportunity_stage_history_opportunity').execute();
  await db.schema
    .createIndex('opportunity_stage_history_opportunity')
    .on('opportunity_stage_history')
    .columns(['org_id', 'opportunity_id', 'entered_at', 'stage_id'])
    .execute();
  await db.schema.dropIndex('opportunities_closed').execute();
  await db.schema
    .createIndex('opportunities_closed')
    .on('opportunities')
    .columns(['org_id', 'closed_at', 'status', 'deleted_at', 'owner_id', 'amount', 'id'])
    .execute();
  await db.schema
    .createIndex('opportunity_stage_history_entered')
    .on('opportunity_stage_history')
    .columns(['org_id', 'entered_at', 'stage_id', 'opportunity_id'])
    .execute();
  await db.schema
    .createIndex('opportunity_stage_history_left')
    .on('opportunity_stage_history')
    .columns(['org_id', 'left_at', 'stage_id', 'next_stage_id', 'opportunity_id'])
    .execute();
  // Statistics of the new indexes now: without them SQLite looks up a deal's next stay by time, not by deal.
  await sql`analyze opportunity_stage_history`.execute(db);
  await sql`analyze opportunities`.execute(db);
}
