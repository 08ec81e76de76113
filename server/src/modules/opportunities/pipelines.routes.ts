import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { loadPipeline, loadPipelines, type Pipeline } from './pipelines.repo.js';
import { createPipelineBody, pipeline, updatePipelineBody } from './pipelines.schema.js';
import { insertStages, replaceStages, unsetDefaultPipeline } from './pipelines.service.js';

const stageInUse = problem.extend({
  stages: z.array(z.object({ id: z.string(), name: z.string(), deals: z.number() })).optional(),
});

/** What the audit log keeps of a pipeline. */
const audited = (p: Pipeline) => ({
  name: p.name,
  description: p.description,
  isDefault: p.isDefault,
  stages: p.stages.map((s) => ({
    id: s.id,
    name: s.name,
    probability: s.probability,
    category: s.category,
    gates: s.gates,
  })),
});

// 销售流程: pipelines with their ordered stages, probabilities, cadence, stall thresholds and gates.
// Whoever reads deals reads the pipelines (the kanban needs them); admins change them.
export function registerPipelineRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const load = async (orgId: string, id: string) => {
    const p = await loadPipeline(db, orgId, id);
    if (!p) throw notFound();
    return p;
  };

  api.get(
    '/pipelines',
    {
      config: { access: { object: 'opportunity', action: 'read' } },
      schema: {
        tags: ['opportunities'],
        summary:
          'The org’s pipelines with their stages (ids, probability, category, cadence, gates), default first',
        response: { 200: z.object({ data: z.array(pipeline) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const all = await loadPipelines(db, actor.orgId);
      return { data: [...all.filter((p) => p.isDefault), ...all.filter((p) => !p.isDefault)] };
    },
  );

  api.get(
    '/pipelines/:id',
    {
      config: { access: { object: 'opportunity', action: 'read' } },
      schema: { tags: ['opportunities'], params: idParams, response: { 200: pipeline, ...commonErrors } },
    },
    async (req) => load((req.actor as Actor).orgId, req.params.id),
  );

  api.post(
    '/pipelines',
    {
      config: { access: { object: 'pipeline', action: 'create' } },
      schema: {
        tags: ['opportunities'],
        summary: 'A new pipeline with its stages (at least one open, one won and one lost stage)',
        body: createPipelineBody,
        response: { 201: pipeline, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { stages, isDefault, ...b } = req.body;
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (tx) => {
        if (isDefault) await unsetDefaultPipeline(tx, actor.orgId);
        const last = await tx
          .selectFrom('pipelines')
          .select((eb) => eb.fn.max('position').as('p'))
          .where('orgId', '=', actor.orgId)
          .executeTakeFirst();
        await tx
          .insertInto('pipelines')
          .values({
            id,
            orgId: actor.orgId,
            name: b.name,
            description: b.description ?? null,
            isDefault: isDefault ? 1 : 0,
            position: Number(last?.p ?? -1) + 1,
            createdAt: now,
            updatedAt: now,
            version: 1,
            deletedAt: null,
          })
          .execute();
        await insertStages(tx, actor.orgId, id, stages, now);
        const created = (await loadPipeline(tx, actor.orgId, id))!;
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'pipeline',
          recordId: id,
          action: 'create',
          after: audited(created),
        });
      });
      return reply.status(201).send(await load(actor.orgId, id));
    },
  );

  api.patch(
    '/pipelines/:id',
    {
      config: { access: { object: 'pipeline', action: 'update' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Change a pipeline; `stages` replaces the list (keep ids to keep stages and their deals)',
        params: idParams,
        body: updatePipelineBody,
        response: { 200: pipeline, ...commonErrors, 409: stageInUse },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const { stages, moveDeals, isDefault, ...b } = req.body;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await loadPipeline(tx, actor.orgId, req.params.id);
        if (!before) throw notFound();
        assertVersion(before, version, (p) => p);
        if (isDefault === false && before.isDefault) throw new AppError(409, 'default_pipeline_required');
        if (isDefault && !before.isDefault) await unsetDefaultPipeline(tx, actor.orgId);
        const res = await tx
          .updateTable('pipelines')
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.description !== undefined ? { description: b.description } : {}),
            ...(isDefault !== undefined ? { isDefault: isDefault ? 1 : 0 } : {}),
            updatedAt: now,
            version: before.version + 1,
          })
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        if (stages) await replaceStages(tx, before, stages, moveDeals ?? {}, changeMeta(req, now));
        const after = (await loadPipeline(tx, actor.orgId, before.id))!;
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'pipeline',
          recordId: before.id,
          action: 'update',
          before: audited(before),
          after: audited(after),
        });
      });
      return load(actor.orgId, req.params.id);
    },
  );

  api.delete(
    '/pipelines/:id',
    {
      config: { access: { object: 'pipeline', action: 'delete' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Delete a pipeline without deals that is not the default',
        params: idParams,
        response: { 204: z.null(), ...commonErrors, 409: problem },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      await softDelete(db, req, {
        table: 'pipelines',
        object: 'pipeline',
        find: (tx) => loadPipeline(tx, actor.orgId, req.params.id),
        present: (p) => p,
        now,
        refuse: async (tx, before) => {
          if (before.isDefault) throw new AppError(409, 'default_pipeline_required');
          const deal = await tx
            .selectFrom('opportunities')
            .select('id')
            .where('orgId', '=', actor.orgId)
            .where('pipelineId', '=', before.id)
            .where('deletedAt', 'is', null)
            .executeTakeFirst();
          if (deal) throw new AppError(409, 'pipeline_in_use');
        },
        cascade: async (tx, before) => {
          await tx
            .updateTable('pipelineStages')
            .set({ deletedAt: now })
            .where('pipelineId', '=', before.id)
            .execute();
        },
      });
      return reply.status(204).send(null);
    },
  );
}
