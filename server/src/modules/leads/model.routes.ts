import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { changeMeta, commonErrors } from '../../platform/http/schemas.js';
import { ifMatchVersion } from '../../platform/http/versioning.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { retrain } from './jobs.js';
import { MIN_EXAMPLES } from './learned.js';

const modelStatus = z.object({
  /** Whether leads carry the learned score. */
  enabled: z.boolean(),
  trainedAt: z.number().nullable(),
  /** Closed leads it learned from, and how many of them converted. */
  samples: z.number(),
  converted: z.number(),
  /** Measured on the newest quarter of that history, which the measured model had not seen (0.5 = a coin toss). */
  auc: z.number().nullable(),
  minExamples: z.number(),
  version: z.number(),
});

// 学习评分: the admin trains the model, sees how well it ranks leads it has not seen, then switches it on.
export function registerLeadModelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const status = async (orgId: string) => {
    const row = await db.selectFrom('leadModels').selectAll().where('orgId', '=', orgId).executeTakeFirst();
    return {
      enabled: row?.enabled === 1,
      trainedAt: row?.trainedAt ?? null,
      samples: row?.samples ?? 0,
      converted: row?.converted ?? 0,
      auc: row?.auc ?? null,
      minExamples: MIN_EXAMPLES,
      version: row?.version ?? 0,
    };
  };

  api.get(
    '/lead-model',
    {
      config: { access: { object: 'lead_rule', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: 'The learned lead score: trained on what, how good, on or off',
        response: { 200: modelStatus, ...commonErrors },
      },
    },
    async (req) => status((req.actor as Actor).orgId),
  );

  api.post(
    '/lead-model/train',
    {
      config: { access: { object: 'lead_rule', action: 'update' } },
      schema: {
        tags: ['leads'],
        summary: 'Train it now on the org’s closed leads (422 with too little history)',
        response: { 200: modelStatus, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const trained = await retrain(db, actor.orgId, clock.now());
      if (!trained)
        throw new AppError(
          422,
          'lead_model_history',
          { min: MIN_EXAMPLES },
          { body: { minExamples: MIN_EXAMPLES } },
        );
      await recordChange(db, {
        ...changeMeta(req, clock.now()),
        object: 'lead_rule',
        recordId: actor.orgId,
        action: 'train',
        payload: { samples: trained.samples, auc: trained.auc },
      });
      return status(actor.orgId);
    },
  );

  api.put(
    '/lead-model',
    {
      config: { access: { object: 'lead_rule', action: 'update' } },
      schema: {
        tags: ['leads'],
        summary: 'Switch the learned score on or off (If-Match: the version read); open leads are rescored',
        body: z.strictObject({ enabled: z.boolean() }),
        response: { 200: modelStatus, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('leadModels')
          .selectAll()
          .where('orgId', '=', actor.orgId)
          .executeTakeFirst();
        if (!row) throw new AppError(409, 'lead_model_untrained');
        const res = await tx
          .updateTable('leadModels')
          .set({ enabled: req.body.enabled ? 1 : 0, version: row.version + 1 })
          .where('orgId', '=', actor.orgId)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: actor.orgId,
          action: req.body.enabled ? 'enable_model' : 'disable_model',
        });
        await enqueue(tx, {
          type: 'leads.rescore',
          orgId: actor.orgId,
          payload: { orgId: actor.orgId },
          runAt: now,
          now,
        });
      });
      return status(actor.orgId);
    },
  );
}
