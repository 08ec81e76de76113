import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams, name } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { isDescendant, moveClosure } from './departments.repo.js';
import { createDepartment, updateDepartment } from './departments.service.js';

const department = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  sortOrder: z.number(),
  managerId: z.string().nullable(),
  memberCount: z.number(),
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const createBody = z.strictObject({
  name,
  parentId: z.uuid(),
  managerId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
const updateBody = createBody.partial().refine((b) => Object.keys(b).length > 0, 'empty update');

export function registerDepartmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const load = async (orgId: string, id: string) => {
    const row = await db
      .selectFrom('departments as d')
      .selectAll('d')
      .select((eb) =>
        eb
          .selectFrom('users as u')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('u.departmentId', '=', 'd.id')
          .where('u.active', '=', 1)
          .as('memberCount'),
      )
      .where('d.orgId', '=', orgId)
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    return present(row);
  };

  // The whole tree (an org has at most a few hundred departments), ordered for display.
  api.get(
    '/departments',
    {
      config: { access: { object: 'department', action: 'read' } },
      schema: {
        tags: ['org'],
        summary: 'Department tree',
        response: { 200: z.object({ data: z.array(department), nextCursor: z.null() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const rows = await db
        .selectFrom('departments as d')
        .selectAll('d')
        .select((eb) =>
          eb
            .selectFrom('users as u')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('u.departmentId', '=', 'd.id')
            .where('u.active', '=', 1)
            .as('memberCount'),
        )
        .where('d.orgId', '=', actor.orgId)
        .orderBy('d.sortOrder')
        .orderBy('d.name')
        .execute();
      return { data: rows.map(present), nextCursor: null };
    },
  );

  api.get(
    '/departments/:id',
    {
      config: { access: { object: 'department', action: 'read' } },
      schema: { tags: ['org'], params: idParams, response: { 200: department, ...commonErrors } },
    },
    async (req) => load((req.actor as Actor).orgId, req.params.id),
  );

  api.post(
    '/departments',
    {
      config: { access: { object: 'department', action: 'create' } },
      schema: { tags: ['org'], body: createBody, response: { 201: department, ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const now = clock.now();
      const id = await db.transaction().execute(async (tx) => {
        await assertInOrg(tx, actor.orgId, 'departments', b.parentId, 'parentId');
        if (b.managerId) await assertInOrg(tx, actor.orgId, 'users', b.managerId, 'managerId');
        return createDepartment(tx, changeMeta(req, now), b);
      });
      return reply.status(201).send(await load(actor.orgId, id));
    },
  );

  api.patch(
    '/departments/:id',
    {
      config: { access: { object: 'department', action: 'update' } },
      schema: {
        tags: ['org'],
        params: idParams,
        body: updateBody,
        response: { 200: department, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('departments')
          .selectAll()
          .where('orgId', '=', actor.orgId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => r);
        const b = req.body;
        if (b.parentId !== undefined && b.parentId !== before.parentId) {
          if (!before.parentId) throw new AppError(422, 'root_department');
          await assertInOrg(tx, actor.orgId, 'departments', b.parentId, 'parentId');
          if (await isDescendant(tx, actor.orgId, before.id, b.parentId))
            throw new AppError(422, 'department_cycle');
          await moveClosure(tx, actor.orgId, before.id, b.parentId);
        }
        if (b.managerId) await assertInOrg(tx, actor.orgId, 'users', b.managerId, 'managerId');
        await updateDepartment(tx, changeMeta(req, now), before, b);
      });
      return load(actor.orgId, req.params.id);
    },
  );

  api.delete(
    '/departments/:id',
    {
      config: { access: { object: 'department', action: 'delete' } },
      schema: { tags: ['org'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      await db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('departments')
          .selectAll()
          .where('orgId', '=', actor.orgId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => r);
        if (!before.parentId) throw new AppError(422, 'root_department');
        const child = await tx
          .selectFrom('departments')
          .select('id')
          .where('orgId', '=', actor.orgId)
          .where('parentId', '=', before.id)
          .executeTakeFirst();
        const member = await tx
          .selectFrom('users')
          .select('id')
          .where('orgId', '=', actor.orgId)
          .where('departmentId', '=', before.id)
          .executeTakeFirst();
        if (child || member) throw new AppError(409, 'department_not_empty');
        await tx
          .deleteFrom('departmentClosure')
          .where('orgId', '=', actor.orgId)
          .where('descendantId', '=', before.id)
          .execute();
        await tx.deleteFrom('departments').where('id', '=', before.id).execute();
        await recordChange(tx, {
          ...changeMeta(req, clock.now()),
          object: 'department',
          recordId: before.id,
          action: 'delete',
          before,
        });
      });
      return reply.status(204).send(null);
    },
  );
}

/** A referenced id must exist in the actor's org; otherwise a field error (never a cross-org link). */
export async function assertInOrg(
  db: Pick<AppContext['db'], 'selectFrom'>,
  orgId: string,
  table: 'departments' | 'users' | 'roles',
  id: string,
  field: string,
): Promise<void> {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw invalid([{ path: `body.${field}`, code: 'not_found' }]);
}

function present(row: {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  managerId: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  memberCount: number | string | null;
}) {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    sortOrder: row.sortOrder,
    managerId: row.managerId,
    memberCount: Number(row.memberCount ?? 0),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
