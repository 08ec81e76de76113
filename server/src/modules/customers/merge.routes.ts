import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { type Actor, assertRecordAccess, can, maskFields } from '../../platform/access/index.js';
import { registerTimelineChildren } from '../../platform/audit/timeline.js';
import type { AppContext } from '../../platform/context.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { present, selectCustomers } from './customers.repo.js';
import { customer } from './customers.schema.js';
import { type MergeField, mergeCustomers, mergeFields, undoMerge } from './merge.js';

const mergeBody = z.strictObject({
  /** The customer that stays. */
  survivorId: z.uuid(),
  /** The duplicates folded into it (deleted afterwards, restorable by undo). */
  mergedIds: z.array(z.uuid()).min(1).max(9),
  /** For each field, the customer whose value the survivor takes (default: its own). */
  values: z.partialRecord(z.enum(mergeFields), z.uuid()).default({}),
  reason: z.string().trim().min(2).max(500),
});

const mergeEntry = z.object({
  id: z.string(),
  mergedIds: z.array(z.string()),
  mergedNames: z.array(z.string()),
  reason: z.string(),
  actorName: z.string().nullable(),
  at: z.number(),
  undoneAt: z.number().nullable(),
  /** Undo is possible while nobody has changed the survivor since. */
  canUndo: z.boolean(),
});

const idsProblem = problem.extend({ ids: z.array(z.string()).optional() });

// 合并客户: an admin folds duplicates into one, and can undo it.
export function registerMergeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  // A merged customer's history shows on the customer it went into.
  registerTimelineChildren('customer', (orgId, parentObject, parentId) =>
    parentObject === 'customer'
      ? sql`select id from customers where org_id = ${orgId} and merged_into_id = ${parentId}`
      : null,
  );

  const show = async (actor: Actor, id: string) => {
    const row = await selectCustomers(db, actor.orgId).where('c.id', '=', id).executeTakeFirstOrThrow();
    return maskFields(actor, 'customer', present(row), row.ownerId);
  };

  api.post(
    '/customers/merge',
    {
      config: { access: { object: 'customer', action: 'merge' } },
      schema: {
        tags: ['customers'],
        summary:
          '合并客户: fold duplicates into one survivor (contacts, files, collaborators move; undoable)',
        body: mergeBody,
        response: {
          200: z.object({ mergeId: z.string(), customer }),
          ...commonErrors,
          404: idsProblem,
          409: problem,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const b = req.body;
      const mergeId = await db
        .transaction()
        .execute((tx) =>
          mergeCustomers(
            tx,
            actor,
            { ...b, values: b.values as Partial<Record<MergeField, string>> },
            changeMeta(req, clock.now()),
          ),
        );
      return { mergeId, customer: await show(actor, b.survivorId) };
    },
  );

  api.get(
    '/customers/:id/merges',
    {
      config: { access: { object: 'customer', action: 'read' } },
      schema: {
        tags: ['customers'],
        summary: 'Merges into this customer, newest first',
        params: idParams,
        response: { 200: z.object({ data: z.array(mergeEntry) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      await assertRecordAccess(db, actor, 'customer', 'read', req.params.id);
      const current = await db
        .selectFrom('customers')
        .select('version')
        .where('id', '=', req.params.id)
        .executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom('customerMerges as m')
        .leftJoin('users as u', 'u.id', 'm.actorId')
        .select([
          'm.id',
          'm.mergedIds',
          'm.snapshot',
          'm.reason',
          'u.name as actorName',
          'm.at',
          'm.undoneAt',
        ])
        .where('m.orgId', '=', actor.orgId)
        .where('m.survivorId', '=', req.params.id)
        .orderBy('m.at', 'desc')
        .limit(50)
        .execute();
      const mayMerge = can(actor, 'customer', 'merge');
      return {
        data: rows.map((r) => {
          const snap = JSON.parse(r.snapshot) as {
            versionAfter: number;
            merged: { row: { name: string } }[];
          };
          return {
            id: r.id,
            mergedIds: JSON.parse(r.mergedIds) as string[],
            mergedNames: snap.merged.map((m) => m.row.name),
            reason: r.reason,
            actorName: r.actorName,
            at: r.at,
            undoneAt: r.undoneAt,
            canUndo: mayMerge && r.undoneAt === null && snap.versionAfter === current.version,
          };
        }),
      };
    },
  );

  api.post(
    '/customer-merges/:id/undo',
    {
      config: { access: { object: 'customer', action: 'merge' } },
      schema: {
        tags: ['customers'],
        summary: 'Undo a merge: the merged customers come back with their contacts, files and collaborators',
        params: idParams,
        response: { 200: z.object({ restoredIds: z.array(z.string()) }), ...commonErrors, 409: problem },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const restoredIds = await db.transaction().execute(async (tx) => {
        await undoMerge(tx, actor, req.params.id, changeMeta(req, clock.now()));
        const m = await tx
          .selectFrom('customerMerges')
          .select('mergedIds')
          .where('id', '=', req.params.id)
          .executeTakeFirstOrThrow();
        return JSON.parse(m.mergedIds) as string[];
      });
      return { restoredIds };
    },
  );
}
