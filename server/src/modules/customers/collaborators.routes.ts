import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, assertRecordAccess, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { notify } from '../../platform/notify/service.js';
import { selectCustomers } from './customers.repo.js';
import { updateCustomer } from './customers.service.js';
import { registerOwnershipRoute } from './ownership.routes.js';

const collaborator = z.object({
  userId: z.string(),
  name: z.string(),
  level: z.enum(['read', 'write']),
  active: z.boolean(),
  addedAt: z.number(),
});

// 联合跟进人 of a customer, its ownership history, and bulk tagging.
export function registerCollaboratorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  api.get(
    '/customers/:id/collaborators',
    {
      config: { access: { object: 'customer', action: 'read' } },
      schema: {
        tags: ['customers'],
        params: idParams,
        response: { 200: z.object({ data: z.array(collaborator) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      await assertRecordAccess(db, actor, 'customer', 'read', req.params.id);
      return { data: await collaboratorsOf(db, actor.orgId, req.params.id) };
    },
  );

  api.put(
    '/customers/:id/collaborators',
    {
      config: { access: { object: 'customer', action: 'update' } },
      schema: {
        tags: ['customers'],
        summary: 'Set who follows this customer with the owner (read or read-write), replacing the list',
        params: idParams,
        body: z.strictObject({
          collaborators: z
            .array(z.strictObject({ userId: z.uuid(), level: z.enum(['read', 'write']) }))
            .max(50),
        }),
        response: { 200: z.object({ data: z.array(collaborator) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      const wanted = req.body.collaborators;
      const added = await db.transaction().execute(async (tx) => {
        const c = await selectCustomers(tx, actor.orgId)
          .where(scopeFilter(actor, 'customer', 'c.owner_id', 'update'))
          .where('c.id', '=', req.params.id)
          .executeTakeFirst();
        if (!c) throw notFound();
        const errors = [];
        const seen = new Set<string>();
        for (const [i, w] of wanted.entries()) {
          if (seen.has(w.userId))
            errors.push({ path: `body.collaborators.${i}.userId`, code: 'duplicate_entry' });
          seen.add(w.userId);
          if (w.userId === c.ownerId) throw new AppError(422, 'share_with_owner');
          const u = await tx
            .selectFrom('users')
            .select(['id', 'active'])
            .where('orgId', '=', actor.orgId)
            .where('id', '=', w.userId)
            .executeTakeFirst();
          if (!u) errors.push({ path: `body.collaborators.${i}.userId`, code: 'not_found' });
          else if (!u.active)
            errors.push({ path: `body.collaborators.${i}.userId`, code: 'account_inactive' });
        }
        if (errors.length) throw invalid(errors);
        const before = await collaboratorsOf(tx, actor.orgId, c.id);
        await tx
          .deleteFrom('recordShares')
          .where('orgId', '=', actor.orgId)
          .where('object', '=', 'customer')
          .where('recordId', '=', c.id)
          .execute();
        const since = new Map(before.map((b) => [b.userId, b.addedAt]));
        if (wanted.length)
          await tx
            .insertInto('recordShares')
            .values(
              wanted.map((w) => ({
                orgId: actor.orgId,
                object: 'customer',
                recordId: c.id,
                userId: w.userId,
                level: w.level,
                createdBy: actor.userId,
                createdAt: since.get(w.userId) ?? now,
              })),
            )
            .execute();
        const summary = (list: { userId: string; level: string }[]) =>
          list.map((x) => `${x.userId}:${x.level}`).sort();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'customer',
          recordId: c.id,
          action: 'share',
          before: { collaborators: summary(before) },
          after: { collaborators: summary(wanted) },
        });
        return { ids: wanted.filter((w) => !since.has(w.userId)).map((w) => w.userId), name: c.name };
      });
      await notify(
        db,
        actor.orgId,
        added.ids,
        {
          kind: 'customer_shared',
          params: { customer: added.name, by: actor.name },
          link: `/customers/${req.params.id}`,
        },
        now,
      );
      return { data: await collaboratorsOf(db, actor.orgId, req.params.id) };
    },
  );

  registerOwnershipRoute(app, ctx, { object: 'customer', path: '/customers' });

  api.post(
    '/customers/tags',
    {
      config: { access: { object: 'customer', action: 'update' } },
      schema: {
        tags: ['customers'],
        summary: 'Add and remove tags on several customers at once (all or nothing)',
        body: z
          .strictObject({
            ids: z.array(z.uuid()).min(1).max(500),
            add: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
            remove: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
          })
          .refine((b) => b.add.length + b.remove.length > 0, 'add or remove'),
        response: {
          200: z.object({ updated: z.number() }),
          ...commonErrors,
          404: problem.extend({ ids: z.array(z.string()).optional() }),
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { ids, add, remove } = req.body;
      const now = clock.now();
      const updated = await db.transaction().execute(async (tx) => {
        const unique = [...new Set(ids)];
        const rows = await selectCustomers(tx, actor.orgId)
          .where(scopeFilter(actor, 'customer', 'c.owner_id', 'update'))
          .where('c.id', 'in', unique)
          .execute();
        if (rows.length !== unique.length) {
          const found = new Set(rows.map((r) => r.id));
          throw new AppError(404, 'not_found', {}, { body: { ids: unique.filter((id) => !found.has(id)) } });
        }
        let n = 0;
        for (const r of rows) {
          const before = JSON.parse(r.tags) as string[];
          const tags = [...new Set([...before.filter((t) => !remove.includes(t)), ...add])];
          if (tags.length > 20) throw invalid([{ path: 'body.add', code: 'too_many', params: { max: 20 } }]);
          if (tags.join('\n') === before.join('\n')) continue;
          await updateCustomer(tx, actor, r.id, { tags }, { ...changeMeta(req, now) });
          n++;
        }
        return n;
      });
      return { updated };
    },
  );
}

export async function collaboratorsOf(db: Kysely<DB>, orgId: string, customerId: string) {
  const rows = await db
    .selectFrom('recordShares as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.userId', 'u.name', 's.level', 'u.active', 's.createdAt'])
    .where('s.orgId', '=', orgId)
    .where('s.object', '=', 'customer')
    .where('s.recordId', '=', customerId)
    .orderBy('s.createdAt')
    .execute();
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    level: r.level,
    active: r.active === 1,
    addedAt: r.createdAt,
  }));
}
