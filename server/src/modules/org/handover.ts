import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { AppError, invalid } from '../../platform/errors.js';

/** Where a departing user's records go: to a successor, or into a pool. */
export type HandoverTarget = { toUserId: string } | { toPoolId: string };

export type HandoverMeta = {
  orgId: string;
  actorId: string | null;
  at: number;
  requestId?: string | null;
  reason?: string;
};

/**
 * Something a user can own that must not be orphaned when they leave (customers now; leads, deals
 * and open tasks register themselves in later modules).
 */
export type HandoverParticipant = {
  object: string;
  count(db: Kysely<DB>, orgId: string, userId: string): Promise<number>;
  /** Moves everything the user owns to the target inside the caller's transaction; returns how many. */
  transfer(
    tx: Kysely<DB>,
    actor: Actor,
    fromUserId: string,
    target: HandoverTarget,
    meta: HandoverMeta,
  ): Promise<number>;
};

const participants: HandoverParticipant[] = [];

export function registerHandover(p: HandoverParticipant): void {
  if (!participants.some((x) => x.object === p.object)) participants.push(p);
}

/** What the user owns, per object — the preview shown before a hand-over or deactivation. */
export async function handoverPreview(db: Kysely<DB>, orgId: string, userId: string) {
  return Promise.all(
    participants.map(async (p) => ({ object: p.object, count: await p.count(db, orgId, userId) })),
  );
}

/** 离职交接: moves everything a user owns to the target, atomically (the caller's transaction). */
export async function handOver(
  tx: Kysely<DB>,
  actor: Actor,
  fromUserId: string,
  target: HandoverTarget,
  meta: HandoverMeta,
) {
  if ('toUserId' in target) {
    if (target.toUserId === fromUserId) throw new AppError(422, 'handover_same_user');
    const to = await tx
      .selectFrom('users')
      .select(['id', 'active'])
      .where('orgId', '=', actor.orgId)
      .where('id', '=', target.toUserId)
      .executeTakeFirst();
    if (!to) throw invalid([{ path: 'body.handover.toUserId', code: 'not_found' }]);
    if (!to.active) throw invalid([{ path: 'body.handover.toUserId', code: 'account_inactive' }]);
  }
  const moved = [];
  for (const p of participants)
    moved.push({ object: p.object, count: await p.transfer(tx, actor, fromUserId, target, meta) });
  return moved;
}
