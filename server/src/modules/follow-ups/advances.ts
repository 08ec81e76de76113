import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

// 跟进 → 推进: each follow-up logged on a deal keeps when the deal next entered a stage other than 输单
// after it (`advanced_at`), so the follow-up → progress rate counts index entries instead of searching
// the stage history once per follow-up. Kept from both sides: a stage entry stamps the deal's follow-ups
// still waiting, and a follow-up is stamped when it is logged (from history already written).

/** The first entry of the follow-up's deal into a stage other than 输单 after it (table `follow_ups`). */
const firstAdvance = sql`(select min(h.entered_at) from opportunity_stage_history h
  join pipeline_stages hs on hs.id = h.stage_id
  where h.org_id = follow_ups.org_id and h.opportunity_id = follow_ups.record_id
    and hs.category <> 'closed_lost' and h.entered_at > follow_ups.created_at)`;

/** Stamps a follow-up from its deal's stage history as it stands (one logged, or written, after it). */
export async function stampAdvance(db: Kysely<DB>, orgId: string, followUpId: string): Promise<void> {
  await sql`update follow_ups set advanced_at = ${firstAdvance}
    where org_id = ${orgId} and id = ${followUpId} and object = 'opportunity'`.execute(db);
}

/** A deal entered a stage at `at`: its follow-ups before then not yet followed by progress are, unless it is 输单. */
export async function advanceFollowUps(
  tx: Kysely<DB>,
  e: { orgId: string; opportunityId: string; stageId: string; at: number },
): Promise<void> {
  await sql`update follow_ups set advanced_at = ${e.at}
    where org_id = ${e.orgId} and object = 'opportunity' and record_id = ${e.opportunityId}
      and created_at < ${e.at} and (advanced_at is null or advanced_at > ${e.at})
      and exists (select 1 from pipeline_stages where id = ${e.stageId} and category <> 'closed_lost')`.execute(
    tx,
  );
}
