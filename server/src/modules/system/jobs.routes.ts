import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { listQuery, parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, page } from '../../platform/http/schemas.js';

const job = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});

/** Background jobs of the org (and system-wide ones) for admins: failed jobs stay visible and can be retried. */
export function registerJobRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const byId = parseSort('-id', { id: 'id' }, '-id');

  const visible = (actor: Actor) =>
    db.selectFrom('jobs').where((eb) => eb.or([eb('orgId', '=', actor.orgId), eb('orgId', 'is', null)]));

  api.get(
    '/jobs',
    {
      config: { access: { object: 'job', action: 'read' } },
      schema: {
        tags: ['system'],
        querystring: listQuery
          .pick({ limit: true, cursor: true })
          .extend({ status: z.enum(['queued', 'running', 'done', 'dead']).optional() }),
        response: { 200: page(job).extend({ counts: z.record(z.string(), z.number()) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      let q = visible(actor).select([
        'id',
        'type',
        'status',
        'attempts',
        'maxAttempts',
        'runAt',
        'lastError',
        'createdAt',
        'finishedAt',
      ]);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      const result = await pageOf(q, {
        sort: byId,
        idColumn: 'id',
        limit: req.query.limit,
        cursor: req.query.cursor,
        valueOf: (r) => r.id,
      });
      const counts = await visible(actor)
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      return { ...result, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) };
    },
  );

  api.post(
    '/jobs/:id/retry',
    {
      config: { access: { object: 'job', action: 'update' } },
      schema: {
        tags: ['system'],
        summary: 'Queue a dead job again',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const j = await tx
          .selectFrom('jobs')
          .select(['id', 'status', 'orgId'])
          .where('id', '=', req.params.id)
          .where((eb) => eb.or([eb('orgId', '=', actor.orgId), eb('orgId', 'is', null)]))
          .executeTakeFirst();
        if (!j) throw notFound();
        if (j.status !== 'dead') throw new AppError(409, 'job_not_dead', { status: j.status });
        await tx
          .updateTable('jobs')
          .set({
            status: 'queued',
            attempts: 0,
            runAt: now,
            finishedAt: null,
            lockedBy: null,
            lockedUntil: null,
          })
          .where('id', '=', j.id)
          .execute();
        await recordChange(tx, { ...changeMeta(req, now), object: 'job', recordId: j.id, action: 'retry' });
      });
      return reply.status(204).send(null);
    },
  );
}
