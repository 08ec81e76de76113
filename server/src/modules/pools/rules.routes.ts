import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { livePools } from './pools.repo.js';
import { createRuleBody, rule, updateRuleBody } from './pools.schema.js';
import { liveRules, presentRule } from './recycle.js';

// 回收规则: when owned customers go back to a pool by themselves.
export function registerRecycleRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const assertPool = async (orgId: string, poolId: string | undefined) => {
    if (poolId && !(await livePools(db, orgId).where('id', '=', poolId).executeTakeFirst()))
      throw invalid([{ path: 'body.poolId', code: 'not_found' }]);
  };
  const load = async (orgId: string, id: string) => {
    const r = await liveRules(db, orgId).where('r.id', '=', id).executeTakeFirst();
    if (!r) throw notFound();
    return presentRule(r);
  };

  api.get(
    '/recycle-rules',
    {
      config: { access: { object: 'pool', action: 'read' } },
      schema: { tags: ['pools'], response: { 200: z.object({ data: z.array(rule) }), ...commonErrors } },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const rows = await liveRules(db, actor.orgId).orderBy('r.createdAt').execute();
      return { data: rows.map(presentRule) };
    },
  );

  api.post(
    '/recycle-rules',
    {
      config: { access: { object: 'pool', action: 'update' } },
      schema: { tags: ['pools'], body: createRuleBody, response: { 201: rule, ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const b = req.body;
      await assertPool(actor.orgId, b.poolId);
      const now = clock.now();
      const row = {
        id: newId(),
        orgId: actor.orgId,
        poolId: b.poolId,
        name: b.name,
        levels: JSON.stringify([...new Set(b.levels)]),
        noFollowUpDays: b.noFollowUpDays,
        notWonDays: b.notWonDays,
        warnDays: b.warnDays,
        exemptLocked: b.exemptLocked ? 1 : 0,
        exemptWon: b.exemptWon ? 1 : 0,
        enabled: b.enabled ? 1 : 0,
        createdAt: now,
        updatedAt: now,
        version: 1,
        deletedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('recycleRules').values(row).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'recycle_rule',
          recordId: row.id,
          action: 'create',
          after: row,
        });
      });
      return reply.status(201).send(await load(actor.orgId, row.id));
    },
  );

  api.patch(
    '/recycle-rules/:id',
    {
      config: { access: { object: 'pool', action: 'update' } },
      schema: {
        tags: ['pools'],
        params: idParams,
        body: updateRuleBody,
        response: { 200: rule, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const b = req.body;
      await assertPool(actor.orgId, b.poolId);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await liveRules(tx, actor.orgId).where('r.id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, presentRule);
        const { levels, exemptLocked, exemptWon, enabled, ...rest } = b;
        const set = {
          ...rest,
          ...(levels ? { levels: JSON.stringify([...new Set(levels)]) } : {}),
          ...(exemptLocked !== undefined ? { exemptLocked: exemptLocked ? 1 : 0 } : {}),
          ...(exemptWon !== undefined ? { exemptWon: exemptWon ? 1 : 0 } : {}),
          ...(enabled !== undefined ? { enabled: enabled ? 1 : 0 } : {}),
          updatedAt: now,
          version: before.version + 1,
        };
        const noFollowUp = set.noFollowUpDays !== undefined ? set.noFollowUpDays : before.noFollowUpDays;
        const notWon = set.notWonDays !== undefined ? set.notWonDays : before.notWonDays;
        if (noFollowUp === null && notWon === null) throw invalid([{ path: 'body', code: 'invalid_format' }]);
        const res = await tx
          .updateTable('recycleRules')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        const { poolName: _p, ...beforeRow } = before;
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'recycle_rule',
          recordId: before.id,
          action: 'update',
          before: beforeRow,
          after: { ...beforeRow, ...set },
        });
      });
      return load(actor.orgId, req.params.id);
    },
  );

  api.delete(
    '/recycle-rules/:id',
    {
      config: { access: { object: 'pool', action: 'update' } },
      schema: { tags: ['pools'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await liveRules(tx, actor.orgId).where('r.id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, presentRule);
        await tx.updateTable('recycleRules').set({ deletedAt: now }).where('id', '=', before.id).execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'recycle_rule',
          recordId: before.id,
          action: 'delete',
        });
      });
      return reply.status(204).send(null);
    },
  );
}
