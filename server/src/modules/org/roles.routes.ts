import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Actor,
  actions,
  allObjects,
  grantsWithin,
  objectDef,
  type Permissions,
  scopes,
} from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams, name } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';

const grant = z.strictObject({
  actions: z.array(z.enum(actions)).max(actions.length),
  scope: z.enum(scopes),
});
const permissions = z.record(z.string().max(40), grant);
const maskedFields = z.array(z.string().regex(/^[a-z_]+\.[a-zA-Z]+$/)).max(50);

const role = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  permissions,
  maskedFields: z.array(z.string()),
  userCount: z.number(),
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const createBody = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  name,
  description: z.string().trim().max(500).nullable().optional(),
  permissions,
  maskedFields: maskedFields.default([]),
});
const updateBody = createBody
  .omit({ key: true })
  .extend({ maskedFields })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'empty update');

const objectInfo = z.object({
  key: z.string(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  actions: z.array(z.enum(actions)),
  maskable: z.array(z.string()),
});

export function registerRoleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const list = async (orgId: string, id?: string) => {
    let q = db
      .selectFrom('roles as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .selectFrom('userRoles as ur')
          .innerJoin('users as u', 'u.id', 'ur.userId')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('ur.roleId', '=', 'r.id')
          .where('u.active', '=', 1)
          .as('userCount'),
      )
      .where('r.orgId', '=', orgId);
    if (id) q = q.where('r.id', '=', id);
    const rows = await q.orderBy('r.builtin', 'desc').orderBy('r.createdAt').execute();
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      description: r.description,
      builtin: r.builtin === 1,
      permissions: r.key === 'admin' ? adminPermissions() : (JSON.parse(r.permissions) as Permissions),
      maskedFields: JSON.parse(r.maskedFields) as string[],
      userCount: Number(r.userCount ?? 0),
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  };
  const one = async (orgId: string, id: string) => {
    const [r] = await list(orgId, id);
    if (!r) throw notFound();
    return r;
  };

  api.get(
    '/access/objects',
    {
      config: { access: { object: 'role', action: 'read' } },
      schema: {
        tags: ['org'],
        summary: 'Objects and actions a role can grant',
        response: { 200: z.object({ data: z.array(objectInfo) }), ...commonErrors },
      },
    },
    async () => ({
      data: allObjects().map((o) => ({
        key: o.key,
        label: o.label,
        actions: [...o.actions],
        maskable: o.maskable ?? [],
      })),
    }),
  );

  api.get(
    '/roles',
    {
      config: { access: { object: 'role', action: 'read' } },
      schema: {
        tags: ['org'],
        response: { 200: z.object({ data: z.array(role), nextCursor: z.null() }), ...commonErrors },
      },
    },
    async (req) => ({ data: await list((req.actor as Actor).orgId), nextCursor: null }),
  );

  api.get(
    '/roles/:id',
    {
      config: { access: { object: 'role', action: 'read' } },
      schema: { tags: ['org'], params: idParams, response: { 200: role, ...commonErrors } },
    },
    async (req) => one((req.actor as Actor).orgId, req.params.id),
  );

  api.post(
    '/roles',
    {
      config: { access: { object: 'role', action: 'create' } },
      schema: {
        tags: ['org'],
        body: createBody,
        response: { 201: role, 409: commonErrors[400], ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      checkGrants(b.permissions, b.maskedFields);
      assertWithinOwn(actor, b.permissions);
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (tx) => {
        const clash = await tx
          .selectFrom('roles')
          .select('id')
          .where('orgId', '=', actor.orgId)
          .where('key', '=', b.key)
          .executeTakeFirst();
        if (clash)
          throw new AppError(
            409,
            'duplicate_role_key',
            {},
            { errors: [{ path: 'body.key', code: 'duplicate_role_key' }] },
          );
        const row = {
          id,
          orgId: actor.orgId,
          key: b.key,
          name: b.name,
          description: b.description ?? null,
          builtin: 0,
          permissions: JSON.stringify(b.permissions),
          maskedFields: JSON.stringify(b.maskedFields),
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertInto('roles').values(row).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'role',
          recordId: id,
          action: 'create',
          after: { ...row, permissions: b.permissions, maskedFields: b.maskedFields },
        });
      });
      return reply.status(201).send(await one(actor.orgId, id));
    },
  );

  api.patch(
    '/roles/:id',
    {
      config: { access: { object: 'role', action: 'update' } },
      schema: { tags: ['org'], params: idParams, body: updateBody, response: { 200: role, ...commonErrors } },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const b = req.body;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('roles')
          .selectAll()
          .where('orgId', '=', actor.orgId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => ({ id: r.id, version: r.version }));
        if (before.key === 'admin' && (b.permissions || b.maskedFields))
          throw new AppError(422, 'admin_role_locked');
        if (b.permissions) checkGrants(b.permissions, b.maskedFields ?? []);
        if (b.permissions) assertWithinOwn(actor, b.permissions);
        else if (b.maskedFields) checkGrants({}, b.maskedFields);
        // Every known object is stored, switched-off ones with no actions (see syncBuiltinRoles).
        const perms = b.permissions
          ? Object.fromEntries(
              allObjects().map((o) => [o.key, b.permissions![o.key] ?? { actions: [], scope: 'own' }]),
            )
          : undefined;
        const set = {
          ...(b.name ? { name: b.name } : {}),
          ...(b.description !== undefined ? { description: b.description } : {}),
          ...(perms ? { permissions: JSON.stringify(perms) } : {}),
          ...(b.maskedFields ? { maskedFields: JSON.stringify(b.maskedFields) } : {}),
          updatedAt: now,
          version: before.version + 1,
        };
        const res = await tx
          .updateTable('roles')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'role',
          recordId: before.id,
          action: 'update',
          before: {
            ...before,
            permissions: JSON.parse(before.permissions),
            maskedFields: JSON.parse(before.maskedFields),
          },
          after: {
            ...before,
            ...set,
            permissions: perms ?? JSON.parse(before.permissions),
            maskedFields: b.maskedFields ?? JSON.parse(before.maskedFields),
          },
        });
      });
      return one(actor.orgId, req.params.id);
    },
  );

  api.delete(
    '/roles/:id',
    {
      config: { access: { object: 'role', action: 'delete' } },
      schema: {
        tags: ['org'],
        params: idParams,
        response: { 204: z.null(), 409: commonErrors[400], ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      await db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('roles')
          .selectAll()
          .where('orgId', '=', actor.orgId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => ({ id: r.id, version: r.version }));
        if (before.builtin) throw new AppError(422, 'builtin_role');
        const used = await tx
          .selectFrom('userRoles')
          .select('userId')
          .where('orgId', '=', actor.orgId)
          .where('roleId', '=', before.id)
          .executeTakeFirst();
        if (used) throw new AppError(409, 'role_in_use');
        await tx.deleteFrom('roles').where('id', '=', before.id).execute();
        await recordChange(tx, {
          ...changeMeta(req, clock.now()),
          object: 'role',
          recordId: before.id,
          action: 'delete',
          before,
        });
      });
      return reply.status(204).send(null);
    },
  );
}

/** Nobody writes a role with more rights than they hold themselves (admins hold everything). */
function assertWithinOwn(actor: Actor, p: Permissions): void {
  if (!grantsWithin(actor, p)) throw new AppError(403, 'role_exceeds_rights');
}

function adminPermissions(): Permissions {
  return Object.fromEntries(
    allObjects().map((o) => [o.key, { actions: [...o.actions], scope: 'all' as const }]),
  );
}

/** Grants must name known objects and actions those objects support; masks must name maskable fields. */
function checkGrants(p: Permissions, masked: string[]): void {
  const errors = [];
  for (const [object, g] of Object.entries(p)) {
    const def = objectDef(object);
    if (!def) errors.push({ path: `body.permissions.${object}`, code: 'unknown_object', params: { object } });
    else if (g.actions.some((a) => !def.actions.includes(a)))
      errors.push({ path: `body.permissions.${object}.actions`, code: 'forbidden' });
  }
  for (const f of masked) {
    const [object = '', field = ''] = f.split('.');
    if (!objectDef(object)?.maskable?.includes(field))
      errors.push({ path: 'body.maskedFields', code: 'unknown_object', params: { object: f } });
  }
  if (errors.length) throw invalid(errors);
}
