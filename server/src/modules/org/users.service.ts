import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, grantsWithin, type Permissions } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { hashPassword } from '../../platform/auth/password.js';
import { randomToken, sha256 } from '../../platform/auth/tokens.js';
import { AppError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

export const inviteTtlMs = 7 * 86_400_000;

export type NewUser = {
  name: string;
  email: string;
  mobile?: string | null;
  title?: string | null;
  departmentId: string;
  roles: string[];
  password?: string;
  locale?: string;
};

type Meta = {
  orgId: string;
  actorId: string | null;
  at: number;
  requestId?: string | null;
  /** Extra event payload (e.g. the import a user came from). */
  payload?: Record<string, unknown>;
};

/** Creates a user with roles (by key) in one transaction; without a password, an invitation token. */
export async function createUser(
  tx: Kysely<DB>,
  meta: Meta,
  u: NewUser,
): Promise<{ id: string; inviteToken: string | null }> {
  const email = u.email.trim().toLowerCase();
  const mobile = u.mobile?.trim() || null;
  await assertLoginFree(tx, email, mobile, null);
  const roleIds = await roleIdsOf(tx, meta.orgId, u.roles);
  const id = newId();
  const row = {
    id,
    orgId: meta.orgId,
    name: u.name,
    email,
    mobile,
    title: u.title ?? null,
    departmentId: u.departmentId,
    passwordHash: u.password ? await hashPassword(u.password) : null,
    active: 1,
    locale: u.locale ?? 'zh-CN',
    lastLoginAt: null,
    createdAt: meta.at,
    updatedAt: meta.at,
  };
  await tx.insertInto('users').values(row).execute();
  if (roleIds.length) {
    await tx
      .insertInto('userRoles')
      .values(roleIds.map((roleId) => ({ orgId: meta.orgId, userId: id, roleId })))
      .execute();
  }
  const inviteToken = u.password ? null : await createInvitation(tx, meta.orgId, id, meta.at);
  await recordChange(tx, {
    ...meta,
    object: 'user',
    recordId: id,
    action: 'create',
    after: { ...row, roles: [...u.roles].sort() },
  });
  return { id, inviteToken };
}

/** A fresh invitation link token (older unused ones for the user stop working). */
export async function createInvitation(tx: Kysely<DB>, orgId: string, userId: string, now: number) {
  await tx.deleteFrom('inviteTokens').where('orgId', '=', orgId).where('userId', '=', userId).execute();
  const token = randomToken();
  await tx
    .insertInto('inviteTokens')
    .values({ id: sha256(token), orgId, userId, createdAt: now, expiresAt: now + inviteTtlMs, usedAt: null })
    .execute();
  return token;
}

/**
 * Only an administrator may hand out the admin role or change an administrator's account; otherwise a
 * user manager could promote themselves or reset an admin's password and sign in as them.
 */
export function assertMayTouchAdmin(actor: Actor, touchesAdmin: boolean): void {
  if (touchesAdmin && !actor.isAdmin) throw new AppError(403, 'forbidden');
}

/**
 * A non-admin may give users only roles whose grants lie within their own rights (the admin role is
 * guarded separately), so holding user:update never becomes a way to raise anyone's rights.
 */
export async function assertMayGrantRoles(db: Kysely<DB>, actor: Actor, keys: string[]): Promise<void> {
  if (actor.isAdmin || !keys.length) return;
  const rows = await db
    .selectFrom('roles')
    .select(['key', 'permissions'])
    .where('orgId', '=', actor.orgId)
    .where('key', 'in', keys)
    .execute();
  const excess = rows.filter((r) => !grantsWithin(actor, JSON.parse(r.permissions) as Permissions));
  if (excess.length) {
    throw new AppError(
      403,
      'role_exceeds_rights',
      {},
      {
        errors: excess.map((r) => ({
          path: 'body.roles',
          code: 'role_exceeds_rights',
          params: { key: r.key },
        })),
      },
    );
  }
}

export async function roleIdsOf(db: Kysely<DB>, orgId: string, keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const rows = await db
    .selectFrom('roles')
    .select(['id', 'key'])
    .where('orgId', '=', orgId)
    .where('key', 'in', keys)
    .execute();
  const missing = keys.filter((k) => !rows.some((r) => r.key === k));
  if (missing.length)
    throw invalid(missing.map((k) => ({ path: 'body.roles', code: 'not_found', params: { key: k } })));
  return rows.map((r) => r.id);
}

/** E-mail and mobile each sign in to one account on this server. */
export async function assertLoginFree(
  db: Kysely<DB>,
  email: string | null,
  mobile: string | null,
  exceptId: string | null,
) {
  if (email) {
    const hit = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (hit && hit.id !== exceptId)
      throw new AppError(
        409,
        'duplicate_email',
        {},
        { errors: [{ path: 'body.email', code: 'duplicate_email' }] },
      );
  }
  if (mobile) {
    const hit = await db.selectFrom('users').select('id').where('mobile', '=', mobile).executeTakeFirst();
    if (hit && hit.id !== exceptId)
      throw new AppError(
        409,
        'duplicate_mobile',
        {},
        { errors: [{ path: 'body.mobile', code: 'duplicate_mobile' }] },
      );
  }
}

/** Keys of the roles of a set of users, for list pages. */
export async function rolesOfUsers(
  db: Kysely<DB>,
  orgId: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!userIds.length) return out;
  const rows = await db
    .selectFrom('userRoles')
    .innerJoin('roles', 'roles.id', 'userRoles.roleId')
    .select(['userRoles.userId', 'roles.key'])
    .where('userRoles.orgId', '=', orgId)
    .where('userRoles.userId', 'in', userIds)
    .orderBy('roles.key')
    .execute();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.key]);
  return out;
}

/** Refuses a change that would leave the org without an active administrator. */
export async function assertAdminRemains(db: Kysely<DB>, orgId: string, losingUserId: string) {
  const row = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .innerJoin('roles', 'roles.id', 'userRoles.roleId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('users.orgId', '=', orgId)
    .where('users.active', '=', 1)
    .where('roles.key', '=', 'admin')
    .where('users.id', '!=', losingUserId)
    .executeTakeFirst();
  if (Number(row?.n ?? 0) === 0) throw new AppError(422, 'last_admin');
}
