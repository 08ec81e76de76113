import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
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
 * often its job runs. Channels beyond in-app (e-mail, IM bots) come with A7.
 */
export async function notify(db: Kysely<DB>, orgId: string, userIds: string[], n: Notice, now: number) {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  await db
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
    .execute();
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
