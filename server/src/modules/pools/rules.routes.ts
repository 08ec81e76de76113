import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { orgPools } from './pools.repo.js';
import { createRuleBody, rule, updateRuleBody } from './pools.schema.js';
import { liveRules, presentRule } from './recycle.js';

// 回收规则: when owned customers (or leads) go back to a pool by themselves.
export function registerRecycleRuleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  /** The rule's pool exists; a lead pool's rule has no customer conditions (level, lock, won). */
  const assertPool = async (
    q: Kysely<DB>,
    orgId: string,
    r: {
      poolId: string;
      levels: string[];
      exemptLocked: boolean;
      exemptWon: boolean;
      noDealDays?: number | null;
    },
  ) => {
    const pool = await orgPools(q, orgId).where('id', '=', r.poolId).executeTakeFirst();
    if (!pool) throw invalid([{ path: 'body.poolId', code: 'not_found' }]);
    if (pool.object === 'customer') return;
    const customerOnly = (['levels', 'noDealDays', 'exemptLocked', 'exemptWon'] as const).filter((k) =>
      k === 'levels' ? r.levels.length > 0 : k === 'noDealDays' ? (r.noDealDays ?? null) !== null : r[k],
    );
    if (customerOnly.length)
      throw invalid(customerOnly.map((k) => ({ path: `body.${k}`, code: 'recycle_rule_customer_only' })));
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
      await assertPool(db, actor.orgId, b);
      const now = clock.now();
      const row = {
        id: newId(),
        orgId: actor.orgId,
        poolId: b.poolId,
        name: b.name,
        levels: JSON.stringify([...new Set(b.levels)]),
        noFollowUpDays: b.noFollowUpDays,
        notWonDays: b.notWonDays,
        noDealDays: b.noDealDays ?? null,
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
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await liveRules(tx, actor.orgId).where('r.id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, presentRule);
        const was = presentRule(before);
        await assertPool(tx, actor.orgId, {
          poolId: b.poolId ?? was.poolId,
          levels: b.levels ?? was.levels,
          exemptLocked: b.exemptLocked ?? was.exemptLocked,
          exemptWon: b.exemptWon ?? was.exemptWon,
          noDealDays: b.noDealDays !== undefined ? b.noDealDays : was.noDealDays,
        });
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
        const noDeal = set.noDealDays !== undefined ? set.noDealDays : before.noDealDays;
        if (noFollowUp === null && notWon === null && noDeal === null)
          throw invalid([{ path: 'body', code: 'invalid_format' }]);
        const res = await tx
          .updateTable('recycleRules')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        const { poolName: _p, poolObject: _o, ...beforeRow } = before;
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
      await softDelete(db, req, {
        table: 'recycle_rules',
        object: 'recycle_rule',
        find: (tx) => liveRules(tx, actor.orgId).where('r.id', '=', req.params.id).executeTakeFirst(),
        present: presentRule,
        now: clock.now(),
      });
      return reply.status(204).send(null);
    },
  );
}
