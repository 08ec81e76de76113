import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can, canOnRecord } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, problem } from '../../platform/http/schemas.js';
import { ifMatchVersion } from '../../platform/http/versioning.js';
import { pendingApproval } from '../approvals/engine.js';
import { cappedCount } from '../customers/list.js';
import { type DealFilters, dealQueries, visibleDeals } from './list.js';
import { type OpportunityRow, present } from './opportunities.repo.js';
import {
  checklistBody,
  createBody,
  listFilters,
  missingItem,
  moveBody,
  opportunity,
  sortable,
  stageStay,
  updateBody,
} from './opportunities.schema.js';
import {
  createOpportunity,
  editable,
  moveOpportunity,
  tickChecklist,
  updateOpportunity,
} from './opportunities.service.js';
import { loadPipeline } from './pipelines.repo.js';

const gateProblem = problem.extend({ missing: z.array(missingItem).optional() });
/** Cards a kanban column shows before "load more". */
const columnSize = 20;

const detail = opportunity.extend({
  contacts: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable() })),
  myAccess: z.object({ update: z.boolean(), delete: z.boolean(), overrideGates: z.boolean() }),
  /** 审批中: the request the deal waits on (its stage is locked meanwhile). */
  pendingApproval: z.object({ id: z.string(), name: z.string(), summary: z.string() }).nullable(),
});

// 商机: list (and its totals), kanban board, detail with contacts, create, edit, delete, stage moves
// through the gates, checklist ticks and the stage history — all through the access layer.
export function registerOpportunityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const visible = (actor: Actor) => visibleDeals(db, actor);
  const queries = (actor: Actor, f: DealFilters) => dealQueries(db, actor, f, clock.now());
  const load = async (actor: Actor, id: string) => {
    const row = await visible(actor).where('o.id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    const contacts = await db
      .selectFrom('opportunityContacts as oc')
      .innerJoin('contacts as ct', 'ct.id', 'oc.contactId')
      .select(['ct.id', 'ct.name', 'ct.title'])
      .where('oc.opportunityId', '=', id)
      .where('ct.deletedAt', 'is', null)
      .orderBy('oc.position')
      .execute();
    const [update, del, pending] = await Promise.all([
      canOnRecord(db, actor, 'opportunity', 'update', id),
      canOnRecord(db, actor, 'opportunity', 'delete', id),
      pendingApproval(db, actor.orgId, 'opportunity', id),
    ]);
    return {
      ...present(row, clock.now()),
      contacts,
      myAccess: { update, delete: del, overrideGates: update && can(actor, 'opportunity', 'override_gate') },
      pendingApproval: pending ? { id: pending.id, name: pending.name, summary: pending.summary } : null,
    };
  };

  const amountOf = async (query: Awaited<ReturnType<typeof queries>>['totals']) => {
    const r = await query
      .select((eb) => eb.fn.sum<number | string | null>('o.amount').as('amount'))
      .executeTakeFirst();
    return Number(r?.amount ?? 0);
  };

  api.get(
    '/opportunities',
    {
      config: { access: { object: 'opportunity', action: 'read' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Deals in the caller’s data scope, with their count and total amount',
        description:
          '`q` matches the deal or customer name (substring). `totalCount` is exact up to 10,000; `totalAmount` (分) sums every matching deal.',
        querystring: listFilters,
        response: {
          200: z.object({
            data: z.array(opportunity),
            nextCursor: z.string().nullable(),
            totalCount: z.number(),
            totalCapped: z.boolean(),
            totalAmount: z.number(),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { limit, cursor, sort: s, ...filters } = req.query;
      const sort = parseSort(s, sortable, '-updatedAt');
      const { list: query, totals } = await queries(actor, filters);
      const result = await pageOf(query, {
        sort,
        idColumn: 'o.id',
        limit,
        cursor,
        valueOf: (r) => r[sort.field as keyof OpportunityRow] as unknown,
      });
      const [total, totalAmount] = await Promise.all([cappedCount(db, totals), amountOf(totals)]);
      const now = clock.now();
      return {
        data: result.data.map((r) => present(r, now)),
        nextCursor: result.nextCursor,
        ...total,
        totalAmount,
      };
    },
  );

  api.get(
    '/opportunities/board',
    {
      config: { access: { object: 'opportunity', action: 'read' } },
      schema: {
        tags: ['opportunities'],
        summary: 'The kanban of one pipeline: per stage its true count and amount, and its first cards',
        description:
          'Each column holds up to 20 cards (most recently changed first) and a `nextCursor`; load the rest with `GET /opportunities?pipelineId=…&stageId=…&cursor=…`.',
        querystring: listFilters.and(z.object({ pipelineId: z.uuid() })),
        response: {
          200: z.object({
            columns: z.array(
              z.object({
                stageId: z.string(),
                count: z.number(),
                amount: z.number(),
                data: z.array(opportunity),
                nextCursor: z.string().nullable(),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { limit: _l, cursor: _c, sort: _s, stageId: _st, ...filters } = req.query;
      const pipeline = await loadPipeline(db, actor.orgId, req.query.pipelineId);
      if (!pipeline) throw notFound();
      const { list: query, totals: rows } = await queries(actor, filters);
      const totals = await rows
        .select([
          'o.stageId',
          (eb) => eb.fn.countAll<number | string>().as('n'),
          (eb) => eb.fn.sum<number | string | null>('o.amount').as('amount'),
        ])
        .groupBy('o.stageId')
        .execute();
      const sort = parseSort(undefined, sortable, '-updatedAt');
      const now = clock.now();
      const columns = await Promise.all(
        pipeline.stages.map(async (stage) => {
          const t = totals.find((x) => x.stageId === stage.id);
          const page = await pageOf(query.where('o.stageId', '=', stage.id), {
            sort,
            idColumn: 'o.id',
            limit: columnSize,
            valueOf: (r) => r.updatedAt,
          });
          return {
            stageId: stage.id,
            count: Number(t?.n ?? 0),
            amount: Number(t?.amount ?? 0),
            data: page.data.map((r) => present(r, now)),
            nextCursor: page.nextCursor,
          };
        }),
      );
      return { columns };
    },
  );

  api.get(
    '/opportunities/:id',
    {
      config: { access: { object: 'opportunity', action: 'read' } },
      schema: {
        tags: ['opportunities'],
        summary: 'One deal with its contacts and what the caller may do with it',
        params: idParams,
        response: { 200: detail, ...commonErrors },
      },
    },
    async (req) => load(req.actor as Actor, req.params.id),
  );

  api.get(
    '/opportunities/:id/stages',
    {
      config: { access: { object: 'opportunity', action: 'read' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Stage history: every stay in a stage, entered and left when and by whom, newest first',
        params: idParams,
        response: { 200: z.object({ data: z.array(stageStay) }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      if (!(await visible(actor).where('o.id', '=', req.params.id).executeTakeFirst())) throw notFound();
      const data = await db
        .selectFrom('opportunityStageHistory as h')
        .innerJoin('pipelineStages as st', 'st.id', 'h.stageId')
        .leftJoin('users as ue', 'ue.id', 'h.enteredBy')
        .leftJoin('users as ul', 'ul.id', 'h.leftBy')
        .select([
          'h.stageId',
          'st.name as stageName',
          'h.enteredAt',
          'h.enteredBy',
          'ue.name as enteredByName',
          'h.leftAt',
          'h.leftBy',
          'ul.name as leftByName',
        ])
        .where('h.orgId', '=', actor.orgId)
        .where('h.opportunityId', '=', req.params.id)
        .orderBy('h.enteredAt', 'desc')
        .orderBy('h.id', 'desc')
        .execute();
      return { data };
    },
  );

  api.post(
    '/opportunities',
    {
      config: { access: { object: 'opportunity', action: 'create' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Create a deal for a customer in reach (default pipeline, first stage unless told)',
        body: createBody,
        response: { 201: detail, ...commonErrors, 422: gateProblem },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const id = await db
        .transaction()
        .execute((tx) => createOpportunity(tx, actor, req.body, changeMeta(req, clock.now())));
      return reply.status(201).send(await load(actor, id));
    },
  );

  api.patch(
    '/opportunities/:id',
    {
      config: { access: { object: 'opportunity', action: 'update' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Change a deal’s fields (its stage changes by a move)',
        params: idParams,
        body: updateBody,
        response: { 200: detail, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      await db
        .transaction()
        .execute((tx) =>
          updateOpportunity(tx, actor, req.params.id, req.body, { ...changeMeta(req, clock.now()), version }),
        );
      return load(actor, req.params.id);
    },
  );

  api.post(
    '/opportunities/:id/move',
    {
      config: { access: { object: 'opportunity', action: 'update' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Move a deal to another stage of its pipeline, through the stage gates',
        description:
          'Forward moves must meet the gates of every stage on the way: else `422 stage_gate_unmet` with `missing[]` (fields, attachments by kind, checklist items, a follow-up in the current stage). `overrideGates: true` with a `reason` skips them for holders of the override right (audited). A lost stage needs `lostReason`.',
        params: idParams,
        body: moveBody,
        response: {
          200: detail,
          202: detail.extend({ approval: z.object({ id: z.string(), status: z.string() }) }),
          ...commonErrors,
          409: problem,
          422: gateProblem,
        },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const requested = await db
        .transaction()
        .execute((tx) =>
          moveOpportunity(tx, actor, req.params.id, req.body, { ...changeMeta(req, clock.now()), version }),
        );
      const deal = await load(actor, req.params.id);
      // Sent for approval (审批中): the deal stays where it is until the request is approved.
      if (requested && requested.approval.status === 'pending')
        return reply.status(202).send({ ...deal, approval: requested.approval });
      return deal;
    },
  );

  api.post(
    '/opportunities/:id/checklist',
    {
      config: { access: { object: 'opportunity', action: 'update' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Tick or untick an item of a stage gate’s checklist',
        params: idParams,
        body: checklistBody,
        response: { 200: detail, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      await db
        .transaction()
        .execute((tx) =>
          tickChecklist(tx, actor, req.params.id, req.body, { ...changeMeta(req, clock.now()), version }),
        );
      return load(actor, req.params.id);
    },
  );

  api.delete(
    '/opportunities/:id',
    {
      config: { access: { object: 'opportunity', action: 'delete' } },
      schema: {
        tags: ['opportunities'],
        summary: 'Move a deal to the recycle bin',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await editable(tx, actor, req.params.id, version);
        const visibleForDelete = await canOnRecord(tx, actor, 'opportunity', 'delete', before.id);
        if (!visibleForDelete) throw notFound();
        await tx
          .updateTable('opportunities')
          .set({ deletedAt: now, updatedAt: now, version: before.version + 1 })
          .where('id', '=', before.id)
          .execute();
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'opportunity',
          recordId: before.id,
          action: 'delete',
        });
      });
      return reply.status(204).send(null);
    },
  );
}
