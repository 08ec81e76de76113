import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/index.js';
import type { AppContext } from '../../platform/context.js';
import { changeMeta, commonErrors, idParams } from '../../platform/http/schemas.js';
import { delegation, delegationBody } from './approvals.schema.js';
import { createDelegation, revokeDelegation } from './delegations.js';

// 委托: one's own away periods with the colleague who decides one's approvals meanwhile, and the
// periods in which one decides for someone else.
export function registerDelegationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const list = async (actor: Actor, where: 'userId' | 'delegateId', id?: string) => {
    const now = clock.now();
    let q = db
      .selectFrom('approvalDelegations as d')
      .innerJoin('users as u', 'u.id', 'd.userId')
      .innerJoin('users as g', 'g.id', 'd.delegateId')
      .select([
        'd.id',
        'd.userId',
        'u.name as userName',
        'd.delegateId',
        'g.name as delegateName',
        'd.startsAt',
        'd.endsAt',
        'd.reason',
      ])
      .where('d.orgId', '=', actor.orgId)
      .where(`d.${where}`, '=', actor.userId)
      .where('d.revokedAt', 'is', null)
      .where('d.endsAt', '>', now);
    if (id) q = q.where('d.id', '=', id);
    const rows = await q.orderBy('d.startsAt').execute();
    return rows.map((r) => ({
      id: r.id,
      user: { id: r.userId, name: r.userName },
      delegate: { id: r.delegateId, name: r.delegateName },
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      reason: r.reason,
      active: r.startsAt <= now,
    }));
  };

  api.get(
    '/approval-delegations',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['approvals'],
        summary:
          '委托: the caller’s away periods to come or under way, and those in which they decide for someone',
        response: {
          200: z.object({ mine: z.array(delegation), toMe: z.array(delegation) }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      return { mine: await list(actor, 'userId'), toMe: await list(actor, 'delegateId') };
    },
  );

  api.post(
    '/approval-delegations',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['approvals'],
        summary: '委托: while the caller is away (at most 90 days), a colleague decides their approvals',
        body: delegationBody,
        response: { 201: delegation, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const id = await db
        .transaction()
        .execute((tx) => createDelegation(tx, actor, req.body, changeMeta(req, clock.now())));
      return reply.status(201).send((await list(actor, 'userId', id))[0]!);
    },
  );

  api.delete(
    '/approval-delegations/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['approvals'],
        summary: 'Ends one of the caller’s delegations now',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      await db
        .transaction()
        .execute((tx) => revokeDelegation(tx, actor, req.params.id, changeMeta(req, clock.now())));
      return reply.status(204).send(null);
    },
  );
}
