import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { assertOwnerAssignable } from '../customers/customers.service.js';
import { claimRecord, releaseRecords, transferRecords } from './claim.js';
import type { PoolObject } from './poolable.js';

const ids = z.array(z.uuid()).min(1).max(500);
const reason = z.string().trim().min(2).max(500);
/** A bulk request naming ids out of reach (or already in a pool) answers with those ids. */
const bulkProblem = problem.extend({ ids: z.array(z.string()).optional() });

/** What the move routes of one pooled object need: where they live and how the claimed record reads. */
export type MoveRoutes = {
  object: PoolObject;
  /** `/customers`, `/leads` */
  path: string;
  /** The claimed record's response schema, and how it reads to the actor. */
  record: z.ZodType;
  load: (actor: Actor, id: string) => Promise<unknown>;
};

// Records changing hands: 领取 from a pool, 退回公海 / 退回线索池, 转移 to a colleague — the same routes
// for every pooled object.
export function registerMoveRoutes(app: FastifyInstance, ctx: AppContext, spec: MoveRoutes): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;
  const { object, path } = spec;
  const label = { customer: 'customers', lead: 'leads' }[object];

  api.post(
    `${path}/:id/claim`,
    {
      config: { access: { object, action: 'read' } },
      schema: {
        tags: ['pools'],
        summary: `领取: take one of the ${label} out of a pool you belong to (daily limit, cap and cooldown apply)`,
        params: idParams,
        response: { 200: spec.record, 409: problem, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      await db
        .transaction()
        .execute((tx) => claimRecord(tx, actor, object, req.params.id, changeMeta(req, clock.now())));
      // Serialized by spec.record, which the route declares (the type provider cannot see through spec).
      return (await spec.load(actor, req.params.id)) as never;
    },
  );

  api.post(
    `${path}/release`,
    {
      config: { access: { object, action: 'update' } },
      schema: {
        tags: ['pools'],
        summary: `退回: put ${label} back into a pool, with a reason (all or nothing)`,
        body: z.strictObject({ ids, reason, poolId: z.uuid().optional() }),
        response: {
          200: z.object({ released: z.number() }),
          ...commonErrors,
          404: bulkProblem,
          409: bulkProblem,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { ids: list, ...o } = req.body;
      const released = await db
        .transaction()
        .execute((tx) => releaseRecords(tx, actor, object, list, o, changeMeta(req, clock.now())));
      return { released };
    },
  );

  api.post(
    `${path}/transfer`,
    {
      config: { access: { object, action: 'update' } },
      schema: {
        tags: ['pools'],
        summary: `转移: hand ${label} to another active user (all or nothing)`,
        body: z.strictObject({ ids, toUserId: z.uuid(), reason: reason.optional() }),
        response: {
          200: z.object({ transferred: z.number() }),
          ...commonErrors,
          404: bulkProblem,
          409: problem,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { ids: list, toUserId, reason: why } = req.body;
      const transferred = await db.transaction().execute(async (tx) => {
        await assertOwnerAssignable(tx, actor, toUserId, 'body.toUserId', object);
        return transferRecords(
          tx,
          actor,
          object,
          list,
          { toUserId, reason: why },
          changeMeta(req, clock.now()),
        );
      });
      return { transferred };
    },
  );
}
