import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, assertRecordAccess, maskFields, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, page, problem } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { newId } from '../../platform/ids.js';
import { customValues } from '../custom-fields/custom-fields.service.js';
import { match } from '../customers/customers.schema.js';
import { type DedupKeys, findDuplicates, outsideCustomer, writeDedupKeys } from '../customers/dedup.js';
import { presentMatches } from '../customers/matches.js';
import { columnsOf, keysOf, present, selectContacts } from './contacts.repo.js';
import { contact, createBody, listFilters, updateBody } from './contacts.schema.js';

const duplicateProblem = problem.extend({ matches: z.array(match).optional() });

export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const visible = (actor: Actor, q: Kysely<DB> = db) =>
    selectContacts(q, actor.orgId).where(scopeFilter(actor, 'contact', 'k.customer_id'));
  type Row = Awaited<ReturnType<ReturnType<typeof visible>['executeTakeFirstOrThrow']>>;
  const show = (actor: Actor, r: Row) => maskFields(actor, 'contact', present(r), r.customerOwnerId);
  const load = async (actor: Actor, id: string) => {
    const row = await visible(actor).where('k.id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return show(actor, row);
  };

  /** A contact's phones and e-mail may not already belong to another contact or customer of the org. */
  const assertNoDuplicate = async (tx: Kysely<DB>, actor: Actor, customerId: string, keys: DedupKeys[]) => {
    const hits = [];
    for (const k of keys) hits.push(...(await findDuplicates(tx, actor.orgId, k)));
    const exact = (await outsideCustomer(tx, actor.orgId, hits, customerId)).filter((h) => h.exact);
    if (exact.length)
      throw new AppError(
        409,
        'duplicate_contact',
        {},
        { body: { matches: await presentMatches(tx, actor, exact) } },
      );
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
      const id = newId();
      await db.transaction().execute(async (tx) => {
        // Adding a person to a customer is a change to that customer: it needs update rights on it.
        await assertRecordAccess(tx, actor, 'customer', 'update', customerId).catch(() => {
          throw new AppError(
            422,
            'validation_failed',
            {},
            { errors: [{ path: 'body.customerId', code: 'not_found' }] },
          );
        });
        const cols = columnsOf(fields);
        cols.custom = await customValues(tx, actor, 'contact', fields.custom, { partial: false });
        const row = {
          id,
          orgId: actor.orgId,
          customerId,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          ...cols,
        };
        const keys = keysOf({ mobileE164: null, phoneE164: null, email: null, ...cols } as never);
        await assertNoDuplicate(tx, actor, customerId, keys);
        await tx
          .insertInto('contacts')
          .values(row as never)
          .execute();
        await writeDedupKeys(tx, actor.orgId, 'contact', id, keys);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'contact',
          recordId: id,
          action: 'create',
          after: row,
        });
      });
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
        const before = await visible(actor, tx).where('k.id', '=', req.params.id).executeTakeFirst();
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
        const before = await visible(actor, tx).where('k.id', '=', req.params.id).executeTakeFirst();
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
