import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../access/index.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { pageOf } from '../http/keyset.js';
import { listQuery, parseSort } from '../http/pagination.js';
import { commonErrors, idParams, page } from '../http/schemas.js';

const notice = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});

/** The signed-in user's own notification centre. */
export function registerNotificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const byId = parseSort('-id', { id: 'id' }, '-id');

  api.get(
    '/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        querystring: listQuery
          .pick({ limit: true, cursor: true })
          .extend({ unread: z.enum(['true', 'false']).optional() }),
        response: { 200: page(notice).extend({ unreadCount: z.number() }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const mine = db
        .selectFrom('notifications')
        .where('orgId', '=', actor.orgId)
        .where('userId', '=', actor.userId);
      let q = mine.select(['id', 'kind', 'params', 'link', 'createdAt', 'readAt']);
      if (req.query.unread === 'true') q = q.where('readAt', 'is', null);
      const result = await pageOf(q, {
        sort: byId,
        idColumn: 'id',
        limit: req.query.limit,
        cursor: req.query.cursor,
        valueOf: (r) => r.id,
      });
      const unread = await mine
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('readAt', 'is', null)
        .executeTakeFirst();
      return {
        data: result.data.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, unknown> })),
        nextCursor: result.nextCursor,
        unreadCount: Number(unread?.n ?? 0),
      };
    },
  );

  api.post(
    '/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['notifications'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const res = await db
        .updateTable('notifications')
        .set({ readAt: clock.now() })
        .where('orgId', '=', actor.orgId)
        .where('userId', '=', actor.userId)
        .where('id', '=', req.params.id)
        .where('readAt', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        const exists = await db
          .selectFrom('notifications')
          .select('id')
          .where('orgId', '=', actor.orgId)
          .where('userId', '=', actor.userId)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!exists) throw notFound();
      }
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['notifications'], response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await db
        .updateTable('notifications')
        .set({ readAt: clock.now() })
        .where('orgId', '=', actor.orgId)
        .where('userId', '=', actor.userId)
        .where('readAt', 'is', null)
        .execute();
      return reply.status(204).send(null);
    },
  );
}
