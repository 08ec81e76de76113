import { type Kysely, sql } from 'kysely';

// 跟进 → 推进 by index: a deal's follow-up keeps when the deal next entered a stage other than 输单 after
// it (modules/follow-ups/advances.ts keeps it since), and one index holds what the follow-up metrics
// count — the period, who, how, on which record and whether progress followed — so a dashboard counts
// a quarter of them without reading the table (500,000 deals, 5,000,000 follow-ups: the insights'
// method mix searched the stage history once per follow-up, ~50 s on SQLite). It replaces the period
// index of 0028 and the feed's, which it begins with.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The indexes it replaces go first: an update keeps every index of the table up to date.
  await db.schema.dropIndex('follow_ups_summary').execute();
  await db.schema.dropIndex('follow_ups_feed').execute();
  await db.schema.alterTable('follow_ups').addColumn('advanced_at', 'bigint').execute();
  // One join of the deal follow-ups with their deals' stays (row by row, PostgreSQL read for minutes).
  await sql`update follow_ups set advanced_at = a.at
    from (select f.id, min(h.entered_at) as at from follow_ups f
      join opportunity_stage_history h on h.org_id = f.org_id and h.opportunity_id = f.record_id
        and h.entered_at > f.created_at
      join pipeline_stages hs on hs.id = h.stage_id and hs.category <> 'closed_lost'
      where f.object = 'opportunity'
      group by f.id) a
    where follow_ups.id = a.id`.execute(db);
  await db.schema
    .createIndex('follow_ups_period')
    .on('follow_ups')
    .columns([
      'org_id',
      'created_at',
      'created_by',
      'method',
      'object',
      'record_id',
      'advanced_at',
      'deleted_at',
    ])
    .execute();
  await sql`analyze follow_ups`.execute(db);
}
