import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { advanceFollowUps } from '../follow-ups/advances.js';

// 阶段记录: every stay of a deal in a stage — entered when and by whom, left when, by whom and for which stage.

export type StageEntry = {
  orgId: string;
  opportunityId: string;
  stageId: string;
  at: number;
  actorId: string | null;
};

/** Closes the deal's current stay (if any) and opens one in `stageId`. */
export async function enterStage(tx: Kysely<DB>, e: StageEntry): Promise<void> {
  await tx
    .updateTable('opportunityStageHistory')
    .set({ leftAt: e.at, leftBy: e.actorId, nextStageId: e.stageId })
    .where('orgId', '=', e.orgId)
    .where('opportunityId', '=', e.opportunityId)
    .where('leftAt', 'is', null)
    .execute();
  await tx
    .insertInto('opportunityStageHistory')
    .values({
      id: newId(),
      orgId: e.orgId,
      opportunityId: e.opportunityId,
      stageId: e.stageId,
      enteredAt: e.at,
      enteredBy: e.actorId,
      leftAt: null,
      leftBy: null,
      nextStageId: null,
    })
    .execute();
  await advanceFollowUps(tx, e);
}
