import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { emitEvent } from '../events/outbox.js';
import { newId } from '../ids.js';

export type Notice = {
  kind: string;
  params?: Record<string, unknown>;
  link?: string | null;
  eventId?: string;
};

/**
 * Puts a notice in users' notification centres. The text is rendered by the client from `kind` and
 * `params` in the reader's language. A notice made from an event is stored once per user, however
 * often its job runs.
 *
 * Each notice stored also goes to the outbox as a `notification.created` event (in the caller's
 * transaction, so only notices that exist are announced): a delivery channel beyond the in-app centre
 * (e-mail, WeCom, DingTalk, Feishu) is a job subscribed to that event, with the recipient, kind, params
 * and link in its payload.
 */
export async function notify(db: Kysely<DB>, orgId: string, userIds: string[], n: Notice, now: number) {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  const stored = await db
    .insertInto('notifications')
    .values(
      unique.map((userId) => ({
        id: newId(),
        orgId,
        userId,
        kind: n.kind,
        params: JSON.stringify(n.params ?? {}),
        link: n.link ?? null,
        eventId: n.eventId ?? null,
        createdAt: now,
        readAt: null,
      })),
    )
    .onConflict((oc) => oc.columns(['orgId', 'userId', 'eventId']).doNothing())
    .returning(['id', 'userId'])
    .execute();
  for (const r of stored) {
    await emitEvent(db, {
      orgId,
      type: 'notification.created',
      object: 'notification',
      recordId: r.id,
      actorId: null,
      at: now,
      payload: { userId: r.userId, kind: n.kind, params: n.params ?? {}, link: n.link ?? null },
    });
  }
}

export async function activeAdmins(db: Kysely<DB>, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .innerJoin('roles', 'roles.id', 'userRoles.roleId')
    .select('users.id')
    .where('users.orgId', '=', orgId)
    .where('users.active', '=', 1)
    .where('roles.key', '=', 'admin')
    .execute();
  return rows.map((r) => r.id);
}
