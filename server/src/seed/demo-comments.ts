import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { addComment } from '../modules/follow-ups/comments.js';
import { loadActor } from '../platform/auth/actor-loader.js';

const hour = 3_600_000;

/** 张伟's coaching on the latest follow-ups of his team, and a rep's answer: the 点评 of 跟进动态. */
const coaching = [
  '客户提到交期，下次把生产排期表带上，先把交期风险说清楚。',
  '需求写得很清楚。下一步记得约对方技术负责人一起，别只和采购谈。',
  '价格异议可以用话术库里“价格太高”那条，先讲全生命周期成本。',
];

export async function seedDemoComments(
  tx: Kysely<DB>,
  orgId: string,
  who: { manager: string; reps: string[] },
  now: number,
): Promise<void> {
  const manager = await loadActor(tx, who.manager, 'session');
  if (!manager) return;
  const latest = await tx
    .selectFrom('followUps')
    .select(['id', 'createdBy', 'createdAt'])
    .where('orgId', '=', orgId)
    .where('createdBy', 'in', who.reps)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .limit(coaching.length)
    .execute();
  for (const [i, f] of latest.entries()) {
    // After the follow-up and before now: two hours on, or halfway to now for a recent one.
    const at = f.createdAt + Math.min(2 * hour, Math.floor((now - f.createdAt) / 2));
    await addComment(tx, manager, f.id, { body: coaching[i]! }, { orgId, actorId: manager.userId, at });
    // The rep answers the first one.
    const rep = i === 0 && f.createdBy ? await loadActor(tx, f.createdBy, 'session') : undefined;
    if (rep)
      await addComment(
        tx,
        rep,
        f.id,
        { body: '收到，周三带排期表再去一次。' },
        { orgId, actorId: rep.userId, at: at + Math.floor((now - at) / 2) },
      );
  }
}
