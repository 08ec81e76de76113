import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, assertRecordAccess } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { commonErrors, idParams } from '../../platform/http/schemas.js';
import { type PoolObject, pooledTable } from '../pools/poolable.js';

const ref = z.object({ id: z.string(), name: z.string() });
const entry = z.object({
  kind: z.string(),
  from: ref.nullable(),
  to: ref.nullable(),
  pool: ref.nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.number(),
});

// 归属记录 of a customer or a lead: who held it, when it went to a pool or a colleague, and why —
// readable by exactly those who may read the record itself.
export function registerOwnershipRoute(
  app: FastifyInstance,
  ctx: AppContext,
  spec: { object: PoolObject; path: string },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const { object, path } = spec;
  const label = { customer: 'customer', lead: 'lead' }[object];
  api.get(
    `${path}/:id/ownership`,
    {
      config: { access: { object, action: 'read' } },
      schema: {
        tags: [`${label}s`],
        summary: `Who held this ${label} and why it changed hands (newest first, the last 200)`,
        params: idParams,
        response: { 200: z.object({ data: z.array(entry) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      await assertRecordAccess(db, actor, object, 'read', req.params.id);
      const live = await db
        .selectFrom(pooledTable(object))
        .select('id')
        .where('orgId', '=', actor.orgId)
        .where('id', '=', req.params.id)
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      if (!live) throw notFound();
      const rows = await db
        .selectFrom('ownershipHistory as h')
        .leftJoin('users as f', 'f.id', 'h.fromOwnerId')
        .leftJoin('users as t', 't.id', 'h.toOwnerId')
        .leftJoin('users as a', 'a.id', 'h.actorId')
        .leftJoin('pools as p', 'p.id', 'h.poolId')
        .select([
          'h.kind',
          'h.fromOwnerId',
          'f.name as fromName',
          'h.toOwnerId',
          't.name as toName',
          'h.poolId',
          'p.name as poolName',
          'h.reason',
          'a.name as actorName',
          'h.at',
          'h.id',
        ])
        .where('h.orgId', '=', actor.orgId)
        .where('h.object', '=', object)
        .where('h.recordId', '=', req.params.id)
        .orderBy('h.at', 'desc')
        .orderBy('h.id', 'desc')
        .limit(200)
        .execute();
      const refOf = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
      return {
        data: rows.map((r) => ({
          kind: r.kind,
          from: refOf(r.fromOwnerId, r.fromName),
          to: refOf(r.toOwnerId, r.toName),
          pool: refOf(r.poolId, r.poolName),
          reason: r.reason,
          actorName: r.actorName,
          at: r.at,
        })),
      };
    },
  );
}
