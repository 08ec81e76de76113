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
import { defsFor } from '../custom-fields/custom-fields.repo.js';
import { livePools } from '../pools/pools.repo.js';
import {
  type AssignMethod,
  assignmentRuleOf,
  type Condition,
  decide,
  type TargetType,
} from './assignment.js';
import {
  assignmentReason,
  assignmentRule,
  createAssignmentRuleBody,
  previewBody,
  updateAssignmentRuleBody,
} from './leads.schema.js';
import { lastPosition, renumber } from './ordering.js';
import { scoreOf, scoreRules } from './scoring.js';

type RuleInput = {
  conditions: Condition[];
  targetType: TargetType;
  targetIds: string[];
  method: AssignMethod;
  weights: Record<string, number>;
};

// 线索分配规则: the admin's ordered list and a dry run on a sample lead ("where would it go, and why").
export function registerAssignmentRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const rows = (orgId: string, q: Kysely<DB> = db) =>
    q.selectFrom('leadAssignmentRules').selectAll().where('orgId', '=', orgId);
  type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;
  /** The rule as the editor reads it (the round-robin cursor stays inside). */
  const present = (r: Row) => {
    const { lastUserId: _cursor, ...rule } = assignmentRuleOf(r);
    return rule;
  };

  /** Targets must be the org's users, one department or one lead pool; conditions must be usable. */
  const check = async (tx: Kysely<DB>, actor: Actor, r: RuleInput) => {
    const errors: FieldError[] = [];
    const customKeys = new Set((await defsFor(tx, actor, 'lead')).map((d) => d.key));
    for (const [i, c] of r.conditions.entries()) {
      const strings = c.values.every((v) => typeof v === 'string');
      const numeric = c.values.length === 1 && typeof c.values[0] === 'number';
      const ok =
        c.op === 'present'
          ? !c.values.length
          : c.op === 'in' || c.op === 'contains_any'
            ? c.values.length > 0 && strings
            : numeric;
      if (!ok) errors.push({ path: `body.conditions.${i}.values`, code: 'score_rule_values' });
      if (c.field.startsWith('custom.') && !customKeys.has(c.field.slice(7)))
        errors.push({ path: `body.conditions.${i}.field`, code: 'custom_field_unknown' });
    }
    const ids = [...new Set(r.targetIds)];
    if (r.targetType !== 'users' && ids.length !== 1)
      errors.push({ path: 'body.targetIds', code: 'assignment_target_one' });
    const found =
      r.targetType === 'users'
        ? await tx
            .selectFrom('users')
            .select('id')
            .where('orgId', '=', actor.orgId)
            .where('id', 'in', ids)
            .execute()
        : r.targetType === 'department'
          ? await tx
              .selectFrom('departments')
              .select('id')
              .where('orgId', '=', actor.orgId)
              .where('id', 'in', ids)
              .execute()
          : await livePools(tx, actor.orgId, 'lead').select('id').where('id', 'in', ids).execute();
    for (const [i, id] of r.targetIds.entries())
      if (!found.some((f) => f.id === id)) errors.push({ path: `body.targetIds.${i}`, code: 'not_found' });
    for (const id of Object.keys(r.weights))
      if (r.targetType !== 'users' || !ids.includes(id))
        errors.push({ path: `body.weights.${id}`, code: 'not_found' });
    if (errors.length) throw invalid(errors);
  };

  api.get(
    '/lead-assignment-rules',
    {
      config: { access: { object: 'lead_rule', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: '线索分配规则, in their order (the first that matches and has a candidate decides)',
        response: { 200: z.object({ data: z.array(assignmentRule) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const data = await rows(actor.orgId).orderBy('position').orderBy('createdAt').execute();
      return { data: data.map(present) };
    },
  );

  api.post(
    '/lead-assignment-rules/preview',
    {
      config: { access: { object: 'lead_rule', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: 'Where the rules would send a sample lead, and why (nothing is stored)',
        body: previewBody,
        response: {
          200: z.object({
            score: z.number(),
            ownerId: z.string().nullable(),
            poolId: z.string().nullable(),
            reason: assignmentReason,
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { channel, ...sample } = req.body;
      const lead = { ...sample, channel: channel ?? 'manual' };
      const { score } = scoreOf(await scoreRules(db, actor.orgId), lead);
      const { to, reason } = await decide(db, actor.orgId, { ...lead, score }, clock.now());
      return {
        score,
        ownerId: 'ownerId' in to ? to.ownerId : null,
        poolId: 'poolId' in to ? to.poolId : null,
        reason,
      };
    },
  );

  api.post(
    '/lead-assignment-rules',
    {
      config: { access: { object: 'lead_rule', action: 'create' } },
      schema: {
        tags: ['leads'],
        body: createAssignmentRuleBody,
        response: { 201: assignmentRule, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { position, ...b } = req.body;
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (tx) => {
        await check(tx, actor, b);
        const row = {
          id,
          orgId: actor.orgId,
          position: lastPosition,
          name: b.name,
          conditions: JSON.stringify(b.conditions),
          targetType: b.targetType,
          targetIds: JSON.stringify([...new Set(b.targetIds)]),
          method: b.method,
          weights: JSON.stringify(b.weights),
          dailyCap: b.dailyCap,
          onExpiry: b.onExpiry,
          active: b.active ? 1 : 0,
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertInto('leadAssignmentRules').values(row).execute();
        await renumber(tx, 'leadAssignmentRules', actor.orgId, { id, position: position ?? lastPosition });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: id,
          action: 'create',
          after: row,
        });
      });
      return reply
        .status(201)
        .send(present(await rows(actor.orgId).where('id', '=', id).executeTakeFirstOrThrow()));
    },
  );

  api.patch(
    '/lead-assignment-rules/:id',
    {
      config: { access: { object: 'lead_rule', action: 'update' } },
      schema: {
        tags: ['leads'],
        params: idParams,
        body: updateAssignmentRuleBody,
        response: { 200: assignmentRule, ...commonErrors },
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
        await check(tx, actor, { ...present(before), ...b });
        const set = {
          ...(b.name !== undefined && { name: b.name }),
          ...(b.conditions !== undefined && { conditions: JSON.stringify(b.conditions) }),
          ...(b.targetType !== undefined && { targetType: b.targetType }),
          ...(b.targetIds !== undefined && { targetIds: JSON.stringify([...new Set(b.targetIds)]) }),
          ...(b.method !== undefined && { method: b.method }),
          ...(b.weights !== undefined && { weights: JSON.stringify(b.weights) }),
          ...(b.dailyCap !== undefined && { dailyCap: b.dailyCap }),
          ...(b.onExpiry !== undefined && { onExpiry: b.onExpiry }),
          ...(b.active !== undefined && { active: b.active ? 1 : 0 }),
          updatedAt: now,
          version: before.version + 1,
        };
        const res = await tx
          .updateTable('leadAssignmentRules')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        if (position !== undefined)
          await renumber(tx, 'leadAssignmentRules', actor.orgId, { id: before.id, position });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: before.id,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
      });
      return present(await rows(actor.orgId).where('id', '=', req.params.id).executeTakeFirstOrThrow());
    },
  );

  api.delete(
    '/lead-assignment-rules/:id',
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
        await tx.deleteFrom('leadAssignmentRules').where('id', '=', before.id).execute();
        await renumber(tx, 'leadAssignmentRules', actor.orgId);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead_rule',
          recordId: before.id,
          action: 'delete',
          before,
        });
      });
      return reply.status(204).send(null);
    },
  );
}
