import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { type Actor, assertRecordAccess, can, maskFields, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { hashPassword, passwordProblem, weakPassword } from '../../platform/auth/password.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, page, problem } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { assertInOrg } from './departments.routes.js';
import { handOver, handoverPreview } from './handover.js';
import { selectUsers } from './users.repo.js';
import {
  createBody,
  handoverCounts,
  handoverTarget,
  listFilters,
  sortable,
  updateBody,
  user,
} from './users.schema.js';
import {
  assertAdminRemains,
  assertLoginFree,
  assertMayGrantRoles,
  assertMayTouchAdmin,
  createInvitation,
  createUser,
  roleIdsOf,
  rolesOfUsers,
} from './users.service.js';

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = ctx;

  const baseQuery = (actor: Actor) => selectUsers(db, actor.orgId).where(scopeFilter(actor, 'user', 'u.id'));

  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
  const present = (actor: Actor, r: Row, roles: string[]) =>
    maskFields(
      actor,
      'user',
      { ...r, active: r.active === 1, leadEligible: r.leadEligible === 1, roles },
      r.id,
    );

  const load = async (actor: Actor, id: string) => {
    const row = await baseQuery(actor).where('u.id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    const roles = await rolesOfUsers(db, actor.orgId, [id]);
    return present(actor, row, roles.get(id) ?? []);
  };

  api.get(
    '/users',
    {
      config: { access: { object: 'user', action: 'read' } },
      schema: {
        tags: ['org'],
        querystring: listFilters,
        response: { 200: page(user).extend({ totalCount: z.number() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const q = req.query;
      const sort = parseSort(q.sort, sortable, 'name');
      let query = baseQuery(actor);
      if (q.departmentId) {
        query = query.where(
          'u.departmentId',
          'in',
          db
            .selectFrom('departmentClosure')
            .select('descendantId')
            .where('orgId', '=', actor.orgId)
            .where('ancestorId', '=', q.departmentId),
        );
      }
      if (q.active) query = query.where('u.active', '=', q.active === 'true' ? 1 : 0);
      if (q.role) {
        query = query.where(
          'u.id',
          'in',
          db
            .selectFrom('userRoles')
            .innerJoin('roles', 'roles.id', 'userRoles.roleId')
            .select('userRoles.userId')
            .where('roles.orgId', '=', actor.orgId)
            .where('roles.key', '=', q.role),
        );
      }
      if (q.q) {
        const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        // A masked field is searchable only on the actor's own record, so search cannot reveal it.
        const searchable = (column: 'email' | 'mobile') =>
          actor.maskedFields.has(`user.${column}`)
            ? sql<SqlBool>`(u.${sql.raw(column)} like ${like} escape '\\' and u.id = ${actor.userId})`
            : sql<SqlBool>`u.${sql.raw(column)} like ${like} escape '\\'`;
        query = query.where(
          sql<SqlBool>`(u.name like ${like} escape '\\' or ${searchable('email')} or ${searchable('mobile')})`,
        );
      }
      const result = await pageOf(query, {
        sort,
        idColumn: 'u.id',
        limit: q.limit,
        cursor: q.cursor,
        valueOf: (r) => r[sort.field as keyof Row] as unknown,
      });
      const roles = await rolesOfUsers(
        db,
        actor.orgId,
        result.data.map((r) => r.id),
      );
      // Users of an org number in the thousands at most: an exact count with the same filters is cheap.
      const total = await query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return {
        data: result.data.map((r) => present(actor, r, roles.get(r.id) ?? [])),
        nextCursor: result.nextCursor,
        totalCount: Number(total?.n ?? 0),
      };
    },
  );

  api.get(
    '/users/:id',
    {
      config: { access: { object: 'user', action: 'read' } },
      schema: { tags: ['org'], params: idParams, response: { 200: user, ...commonErrors } },
    },
    async (req) => load(req.actor as Actor, req.params.id),
  );

  api.post(
    '/users',
    {
      config: { access: { object: 'user', action: 'create' } },
      schema: {
        tags: ['org'],
        summary: 'Create (invite) a user',
        description: 'Without `password` the response carries a one-time `invitationUrl` valid for 7 days.',
        body: createBody,
        response: {
          201: user.extend({ invitationUrl: z.string().nullable() }),
          409: commonErrors[400],
          ...commonErrors,
        },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      assertMayTouchAdmin(actor, b.roles.includes('admin'));
      await assertMayGrantRoles(db, actor, b.roles);
      if (
        b.password !== undefined &&
        passwordProblem(b.password, config.passwordMinLength, [b.email, b.mobile])
      ) {
        throw weakPassword(config.passwordMinLength, 'body.password');
      }
      const now = clock.now();
      const created = await db.transaction().execute(async (tx) => {
        await assertInOrg(tx, actor.orgId, 'departments', b.departmentId, 'departmentId');
        return createUser(tx, changeMeta(req, now), b);
      });
      const body = await load(actor, created.id).catch(() => null);
      const invitationUrl = created.inviteToken ? `/invite/${created.inviteToken}` : null;
      // The creator may lack read scope on the new user's department: still confirm what was created.
      return reply.status(201).send({ ...(body ?? (await loadUnscoped(actor, created.id))), invitationUrl });
    },
  );

  // After a write the actor may no longer have the user in scope (e.g. moved to another department):
  // still answer with what was written, masked as usual.
  const loadUnscoped = async (actor: Actor, id: string) => {
    const row = await selectUsers(db, actor.orgId).where('u.id', '=', id).executeTakeFirstOrThrow();
    const roles = await rolesOfUsers(db, actor.orgId, [id]);
    return present(actor, row, roles.get(id) ?? []);
  };

  api.patch(
    '/users/:id',
    {
      config: { access: { object: 'user', action: 'update' } },
      schema: {
        tags: ['org'],
        params: idParams,
        body: updateBody,
        response: { 200: user, 409: problem.extend({ owned: handoverCounts.optional() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      await assertRecordAccess(db, actor, 'user', 'update', req.params.id);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('users')
          .selectAll()
          .where('orgId', '=', actor.orgId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => ({ id: r.id, version: r.version, name: r.name }));
        const b = req.body;
        const email = b.email?.trim().toLowerCase();
        await assertLoginFree(tx, email ?? null, b.mobile ?? null, before.id);
        if (b.departmentId) await assertInOrg(tx, actor.orgId, 'departments', b.departmentId, 'departmentId');
        if (
          b.password !== undefined &&
          passwordProblem(b.password, config.passwordMinLength, [
            email ?? before.email,
            b.mobile ?? before.mobile,
          ])
        ) {
          throw weakPassword(config.passwordMinLength, 'body.password');
        }
        const beforeRoles = (await rolesOfUsers(tx, actor.orgId, [before.id])).get(before.id) ?? [];
        const deactivating = b.active === false && before.active === 1;
        const losingAdmin =
          beforeRoles.includes('admin') && (deactivating || (b.roles && !b.roles.includes('admin')));
        if (deactivating && before.id === actor.userId) throw new AppError(422, 'cannot_deactivate_self');
        if (b.handover && !deactivating)
          throw invalid([{ path: 'body.handover', code: 'unrecognized_keys' }]);
        if (deactivating) {
          // Nobody leaves with customers (or, later, leads and deals) still in their name.
          const owned = (await handoverPreview(tx, actor.orgId, before.id)).filter((o) => o.count > 0);
          if (owned.length && !b.handover)
            throw new AppError(409, 'handover_required', countsParams(owned), { body: { owned } });
          if (owned.length && b.handover)
            await handOver(tx, actor, before.id, b.handover, {
              ...changeMeta(req, now),
              reason: b.handover.reason,
            });
        }
        if (losingAdmin) await assertAdminRemains(tx, actor.orgId, before.id);
        assertMayTouchAdmin(actor, beforeRoles.includes('admin') || !!b.roles?.includes('admin'));
        if (b.roles) await assertMayGrantRoles(tx, actor, b.roles);

        const { roles, password, active, leadEligible, handover: _h, ...fields } = b;
        const set = {
          ...fields,
          ...(email ? { email } : {}),
          ...(active !== undefined ? { active: active ? 1 : 0 } : {}),
          ...(leadEligible !== undefined ? { leadEligible: leadEligible ? 1 : 0 } : {}),
          ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}),
          updatedAt: now,
          version: before.version + 1,
        };
        const res = await tx
          .updateTable('users')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        if (roles) {
          const roleIds = await roleIdsOf(tx, actor.orgId, roles);
          await tx
            .deleteFrom('userRoles')
            .where('orgId', '=', actor.orgId)
            .where('userId', '=', before.id)
            .execute();
          await tx
            .insertInto('userRoles')
            .values(roleIds.map((roleId) => ({ orgId: actor.orgId, userId: before.id, roleId })))
            .execute();
        }
        // A deactivated user, or one whose password was reset, is signed out everywhere.
        if (deactivating || password !== undefined) await deleteUserSessions(tx, actor.orgId, before.id);
        const action = deactivating
          ? 'deactivate'
          : b.active === true && before.active === 0
            ? 'reactivate'
            : 'update';
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'user',
          recordId: before.id,
          action,
          before: { ...before, roles: beforeRoles },
          after: {
            ...before,
            ...set,
            roles: roles ? [...roles].sort() : beforeRoles,
            ...(password !== undefined ? { password: '(changed)' } : {}),
          },
        });
      });
      return load(actor, req.params.id).catch(() => loadUnscoped(actor, req.params.id));
    },
  );

  api.get(
    '/users/:id/handover',
    {
      config: { access: { object: 'user', action: 'update' } },
      schema: {
        tags: ['org'],
        summary: 'What the user owns and a hand-over would move (preview)',
        params: idParams,
        response: { 200: z.object({ owned: handoverCounts }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      await assertRecordAccess(db, actor, 'user', 'update', req.params.id);
      return { owned: await handoverPreview(db, actor.orgId, req.params.id) };
    },
  );

  api.post(
    '/users/:id/handover',
    {
      config: { access: { object: 'user', action: 'update' } },
      schema: {
        tags: ['org'],
        summary: '离职交接: move everything the user owns to a successor or into a pool, at once',
        params: idParams,
        body: handoverTarget,
        response: { 200: z.object({ moved: handoverCounts }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      await assertRecordAccess(db, actor, 'user', 'update', req.params.id);
      if (!can(actor, 'customer', 'update')) throw new AppError(403, 'forbidden');
      const now = clock.now();
      const moved = await db.transaction().execute(async (tx) => {
        const result = await handOver(tx, actor, req.params.id, req.body, {
          ...changeMeta(req, now),
          reason: req.body.reason,
        });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'user',
          recordId: req.params.id,
          action: 'handover',
          payload: { target: req.body, moved: result },
        });
        return result;
      });
      return { moved };
    },
  );

  api.post(
    '/users/:id/invitation',
    {
      config: { access: { object: 'user', action: 'update' } },
      schema: {
        tags: ['org'],
        summary: 'Issue a new invitation link',
        params: idParams,
        response: { 201: z.object({ invitationUrl: z.string(), expiresAt: z.number() }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await assertRecordAccess(db, actor, 'user', 'update', req.params.id);
      const now = clock.now();
      const token = await db.transaction().execute(async (tx) => {
        const u = await tx
          .selectFrom('users')
          .select(['id', 'active'])
          .where('orgId', '=', actor.orgId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!u) throw notFound();
        if (!u.active) throw invalid([{ path: 'params.id', code: 'account_inactive' }]);
        // Accepting an invitation sets the password: the same rule as a password reset.
        const roles = (await rolesOfUsers(tx, actor.orgId, [u.id])).get(u.id) ?? [];
        assertMayTouchAdmin(actor, roles.includes('admin'));
        const t = await createInvitation(tx, actor.orgId, u.id, now);
        await recordChange(tx, { ...changeMeta(req, now), object: 'user', recordId: u.id, action: 'invite' });
        return t;
      });
      return reply.status(201).send({ invitationUrl: `/invite/${token}`, expiresAt: now + 7 * 86_400_000 });
    },
  );
}

/** Message parameters naming what a user still owns, e.g. { customers: 12 }. */
function countsParams(owned: { object: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(owned.map((o) => [`${o.object}s`, o.count]));
}
