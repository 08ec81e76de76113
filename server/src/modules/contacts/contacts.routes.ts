import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, maskFields, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, page, problem } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { customValues } from '../custom-fields/custom-fields.service.js';
import { match } from '../customers/customers.schema.js';
import { writeDedupKeys } from '../customers/dedup.js';
import { columnsOf, keysOf, present, selectContacts } from './contacts.repo.js';
import { contact, createBody, listFilters, updateBody } from './contacts.schema.js';
import { assertNoContactDuplicate as assertNoDuplicate, createContact } from './contacts.service.js';

const duplicateProblem = problem.extend({ matches: z.array(match).optional() });

export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const visible = (actor: Actor, q: Kysely<DB> = db, action: 'read' | 'update' | 'delete' = 'read') =>
    selectContacts(q, actor.orgId).where(scopeFilter(actor, 'contact', 'k.customer_id', action));
  type Row = Awaited<ReturnType<ReturnType<typeof visible>['executeTakeFirstOrThrow']>>;
  const show = (actor: Actor, r: Row) => maskFields(actor, 'contact', present(r), r.customerOwnerId);
  const load = async (actor: Actor, id: string) => {
    const row = await visible(actor).where('k.id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return show(actor, row);
  };

  api.get(
    '/contacts',
    {
      config: { access: { object: 'contact', action: 'read' } },
      schema: {
        tags: ['contacts'],
        summary: 'Contacts of the customers the caller may see',
        querystring: listFilters,
        response: { 200: page(contact), ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const q = req.query;
      const sort = parseSort(
        q.sort,
        { name: 'k.name', createdAt: { column: 'k.created_at', type: 'number' } },
        'name',
      );
      let query = visible(actor);
      if (q.customerId) query = query.where('k.customerId', '=', q.customerId);
      if (q.q) {
        const esc = q.q.replace(/[\\%_]/g, (c) => `\\${c}`);
        const lower = esc.toLowerCase();
        query =
          query.where(sql<SqlBool>`(k.name like ${`%${esc}%`} escape '\\' or k.name_pinyin like ${`${lower}%`} escape '\\'
          or k.name_initials like ${`${lower}%`} escape '\\' or k.mobile_e164 like ${`%${esc}%`} escape '\\')`);
      }
      const result = await pageOf(query, {
        sort,
        idColumn: 'k.id',
        limit: q.limit,
        cursor: q.cursor,
        valueOf: (r) => r[sort.field as keyof Row] as unknown,
      });
      return { data: result.data.map((r) => show(actor, r)), nextCursor: result.nextCursor };
    },
  );

  api.get(
    '/contacts/:id',
    {
      config: { access: { object: 'contact', action: 'read' } },
      schema: { tags: ['contacts'], params: idParams, response: { 200: contact, ...commonErrors } },
    },
    async (req) => load(req.actor as Actor, req.params.id),
  );

  api.post(
    '/contacts',
    {
      config: { access: { object: 'contact', action: 'create' } },
      schema: {
        tags: ['contacts'],
        body: createBody,
        response: { 201: contact, 409: duplicateProblem, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const { customerId, ...fields } = req.body;
      const now = clock.now();
      const id = await db
        .transaction()
        .execute((tx) => createContact(tx, actor, customerId, fields, changeMeta(req, now)));
      return reply.status(201).send(await load(actor, id));
    },
  );

  api.patch(
    '/contacts/:id',
    {
      config: { access: { object: 'contact', action: 'update' } },
      schema: {
        tags: ['contacts'],
        params: idParams,
        body: updateBody,
        response: { 200: contact, 409: duplicateProblem, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await visible(actor, tx, 'update')
          .where('k.id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => present(r));
        const cols = columnsOf(req.body);
        if (req.body.custom !== undefined)
          cols.custom = await customValues(tx, actor, 'contact', req.body.custom, {
            partial: true,
            before: before.custom,
          });
        const after = { ...before, ...cols };
        const keys = keysOf(after as never);
        if ('mobile' in cols || 'phone' in cols || 'email' in cols)
          await assertNoDuplicate(tx, actor, before.customerId, keys);
        const res = await tx
          .updateTable('contacts')
          .set({ ...cols, updatedAt: now, version: before.version + 1 })
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError(412, 'version_conflict');
        await writeDedupKeys(tx, actor.orgId, 'contact', before.id, keys);
        const { customerName: _n, customerOwnerId: _o, ...beforeRow } = before;
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'contact',
          recordId: before.id,
          action: 'update',
          before: beforeRow,
          after: { ...beforeRow, ...cols },
        });
      });
      return load(actor, req.params.id);
    },
  );

  api.delete(
    '/contacts/:id',
    {
      config: { access: { object: 'contact', action: 'delete' } },
      schema: { tags: ['contacts'], params: idParams, response: { 204: z.null(), ...commonErrors } },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await visible(actor, tx, 'delete')
          .where('k.id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => present(r));
        await tx
          .updateTable('contacts')
          .set({ deletedAt: now, updatedAt: now, version: before.version + 1 })
          .where('id', '=', before.id)
          .execute();
        await writeDedupKeys(tx, actor.orgId, 'contact', before.id, []);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'contact',
          recordId: before.id,
          action: 'delete',
        });
      });
      return reply.status(204).send(null);
    },
  );
}
