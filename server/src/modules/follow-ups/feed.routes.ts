import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { addComment, deleteComment, followUpInReach } from './comments.js';
import { followUpRows, followUpsInReach, presentFollowUps } from './follow-ups.repo.js';
import { comment, commentBody, feedItem, feedQuery } from './follow-ups.schema.js';

const newestFirst = parseSort(
  '-createdAt',
  { createdAt: { column: 'f.created_at', type: 'number' } },
  '-createdAt',
);

// 跟进动态: the follow-ups of every record in the caller's reach, newest first — a manager's view of
// their team's work — and 点评 on each (coaching from the log).
export function registerFollowUpFeedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/follow-ups/feed',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['follow-ups'],
        summary:
          'The team feed: follow-ups of the leads, customers and deals the caller may read, newest first',
        querystring: feedQuery,
        response: {
          200: z.object({ data: z.array(feedItem), nextCursor: z.string().nullable() }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const f = req.query;
      let q = followUpRows(db, actor.orgId)
        .leftJoin('leads as l', (j) => j.onRef('l.id', '=', 'f.recordId').on('f.object', '=', 'lead'))
        .leftJoin('customers as c', (j) => j.onRef('c.id', '=', 'f.recordId').on('f.object', '=', 'customer'))
        .leftJoin('opportunities as o', (j) =>
          j.onRef('o.id', '=', 'f.recordId').on('f.object', '=', 'opportunity'),
        )
        .select(sql<string>`coalesce(l.name, c.name, o.name)`.as('recordName'))
        .where(sql<SqlBool>`coalesce(l.deleted_at, c.deleted_at, o.deleted_at) is null`)
        .where(sql<SqlBool>`coalesce(l.id, c.id, o.id) is not null`);
      // Only follow-ups of records the caller may read.
      const reach = followUpsInReach(actor, 'f');
      if (reach) q = q.where(reach);
      if (f.authorId) q = q.where('f.createdBy', '=', f.authorId);
      if (f.object) q = q.where('f.object', '=', f.object);
      if (f.method) q = q.where('f.method', '=', f.method);
      if (f.from !== undefined) q = q.where('f.createdAt', '>=', f.from);
      if (f.to !== undefined) q = q.where('f.createdAt', '<', f.to);
      const page = await pageOf(q, {
        sort: newestFirst,
        idColumn: 'f.id',
        limit: f.limit,
        cursor: f.cursor,
        valueOf: (r) => r.createdAt,
      });
      const shown = await presentFollowUps(db, actor.orgId, page.data);
      return {
        data: shown.map((x, i) => ({ ...x, recordName: page.data[i]!.recordName })),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.get(
    '/follow-ups/:id/comments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['follow-ups'],
        summary: 'A follow-up’s 点评, oldest first (404 when its record is out of the caller’s reach)',
        params: idParams,
        response: { 200: z.object({ data: z.array(comment) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      await followUpInReach(db, actor, req.params.id);
      const rows = await db
        .selectFrom('followUpComments as m')
        .leftJoin('users as u', 'u.id', 'm.createdBy')
        .selectAll('m')
        .select('u.name as createdByName')
        .where('m.orgId', '=', actor.orgId)
        .where('m.followUpId', '=', req.params.id)
        .where('m.deletedAt', 'is', null)
        .orderBy('m.createdAt')
        .orderBy('m.id')
        .execute();
      const mentioned = [...new Set(rows.flatMap((r) => JSON.parse(r.mentions) as string[]))];
      const names = new Map(
        mentioned.length
          ? (
              await db
                .selectFrom('users')
                .select(['id', 'name'])
                .where('orgId', '=', actor.orgId)
                .where('id', 'in', mentioned)
                .execute()
            ).map((u) => [u.id, u.name])
          : [],
      );
      return {
        data: rows.map((r) => ({
          id: r.id,
          followUpId: r.followUpId,
          body: r.body,
          mentions: (JSON.parse(r.mentions) as string[]).map((id) => ({ id, name: names.get(id) ?? '' })),
          createdBy: r.createdBy,
          createdByName: r.createdByName,
          createdAt: r.createdAt,
        })),
      };
    },
  );

  api.post(
    '/follow-ups/:id/comments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['follow-ups'],
        summary: '点评 a follow-up: its author, earlier commenters and those @mentioned are notified',
        params: idParams,
        body: commentBody,
        response: { 201: z.object({ id: z.string() }), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const id = await db
        .transaction()
        .execute((tx) => addComment(tx, actor, req.params.id, req.body, changeMeta(req, clock.now())));
      return reply.status(201).send({ id });
    },
  );

  api.delete(
    '/follow-ups/:id/comments/:commentId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['follow-ups'],
        summary: 'Delete one’s own 点评',
        params: z.strictObject({ id: z.uuid(), commentId: z.uuid() }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await db
        .transaction()
        .execute((tx) =>
          deleteComment(tx, actor, req.params.id, req.params.commentId, changeMeta(req, clock.now())),
        );
      return reply.status(204).send(null);
    },
  );
}
