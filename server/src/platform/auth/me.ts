import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, allObjects } from '../access/index.js';

/** The signed-in user as GET /me, login and invitation accept return them. */
export const meSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  name: z.string(),
  email: z.string(),
  mobile: z.string().nullable(),
  title: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string(),
  locale: z.string(),
  roles: z.array(z.string()),
  isAdmin: z.boolean(),
  permissions: z.record(z.string(), z.object({ actions: z.array(z.string()), scope: z.string() })),
});

export async function loadMe(db: Kysely<DB>, actor: Actor) {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.departmentId')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .select([
      'u.id',
      'u.orgId',
      'o.name as orgName',
      'o.timeZone',
      'o.currency',
      'u.name',
      'u.email',
      'u.mobile',
      'u.title',
      'u.departmentId',
      'd.name as departmentName',
      'u.locale',
    ])
    .where('u.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  // Only objects the app knows, with their actions, so the web app can show what the user may use.
  const permissions = Object.fromEntries(
    allObjects()
      .filter((o) => actor.permissions[o.key])
      .map((o) => [o.key, actor.permissions[o.key]!]),
  );
  return { ...u, roles: actor.roleKeys, isAdmin: actor.isAdmin, permissions };
}
