import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, type FieldError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { defsFor } from '../custom-fields/custom-fields.repo.js';
import { createRuleBody, previewBody, scoreRule, updateRuleBody } from './leads.schema.js';
import { lastPosition, renumber } from './ordering.js';
import { type ScoreOp, scoreOf, scoreRuleOf, scoreRules } from './scoring.js';

type RuleInput = { field?: string; op?: ScoreOp; values?: (string | number)[] };

// 线索评分规则: the admin's ordered list, a preview on a sample lead, and a rescore of open leads after
// every change (a job, so a large org's leads are rescored in the background).
export function registerScoreRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const rows = (orgId: string, q: Kysely<DB> = db) =>
    q.selectFrom('leadScoreRules').selectAll().where('orgId', '=', orgId);
  const present = scoreRuleOf;

  /** The operator decides what values mean; a custom field must exist for leads. */
  const check = async (actor: Actor, r: Required<RuleInput>) => {
    const errors: FieldError[] = [];
    const strings = r.values.every((v) => typeof v === 'string');
    if (r.op === 'present' && r.values.length)
      errors.push({ path: 'body.values', code: 'score_rule_values' });
    if ((r.op === 'in' || r.op === 'contains_any') && (!r.values.length || !strings))
      errors.push({ path: 'body.values', code: 'score_rule_values' });
    if ((r.op === 'gte' || r.op === 'lte') && (r.values.length !== 1 || typeof r.values[0] !== 'number'))
      errors.push({ path: 'body.values', code: 'score_rule_values' });
    if (r.field.startsWith('custom.')) {
      const key = r.field.slice(7);
      if (!(await defsFor(db, actor, 'lead')).some((d) => d.key === key))
        errors.push({ path: 'body.field', code: 'custom_field_unknown' });
    }
    if (errors.length) throw invalid(errors);
  };

  /** Rescore the org's open leads in the background (the rules just changed). */
  const rescoreLater = (tx: Kysely<DB>, orgId: string, now: number) =>
    enqueue(tx, { type: 'leads.rescore', orgId, payload: { orgId }, runAt: now, now });

  api.get(
    '/lead-score-rules',
    {
      config: { access: { object: 'lead_rule', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: '线索评分规则, in their order',
        response: { 200: z.object({ data: z.array(scoreRule) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const data = await rows(actor.orgId).orderBy('position').orderBy('createdAt').execute();
      return { data: data.map(present) };
    },
  );

  api.post(
    '/lead-score-rules/preview',
    {
      config: { access: { object: 'lead_rule', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: 'Try the rules on a sample lead (nothing is stored)',
        body: previewBody,
        response: {
          200: z.object({
            score: z.number(),
            explanation: z.array(z.object({ ruleId: z.string(), label: z.string(), points: z.number() })),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { channel, ...sample } = req.body;
      return scoreOf(await scoreRules(db, actor.orgId), { ...sample, channel: channel ?? 'manual' });
    },
  );

  api.post(
    '/lead-score-rules',
    {
      config: { access: { object: 'lead_rule', action: 'create' } },
      schema: { tags: ['leads'], body: createRuleBody, response: { 201: scoreRule, ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { position, ...b } = req.body;
      await check(actor, b);
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (tx) => {
        const row = {
          id,
          orgId: actor.orgId,
          position: lastPosition, // where renumber finds it before putting it in place
          label: b.label,
          field: b.field,
          op: b.op,
          values: JSON.stringify(b.values),
          points: b.points,
          active: b.active ? 1 : 0,
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertInto('leadScoreRules').values(row).execute();
        await renumber(tx, 'leadScoreRules', actor.orgId, { id, position: position ?? lastPosition });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: id,
          action: 'create',
          after: row,
        });
        await rescoreLater(tx, actor.orgId, now);
      });
      return reply
        .status(201)
        .send(present(await rows(actor.orgId).where('id', '=', id).executeTakeFirstOrThrow()));
    },
  );

  api.patch(
    '/lead-score-rules/:id',
    {
      config: { access: { object: 'lead_rule', action: 'update' } },
      schema: {
        tags: ['leads'],
        params: idParams,
        body: updateRuleBody,
        response: { 200: scoreRule, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await rows(actor.orgId, tx).where('id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, present);
        const { position, ...b } = req.body;
        const merged = { ...present(before), ...b };
        await check(actor, merged);
        const set = {
          ...(b.label !== undefined && { label: b.label }),
          ...(b.field !== undefined && { field: b.field }),
          ...(b.op !== undefined && { op: b.op }),
          ...(b.values !== undefined && { values: JSON.stringify(b.values) }),
          ...(b.points !== undefined && { points: b.points }),
          ...(b.active !== undefined && { active: b.active ? 1 : 0 }),
          updatedAt: now,
          version: before.version + 1,
        };
        const res = await tx
          .updateTable('leadScoreRules')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        if (position !== undefined)
          await renumber(tx, 'leadScoreRules', actor.orgId, { id: before.id, position });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: before.id,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
        await rescoreLater(tx, actor.orgId, now);
      });
      return present(await rows(actor.orgId).where('id', '=', req.params.id).executeTakeFirstOrThrow());
    },
  );

  api.delete(
    '/lead-score-rules/:id',
    {
      config: { access: { object: 'lead_rule', action: 'delete' } },
      schema: { tags: ['leads'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await rows(actor.orgId, tx).where('id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, present);
        await tx.deleteFrom('leadScoreRules').where('id', '=', before.id).execute();
        await renumber(tx, 'leadScoreRules', actor.orgId);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: before.id,
          action: 'delete',
          before,
        });
        await rescoreLater(tx, actor.orgId, now);
      });
      return reply.status(204).send(null);
    },
  );
}
