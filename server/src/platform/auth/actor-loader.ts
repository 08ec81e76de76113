import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, effectiveRights } from '../access/actor.js';
import type { Permissions } from '../access/model.js';

/** Builds the actor for an active user from their roles; undefined when the user is inactive or gone. */
export async function loadActor(
  db: Kysely<DB>,
  userId: string,
  via: Actor['via'],
  extra: { apiKeyScopes?: string[] | null; sessionId?: string; csrfToken?: string } = {},
): Promise<Actor | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'orgId', 'departmentId', 'name', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active) return undefined;
  const roles = await db
    .selectFrom('userRoles')
    .innerJoin('roles', 'roles.id', 'userRoles.roleId')
    .select(['roles.key', 'roles.permissions', 'roles.maskedFields'])
    .where('userRoles.orgId', '=', user.orgId)
    .where('userRoles.userId', '=', user.id)
    .execute();
  const rights = effectiveRights(
    roles.map((r) => ({
      key: r.key,
      permissions: JSON.parse(r.permissions) as Permissions,
      maskedFields: JSON.parse(r.maskedFields) as string[],
    })),
    extra.apiKeyScopes,
  );
  return {
    userId: user.id,
    orgId: user.orgId,
    departmentId: user.departmentId,
    name: user.name,
    roleKeys: roles.map((r) => r.key),
    ...rights,
    via,
    sessionId: extra.sessionId,
    csrfToken: extra.csrfToken,
  };
}
