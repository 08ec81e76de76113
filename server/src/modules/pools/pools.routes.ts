import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, can, poolsOf } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { softDelete } from '../../platform/http/soft-delete.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { type PoolObject, pooledTable, poolObjects } from './poolable.js';
import {
  limitsFor,
  livePools,
  membership,
  orgPools,
  orgTimeZone,
  type PoolRow,
  usage,
} from './pools.repo.js';
import { createPoolBody, type LimitOverride, pool, type poolMember, updatePoolBody } from './pools.schema.js';

type Member = z.infer<typeof poolMember>;

export function registerPoolRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  /** A pool as the actor sees it: members with names, waiting customers, their own quota there. */
  const show = async (actor: Actor, p: PoolRow) => {
    const [members, count, m, limits, used] = await Promise.all([
      db
        .selectFrom('poolMembers as pm')
        .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'pm.memberId').on('pm.memberType', '=', 'user'))
        .leftJoin('departments as d', (j) =>
          j.onRef('d.id', '=', 'pm.memberId').on('pm.memberType', '=', 'department'),
        )
        .select(['pm.memberType', 'pm.memberId', 'pm.role', 'u.name as userName', 'd.name as departmentName'])
        .where('pm.poolId', '=', p.id)
        .orderBy('pm.memberType')
        .execute(),
      db
        .selectFrom(pooledTable(objectOf(p)))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('orgId', '=', p.orgId)
        .where('poolId', '=', p.id)
        .where('ownerId', 'is', null)
        .where('deletedAt', 'is', null)
        .executeTakeFirst(),
      membership(db, actor, p.id),
      limitsFor(db, p, actor),
      usage(db, actor, clock.now(), await orgTimeZone(db, actor.orgId), objectOf(p)),
    ]);
    return {
      id: p.id,
      object: objectOf(p),
      name: p.name,
      description: p.description,
      isDefault: p.isDefault === 1,
      dailyClaimLimit: p.dailyClaimLimit,
      ownershipCap: p.ownershipCap,
      reclaimCooldownDays: p.reclaimCooldownDays,
      limitOverrides: JSON.parse(p.limitOverrides) as LimitOverride[],
      members: members.map((r) => ({
        type: r.memberType,
        id: r.memberId,
        role: r.role,
        name: r.userName ?? r.departmentName ?? '',
      })),
      waitingCount: Number(count?.n ?? 0),
      isMember: m.isMember,
      isAdmin: m.isAdmin,
      myQuota: { ...limits, ...used, reclaimCooldownDays: p.reclaimCooldownDays },
      version: p.version,
    };
  };

  /** Pool settings may see every pool; everyone else the pools they belong to. */
  const visiblePools = async (actor: Actor, object: PoolObject) => {
    let q = livePools(db, actor.orgId, object).orderBy('isDefault', 'desc').orderBy('name');
    if (!can(actor, 'pool', 'read')) q = q.where(sql<SqlBool>`id in (${poolsOf(actor)})`);
    return q.execute();
  };

  api.get(
    '/pools',
    {
      // Reading the pooled object is checked in the handler: which object comes with the request.
      config: { access: 'authenticated' },
      schema: {
        tags: ['pools'],
        summary:
          'Pools (公海 of customers, 线索池 of leads) the caller belongs to — or all of them, for pool settings',
        querystring: z.strictObject({ object: z.enum(poolObjects).default('customer') }),
        response: { 200: z.object({ data: z.array(pool) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      if (!can(actor, req.query.object, 'read')) throw forbidden();
      const pools = await visiblePools(actor, req.query.object);
      return { data: await Promise.all(pools.map((p) => show(actor, p))) };
    },
  );

  api.get(
    '/pools/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['pools'], params: idParams, response: { 200: pool, ...commonErrors } },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const found = await orgPools(db, actor.orgId).where('id', '=', req.params.id).executeTakeFirst();
      const object = found ? objectOf(found) : null;
      const p =
        object && can(actor, object, 'read')
          ? (await visiblePools(actor, object)).find((x) => x.id === req.params.id)
          : undefined;
      if (!p) throw notFound();
      return show(actor, p);
    },
  );

  api.post(
    '/pools',
    {
      config: { access: { object: 'pool', action: 'create' } },
      schema: {
        tags: ['pools'],
        body: createPoolBody,
        response: { 201: pool, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      const { members, limitOverrides, isDefault, object, ...b } = req.body;
      const id = newId();
      await db.transaction().execute(async (tx) => {
        await assertRefs(tx, actor.orgId, members, limitOverrides);
        if (isDefault) await unsetDefault(tx, actor.orgId, object);
        const row = {
          id,
          orgId: actor.orgId,
          object,
          ...b,
          description: b.description ?? null,
          isDefault: isDefault ? 1 : 0,
          limitOverrides: JSON.stringify(limitOverrides),
          createdAt: now,
          updatedAt: now,
          version: 1,
          deletedAt: null,
        };
        await tx.insertInto('pools').values(row).execute();
        await writeMembers(tx, actor.orgId, id, members);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'pool',
          recordId: id,
          action: 'create',
          after: { ...row, members },
        });
      });
      const created = await orgPools(db, actor.orgId).where('id', '=', id).executeTakeFirstOrThrow();
      return reply.status(201).send(await show(actor, created));
    },
  );

  api.patch(
    '/pools/:id',
    {
      config: { access: { object: 'pool', action: 'update' } },
      schema: {
        tags: ['pools'],
        params: idParams,
        body: updatePoolBody,
        response: { 200: pool, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      const { members, limitOverrides, isDefault, ...b } = req.body;
      await db.transaction().execute(async (tx) => {
        const before = await orgPools(tx, actor.orgId).where('id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => ({ id: r.id, version: r.version, name: r.name }));
        await assertRefs(tx, actor.orgId, members ?? [], limitOverrides ?? []);
        if (isDefault === false && before.isDefault) throw new AppError(409, 'default_pool_required');
        if (isDefault && !before.isDefault) await unsetDefault(tx, actor.orgId, objectOf(before));
        const set = {
          ...b,
          ...(isDefault !== undefined ? { isDefault: isDefault ? 1 : 0 } : {}),
          ...(limitOverrides ? { limitOverrides: JSON.stringify(limitOverrides) } : {}),
          updatedAt: now,
          version: before.version + 1,
        };
        const res = await tx
          .updateTable('pools')
          .set(set)
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        if (members) await writeMembers(tx, actor.orgId, before.id, members);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'pool',
          recordId: before.id,
          action: 'update',
          before,
          after: { ...before, ...set, ...(members ? { members } : {}) },
        });
      });
      const p = await orgPools(db, actor.orgId).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      return show(actor, p);
    },
  );

  api.delete(
    '/pools/:id',
    {
      config: { access: { object: 'pool', action: 'delete' } },
      schema: {
        tags: ['pools'],
        summary: 'Delete an empty pool that is not the default one (its recycle rules go with it)',
        params: idParams,
        response: { 204: z.null(), 409: problem, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      await softDelete(db, req, {
        table: 'pools',
        object: 'pool',
        find: (tx) => orgPools(tx, actor.orgId).where('id', '=', req.params.id).executeTakeFirst(),
        present: (r) => ({ id: r.id, version: r.version, name: r.name }),
        now,
        refuse: async (tx, before) => {
          if (before.isDefault) throw new AppError(409, 'default_pool_required');
          const waiting = await tx
            .selectFrom(pooledTable(objectOf(before)))
            .select('id')
            .where('orgId', '=', actor.orgId)
            .where('poolId', '=', before.id)
            .where('ownerId', 'is', null)
            .where('deletedAt', 'is', null)
            .limit(1)
            .executeTakeFirst();
          if (waiting) throw new AppError(409, 'pool_not_empty');
        },
        cascade: async (tx, before) => {
          await tx
            .updateTable('recycleRules')
            .set({ deletedAt: now })
            .where('orgId', '=', actor.orgId)
            .where('poolId', '=', before.id)
            .execute();
          await tx.deleteFrom('poolMembers').where('poolId', '=', before.id).execute();
        },
      });
      return reply.status(204).send(null);
    },
  );
}

/** One default pool per object: another one stops being it. */
async function unsetDefault(tx: Kysely<DB>, orgId: string, object: PoolObject) {
  await tx
    .updateTable('pools')
    .set({ isDefault: 0 })
    .where('orgId', '=', orgId)
    .where('object', '=', object)
    .execute();
}

const objectOf = (p: PoolRow) => p.object as PoolObject;

/** Members and overrides must name departments, users and roles of the org (422 with the path otherwise). */
async function assertRefs(tx: Kysely<DB>, orgId: string, members: Member[], overrides: LimitOverride[]) {
  const errors = [];
  const seen = new Set<string>();
  for (const [i, m] of members.entries()) {
    const key = `${m.type}:${m.id}`;
    if (seen.has(key)) errors.push({ path: `body.members.${i}`, code: 'duplicate_entry' });
    seen.add(key);
    const table = m.type === 'user' ? 'users' : 'departments';
    const found = await tx
      .selectFrom(table)
      .select('id')
      .where('orgId', '=', orgId)
      .where('id', '=', m.id)
      .executeTakeFirst();
    if (!found) errors.push({ path: `body.members.${i}.id`, code: 'not_found' });
  }
  for (const [i, o] of overrides.entries()) {
    const found = o.departmentId
      ? await tx
          .selectFrom('departments')
          .select('id')
          .where('orgId', '=', orgId)
          .where('id', '=', o.departmentId)
          .executeTakeFirst()
      : await tx
          .selectFrom('roles')
          .select('id')
          .where('orgId', '=', orgId)
          .where('key', '=', o.roleKey!)
          .executeTakeFirst();
    if (!found)
      errors.push({
        path: `body.limitOverrides.${i}.${o.departmentId ? 'departmentId' : 'roleKey'}`,
        code: 'not_found',
      });
  }
  if (errors.length) throw invalid(errors);
}

async function writeMembers(tx: Kysely<DB>, orgId: string, poolId: string, members: Member[]) {
  await tx.deleteFrom('poolMembers').where('poolId', '=', poolId).execute();
  if (members.length)
    await tx
      .insertInto('poolMembers')
      .values(members.map((m) => ({ orgId, poolId, memberType: m.type, memberId: m.id, role: m.role })))
      .execute();
}
