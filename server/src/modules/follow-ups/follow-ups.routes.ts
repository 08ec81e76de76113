import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { type Actor, assertRecordAccess } from '../../platform/access/index.js';
import { registerTimelineChildren } from '../../platform/audit/timeline.js';
import type { AppContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { changeMeta, commonErrors, problem } from '../../platform/http/schemas.js';
import { followUpRows, presentFollowUps } from './follow-ups.repo.js';
import { createFollowUpBody, followUp, listFollowUpsQuery } from './follow-ups.schema.js';
import { logFollowUp } from './follow-ups.service.js';
import { followUpTargets } from './registry.js';
import { followUpSettingsOf } from './settings.js';

// A record's follow-ups show on its timeline (上次跟进 · 下次跟进), and those of records that became it.
registerTimelineChildren('follow_up', (orgId, parentObject, parentId) => {
  const parts = followUpTargets().flatMap(([object, target]) => {
    const ids =
      object === parentObject
        ? sql`select ${parentId}`
        : target.recordsUnder?.(orgId, parentObject, parentId);
    return ids ? [sql`(object = ${object} and record_id in (${ids}))`] : [];
  });
  return parts.length
    ? sql`select id from follow_ups where org_id = ${orgId} and (${sql.join(parts, sql` or `)})`
    : null;
});

// 跟进记录: reading a record's follow-ups needs read access to the record; adding one needs update.
export function registerFollowUpRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/follow-ups',
    {
      // The record's own access decides (the object comes with the request).
      config: { access: 'authenticated' },
      schema: {
        tags: ['follow-ups'],
        summary: 'A record’s follow-ups, newest first',
        querystring: listFollowUpsQuery,
        response: { 200: z.object({ data: z.array(followUp) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { object, recordId } = req.query;
      await assertRecordAccess(db, actor, object, 'read', recordId);
      const data = await followUpRows(db, actor.orgId)
        .where('f.object', '=', object)
        .where('f.recordId', '=', recordId)
        .orderBy('f.createdAt', 'desc')
        .orderBy('f.id', 'desc')
        .limit(500)
        .execute();
      return { data: await presentFollowUps(db, actor.orgId, data) };
    },
  );

  api.post(
    '/follow-ups',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['follow-ups'],
        summary: 'Log a follow-up (写跟进): how, what was said, and when next',
        body: createFollowUpBody,
        response: { 201: followUp, 409: problem, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { object, recordId, ...b } = req.body;
      const now = clock.now();
      if (b.nextAt !== undefined && b.nextAt <= now)
        throw invalid([{ path: 'body.nextAt', code: 'follow_up_next_past' }]);
      // 下次跟进时间必填 (跟进设置): the rep names the next one, the cadence does not do it for them.
      if (b.nextAt === undefined && (await followUpSettingsOf(db, actor.orgId)).nextRequired)
        throw invalid([{ path: 'body.nextAt', code: 'follow_up_next_required' }]);
      const id = await db
        .transaction()
        .execute((tx) =>
          logFollowUp(tx, actor, object, recordId, { ...b, nextAt: b.nextAt ?? null }, changeMeta(req, now)),
        );
      return reply
        .status(201)
        .send(
          (
            await presentFollowUps(db, actor.orgId, [
              await followUpRows(db, actor.orgId).where('f.id', '=', id).executeTakeFirstOrThrow(),
            ])
          )[0]!,
        );
    },
  );
}
