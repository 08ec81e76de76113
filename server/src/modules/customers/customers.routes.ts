import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, maskFields, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, page, problem } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { defsFor } from '../custom-fields/custom-fields.repo.js';
import { registerMoveRoutes } from '../pools/moves.routes.js';
import { type CustomerRow, present, selectCustomers } from './customers.repo.js';
import {
  checkBody,
  createBody,
  customer,
  listFilters,
  match,
  sortable,
  updateBody,
} from './customers.schema.js';
import { createCustomer, updateCustomer } from './customers.service.js';
import { dedupKeysOf, findDuplicates, writeDedupKeys } from './dedup.js';
import { cappedCount, customerListQuery } from './list.js';
import { presentMatches } from './matches.js';
import { accessTo, myAccess } from './my-access.js';
import { planSearch } from './search.js';

const duplicateProblem = problem.extend({ matches: z.array(match).optional() });

export function registerCustomerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const visible = (actor: Actor) =>
    selectCustomers(db, actor.orgId).where(scopeFilter(actor, 'customer', 'c.owner_id'));
  const show = (actor: Actor, r: CustomerRow) => maskFields(actor, 'customer', present(r), r.ownerId);
  const load = async (actor: Actor, id: string) => {
    const row = await visible(actor).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return show(actor, row);
  };

  // 领取 · 退回公海 · 转移
  registerMoveRoutes(app, ctx, { object: 'customer', path: '/customers', record: customer, load });

  api.get(
    '/customers',
    {
      config: { access: { object: 'customer', action: 'read' } },
      schema: {
        tags: ['customers'],
        summary: 'Customers in the caller’s data scope',
        description:
          '`q` matches the name (substring), its pinyin or pinyin initials (prefix), a phone fragment of 4+ digits or an e-mail (prefix). `totalCount` is exact up to 10,000; above, it is 10,000 with `totalCapped: true`.',
        querystring: listFilters,
        response: {
          200: page(customer).extend({ totalCount: z.number(), totalCapped: z.boolean() }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const q = req.query;
      const sort = parseSort(q.sort, sortable, '-updatedAt');
      const { limit, cursor, sort: _s, ...filters } = q;
      const search = filters.q ? await planSearch(db, actor.orgId, filters.q) : undefined;
      const query = customerListQuery(db, actor, filters, await defsFor(db, actor, 'customer'), search);
      const result = await pageOf(query, {
        sort,
        idColumn: 'c.id',
        limit,
        cursor,
        valueOf: (r) => r[sort.field as keyof CustomerRow] as unknown,
      });
      const total = await cappedCount(db, query);
      return { data: result.data.map((r) => show(actor, r)), nextCursor: result.nextCursor, ...total };
    },
  );

  api.get(
    '/customers/:id',
    {
      config: { access: { object: 'customer', action: 'read' } },
      schema: {
        tags: ['customers'],
        summary: 'One customer, with what the caller may do with it',
        params: idParams,
        response: { 200: customer.extend({ myAccess }), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const c = await load(actor, req.params.id);
      return { ...c, myAccess: await accessTo(db, actor, c) };
    },
  );

  api.post(
    '/customers/check-duplicates',
    {
      config: { access: { object: 'customer', action: 'read' } },
      schema: {
        tags: ['customers'],
        summary: '查重: is this company, phone or e-mail already a customer?',
        body: checkBody,
        response: {
          200: z.object({ status: z.enum(['free', 'taken', 'similar']), matches: z.array(match) }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const hits = await findDuplicates(db, actor.orgId, dedupKeysOf(req.body));
      const matches = await presentMatches(db, actor, hits);
      const status: 'free' | 'taken' | 'similar' = matches.some((m) => m.exact)
        ? 'taken'
        : matches.length
          ? 'similar'
          : 'free';
      return { status, matches };
    },
  );

  api.post(
    '/customers',
    {
      config: { access: { object: 'customer', action: 'create' } },
      schema: {
        tags: ['customers'],
        summary: 'Create a customer (refused when it duplicates an existing one)',
        body: createBody,
        response: { 201: customer, 409: duplicateProblem, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { nearDuplicateReason, ...b } = req.body;
      const now = clock.now();
      const id = await db
        .transaction()
        .execute((tx) => createCustomer(tx, actor, b, { ...changeMeta(req, now), nearDuplicateReason }));
      const created = await selectCustomers(db, actor.orgId).where('c.id', '=', id).executeTakeFirstOrThrow();
      return reply.status(201).send(show(actor, created));
    },
  );

  api.patch(
    '/customers/:id',
    {
      config: { access: { object: 'customer', action: 'update' } },
      schema: {
        tags: ['customers'],
        params: idParams,
        body: updateBody,
        response: { 200: customer, 409: duplicateProblem, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const { nearDuplicateReason, ...b } = req.body;
      const now = clock.now();
      await db.transaction().execute((tx) =>
        updateCustomer(tx, actor, req.params.id, b, {
          ...changeMeta(req, now),
          version,
          nearDuplicateReason,
        }),
      );
      const row = await selectCustomers(db, actor.orgId)
        .where('c.id', '=', req.params.id)
        .executeTakeFirstOrThrow();
      return show(actor, row);
    },
  );

  api.delete(
    '/customers/:id',
    {
      config: { access: { object: 'customer', action: 'delete' } },
      schema: {
        tags: ['customers'],
        summary: 'Move a customer to the recycle bin',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await selectCustomers(tx, actor.orgId)
          .where(scopeFilter(actor, 'customer', 'c.owner_id', 'delete'))
          .where('c.id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => present(r));
        await tx
          .updateTable('customers')
          .set({ deletedAt: now, updatedAt: now, version: before.version + 1 })
          .where('id', '=', before.id)
          .execute();
        // A deleted customer no longer blocks a new one with the same name or phone.
        await writeDedupKeys(tx, actor.orgId, 'customer', before.id, {
          company: null,
          phone: null,
          email: null,
        });
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'customer',
          recordId: before.id,
          action: 'delete',
        });
      });
      return reply.status(204).send(null);
    },
  );
}
