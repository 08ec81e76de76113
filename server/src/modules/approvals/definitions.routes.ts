import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { ApprovalDefinitionsTable, DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { createDefinitionBody, definition, updateDefinitionBody } from './approvals.schema.js';
import type { Approvers, StepDefinition } from './rules.js';

type Row = Selectable<ApprovalDefinitionsTable>;

const presentDefinition = (r: Row): z.infer<typeof definition> => ({
  id: r.id,
  name: r.name,
  object: r.object,
  trigger: JSON.parse(r.trigger),
  conditions: JSON.parse(r.conditions),
  steps: JSON.parse(r.steps),
  cc: JSON.parse(r.cc),
  noApprover: r.noApprover as 'auto_pass' | 'admin',
  resubmitFrom: r.resubmitFrom as 'start' | 'rejected_step',
  allowSelf: r.allowSelf === 1,
  active: r.active === 1,
  position: r.position,
  version: r.version,
});

/** Stages, people, roles and departments a definition names must be the org's (422 at their path). */
async function assertReferences(
  db: Kysely<DB>,
  orgId: string,
  b: {
    trigger?: { stageIds: string[] };
    steps?: StepDefinition[];
    cc?: Approvers[];
    conditions?: { op: string; value: unknown }[];
  },
) {
  const errors: { path: string; code: string }[] = [];
  if (b.trigger) {
    const stages = new Set(
      (
        await db
          .selectFrom('pipelineStages')
          .select('id')
          .where('orgId', '=', orgId)
          .where('deletedAt', 'is', null)
          .where('id', 'in', b.trigger.stageIds)
          .execute()
      ).map((s) => s.id),
    );
    b.trigger.stageIds.forEach((id, i) => {
      if (!stages.has(id)) errors.push({ path: `body.trigger.stageIds.${i}`, code: 'not_found' });
    });
  }
  const named = [
    ...(b.steps ?? []).map((s, i) => ({ a: s.approvers, path: `body.steps.${i}.approvers` })),
    ...(b.cc ?? []).map((a, i) => ({ a, path: `body.cc.${i}` })),
  ];
  for (const { a, path } of named) {
    if (a.type === 'users') {
      const found = new Set(
        (
          await db
            .selectFrom('users')
            .select('id')
            .where('orgId', '=', orgId)
            .where('id', 'in', a.userIds)
            .execute()
        ).map((u) => u.id),
      );
      a.userIds.forEach((id, j) => {
        if (!found.has(id)) errors.push({ path: `${path}.userIds.${j}`, code: 'not_found' });
      });
    }
    if (a.type === 'role') {
      const role = await db
        .selectFrom('roles')
        .select('id')
        .where('orgId', '=', orgId)
        .where('key', '=', a.roleKey)
        .executeTakeFirst();
      if (!role) errors.push({ path: `${path}.roleKey`, code: 'not_found' });
    }
  }
  for (const [i, c] of (b.conditions ?? []).entries()) {
    if (c.op === 'department') {
      const d = await db
        .selectFrom('departments')
        .select('id')
        .where('orgId', '=', orgId)
        .where('id', '=', String(c.value))
        .executeTakeFirst();
      if (!d) errors.push({ path: `body.conditions.${i}.value`, code: 'not_found' });
    }
    if (c.op === 'role') {
      const r = await db
        .selectFrom('roles')
        .select('id')
        .where('orgId', '=', orgId)
        .where('key', '=', String(c.value))
        .executeTakeFirst();
      if (!r) errors.push({ path: `body.conditions.${i}.value`, code: 'not_found' });
    }
  }
  if (errors.length) throw invalid(errors);
}

// 审批流程: which guarded changes need approval, and by whom — admins set them up, in order (the first
// that applies to a change is used).
export function registerApprovalDefinitionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const live = (q: Kysely<DB>, orgId: string) =>
    q.selectFrom('approvalDefinitions').selectAll().where('orgId', '=', orgId).where('deletedAt', 'is', null);
  const load = async (orgId: string, id: string) => {
    const r = await live(db, orgId).where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound();
    return presentDefinition(r);
  };

  api.get(
    '/approval-definitions',
    {
      config: { access: { object: 'approval_definition', action: 'read' } },
      schema: {
        tags: ['approvals'],
        summary: 'The org’s approval definitions, in the order they are tried',
        response: { 200: z.object({ data: z.array(definition) }), ...commonErrors },
      },
    },
    async (req) => {
      const rows = await live(db, (req.actor as Actor).orgId)
        .orderBy('position')
        .execute();
      return { data: rows.map(presentDefinition) };
    },
  );

  api.post(
    '/approval-definitions',
    {
      config: { access: { object: 'approval_definition', action: 'create' } },
      schema: {
        tags: ['approvals'],
        summary: 'A new approval definition (tried after the existing ones)',
        body: createDefinitionBody,
        response: { 201: definition, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      await assertReferences(db, actor.orgId, b);
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (tx) => {
        const last = await tx
          .selectFrom('approvalDefinitions')
          .select((eb) => eb.fn.max('position').as('p'))
          .where('orgId', '=', actor.orgId)
          .executeTakeFirst();
        const row = {
          id,
          orgId: actor.orgId,
          name: b.name,
          object: b.object,
          trigger: JSON.stringify(b.trigger),
          conditions: JSON.stringify(b.conditions),
          steps: JSON.stringify(b.steps),
          cc: JSON.stringify(b.cc),
          noApprover: b.noApprover,
          resubmitFrom: b.resubmitFrom,
          allowSelf: b.allowSelf ? 1 : 0,
          active: b.active ? 1 : 0,
          position: Number(last?.p ?? 0) + 1,
          createdAt: now,
          updatedAt: now,
          version: 1,
          deletedAt: null,
        };
        await tx.insertInto('approvalDefinitions').values(row).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'approval_definition',
          recordId: id,
          action: 'create',
          after: row,
        });
      });
      return reply.status(201).send(await load(actor.orgId, id));
    },
  );

  api.patch(
    '/approval-definitions/:id',
    {
      config: { access: { object: 'approval_definition', action: 'update' } },
      schema: {
        tags: ['approvals'],
        summary: 'Change a definition (requests already submitted keep the approvers they had)',
        params: idParams,
        body: updateDefinitionBody,
        response: { 200: definition, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const b = req.body;
      await assertReferences(db, actor.orgId, b);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await live(tx, actor.orgId).where('id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, presentDefinition);
        const set = {
          ...(b.name !== undefined && { name: b.name }),
          ...(b.trigger !== undefined && { trigger: JSON.stringify(b.trigger) }),
          ...(b.conditions !== undefined && { conditions: JSON.stringify(b.conditions) }),
          ...(b.steps !== undefined && { steps: JSON.stringify(b.steps) }),
          ...(b.cc !== undefined && { cc: JSON.stringify(b.cc) }),
          ...(b.noApprover !== undefined && { noApprover: b.noApprover }),
          ...(b.resubmitFrom !== undefined && { resubmitFrom: b.resubmitFrom }),
          ...(b.allowSelf !== undefined && { allowSelf: b.allowSelf ? 1 : 0 }),
          ...(b.active !== undefined && { active: b.active ? 1 : 0 }),
          updatedAt: now,
          version: before.version + 1,
        };
        const res = await tx
          .updateTable('approvalDefinitions')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'approval_definition',
          recordId: before.id,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
      });
      return load(actor.orgId, req.params.id);
    },
  );

  api.delete(
    '/approval-definitions/:id',
    {
      config: { access: { object: 'approval_definition', action: 'delete' } },
      schema: {
        tags: ['approvals'],
        summary: 'Delete a definition (requests already submitted go on to their end)',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await softDelete(db, req, {
        table: 'approval_definitions',
        object: 'approval_definition',
        find: (tx) => live(tx, actor.orgId).where('id', '=', req.params.id).executeTakeFirst(),
        present: presentDefinition,
        now: clock.now(),
      });
      return reply.status(204).send(null);
    },
  );
}
