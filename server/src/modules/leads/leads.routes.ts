import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { type Actor, maskFields, scopeFilter } from '../../platform/access/index.js';
import { recordChange } from '../../platform/audit/record.js';
import { startOfDay } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { parseSort } from '../../platform/http/pagination.js';
import { changeMeta, commonErrors, idParams, page, problem } from '../../platform/http/schemas.js';
import { assertVersion, ifMatchVersion } from '../../platform/http/versioning.js';
import { defsFor } from '../custom-fields/custom-fields.repo.js';
import { customFilterConditions } from '../custom-fields/filters.js';
import { match } from '../customers/customers.schema.js';
import { type Hit, writeDedupKeys } from '../customers/dedup.js';
import { cappedCount } from '../customers/list.js';
import { presentMatches } from '../customers/matches.js';
import { accessTo, myAccess } from '../customers/my-access.js';
import { registerOwnershipRoute } from '../customers/ownership.routes.js';
import { registerMoveRoutes } from '../pools/moves.routes.js';
import { orgTimeZone } from '../pools/pools.repo.js';
import { convertBody, convertLead } from './convert.js';
import { type LeadRow, present, selectLeads } from './leads.repo.js';
import { createBody, disqualifyBody, lead, listFilters, sortable, updateBody } from './leads.schema.js';
import { createLead, disqualifyLead, updateLead } from './leads.service.js';
import { leadSettingsOf } from './settings.js';

const duplicateProblem = problem.extend({ matches: z.array(match).optional() });

type Filters = Omit<z.infer<typeof listFilters>, 'limit' | 'cursor' | 'sort'>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function registerLeadRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = ctx;

  const visible = (actor: Actor, q: Kysely<DB> = db) =>
    selectLeads(q, actor.orgId).where(scopeFilter(actor, 'lead', 'l.owner_id'));
  const show = (actor: Actor, r: LeadRow) => maskFields(actor, 'lead', present(r), r.ownerId);
  const load = async (actor: Actor, id: string) => {
    const row = await visible(actor).where('l.id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return show(actor, row);
  };

  // 领取 · 退回线索池 · 转移, and the 归属记录 they leave
  registerMoveRoutes(app, ctx, { object: 'lead', path: '/leads', record: lead, load });
  registerOwnershipRoute(app, ctx, { object: 'lead', path: '/leads' });

  /** The leads an actor sees with the list's filters: one definition for the page and its count. */
  const listQuery = async (actor: Actor, f: Filters) => {
    // The list holds owned leads; those waiting in a pool are listed per pool (线索池).
    let query = f.poolId
      ? visible(actor).where('l.poolId', '=', f.poolId).where('l.ownerId', 'is', null)
      : visible(actor).where('l.ownerId', 'is not', null);
    if (f.status) query = query.where('l.status', '=', f.status);
    if (f.ownerId) query = query.where('l.ownerId', '=', f.ownerId);
    if (f.source) query = query.where('l.source', '=', f.source);
    if (f.channel) query = query.where('l.channel', '=', f.channel);
    if (f.minScore !== undefined) query = query.where('l.score', '>=', f.minScore);
    const now = clock.now();
    if (f.followUp === 'overdue') query = query.where('l.nextFollowUpAt', '<', now);
    if (f.followUp === 'today') {
      const tomorrow = startOfDay(now, await orgTimeZone(db, actor.orgId)) + 86_400_000;
      query = query.where('l.nextFollowUpAt', '<', tomorrow);
    }
    if (f.sla === 'missed') query = query.where('l.slaState', '=', 'escalated');
    if (f.sla === 'at_risk') {
      const s = await leadSettingsOf(db, actor.orgId);
      query = query
        .where('l.firstFollowUpAt', 'is', null)
        .where('l.slaDueAt', '>', now)
        .where('l.slaDueAt', '<=', now + s.remindBeforeHours * 3_600_000);
    }
    if (f.followUp || f.sla) query = query.where('l.status', 'in', ['new', 'working', 'qualified']);
    if (f.createdFrom !== undefined) query = query.where('l.createdAt', '>=', f.createdFrom);
    if (f.createdTo !== undefined) query = query.where('l.createdAt', '<', f.createdTo);
    if (f.q) {
      // Name or company (substring), pinyin or initials of the name (prefix), phone digits, e-mail.
      const esc = escapeLike(f.q);
      const lower = esc.toLowerCase();
      const digits = f.q.replace(/\D/g, '');
      query = query.where(
        sql<SqlBool>`(l.name like ${`%${esc}%`} escape '\\' or l.company like ${`%${esc}%`} escape '\\'
        or l.name_pinyin like ${`${lower}%`} escape '\\' or l.name_initials like ${`${lower}%`} escape '\\'
        or l.email like ${`${lower}%`} escape '\\'
        ${digits.length >= 4 ? sql`or l.phone_e164 like ${`%${digits}%`}` : sql``})`,
      );
    }
    for (const condition of customFilterConditions(db, 'l.custom', await defsFor(db, actor, 'lead'), f))
      query = query.where(() => condition);
    return query;
  };

  api.get(
    '/leads',
    {
      config: { access: { object: 'lead', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: 'Leads in the caller’s data scope',
        description:
          '`q` matches the name or company (substring), the name’s pinyin or initials (prefix), 4+ digits of the phone or the e-mail (prefix). `totalCount` is exact up to 10,000; above, it is 10,000 with `totalCapped: true`.',
        querystring: listFilters,
        response: {
          200: page(lead).extend({ totalCount: z.number(), totalCapped: z.boolean() }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { limit, cursor, sort: s, ...filters } = req.query;
      const sort = parseSort(s, sortable, '-updatedAt');
      const query = await listQuery(actor, filters);
      const result = await pageOf(query, {
        sort,
        idColumn: 'l.id',
        limit,
        cursor,
        valueOf: (r) => r[sort.field as keyof LeadRow] as unknown,
      });
      const total = await cappedCount(db, query);
      return { data: result.data.map((r) => show(actor, r)), nextCursor: result.nextCursor, ...total };
    },
  );

  api.get(
    '/leads/:id',
    {
      config: { access: { object: 'lead', action: 'read' } },
      schema: {
        tags: ['leads'],
        summary: 'One lead, with what the caller may do with it',
        params: idParams,
        response: {
          200: lead.extend({
            myAccess,
            /** For a lead intake kept although it matched existing records: those records, as the caller may see them. */
            duplicates: z.array(match),
          }),
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const row = await visible(actor).where('l.id', '=', req.params.id).executeTakeFirst();
      if (!row) throw notFound();
      const l = show(actor, row);
      const hits = row.duplicateOf ? (JSON.parse(row.duplicateOf) as Hit[]) : [];
      return {
        ...l,
        myAccess: await accessTo(db, actor, l, 'lead'),
        duplicates: hits.length ? await presentMatches(db, actor, hits) : [],
      };
    },
  );

  api.post(
    '/leads',
    {
      config: { access: { object: 'lead', action: 'create' } },
      schema: {
        tags: ['leads'],
        summary: 'Enter a lead (refused when its phone, e-mail or company is already known)',
        body: createBody,
        response: { 201: lead, 409: duplicateProblem, ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const now = clock.now();
      const id = await db
        .transaction()
        .execute((tx) =>
          createLead(tx, actor, req.body, { ...changeMeta(req, now), intake: { channel: 'manual' } }),
        );
      const created = await selectLeads(db, actor.orgId).where('l.id', '=', id).executeTakeFirstOrThrow();
      return reply.status(201).send(show(actor, created));
    },
  );

  api.patch(
    '/leads/:id',
    {
      config: { access: { object: 'lead', action: 'update' } },
      schema: {
        tags: ['leads'],
        params: idParams,
        body: updateBody,
        response: { 200: lead, 409: duplicateProblem, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db
        .transaction()
        .execute((tx) =>
          updateLead(tx, actor, req.params.id, req.body, { ...changeMeta(req, now), version }),
        );
      return load(actor, req.params.id);
    },
  );

  api.post(
    '/leads/:id/disqualify',
    {
      config: { access: { object: 'lead', action: 'update' } },
      schema: {
        tags: ['leads'],
        summary: '无效: close a lead with a reason',
        params: idParams,
        body: disqualifyBody,
        response: { 200: lead, 409: problem, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db
        .transaction()
        .execute((tx) =>
          disqualifyLead(tx, actor, req.params.id, req.body.reason, { ...changeMeta(req, now), version }),
        );
      return load(actor, req.params.id);
    },
  );

  api.post(
    '/leads/:id/convert',
    {
      config: { access: { object: 'lead', action: 'update' } },
      schema: {
        tags: ['leads'],
        summary:
          '转化: turn a lead into a customer (new or existing), a contact and optionally a deal, keeping its history',
        description:
          'A new customer is dedup-checked like any other: a collision answers 409 `duplicate_customer` with the matches (convert into one of them with `mode: existing`). Needs update rights on an existing customer.',
        params: idParams,
        body: convertBody,
        response: {
          200: z.object({
            lead,
            customerId: z.string(),
            contactId: z.string().nullable(),
            opportunityId: z.string().nullable(),
          }),
          409: duplicateProblem,
          ...commonErrors,
        },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      const done = await db
        .transaction()
        .execute((tx) =>
          convertLead(tx, actor, req.params.id, req.body, { ...changeMeta(req, now), version }),
        );
      return { lead: await load(actor, req.params.id), ...done };
    },
  );

  api.delete(
    '/leads/:id',
    {
      config: { access: { object: 'lead', action: 'delete' } },
      schema: {
        tags: ['leads'],
        summary: 'Move a lead to the recycle bin',
        params: idParams,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      const actor = req.actor as Actor;
      const version = ifMatchVersion(req);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        const before = await selectLeads(tx, actor.orgId)
          .where(scopeFilter(actor, 'lead', 'l.owner_id', 'delete'))
          .where('l.id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound();
        assertVersion(before, version, (r) => present(r));
        await tx
          .updateTable('leads')
          .set({ deletedAt: now, updatedAt: now, version: before.version + 1 })
          .where('id', '=', before.id)
          .execute();
        // A deleted lead no longer blocks a new one with the same phone or company.
        await writeDedupKeys(tx, actor.orgId, 'lead', before.id, []);
        await recordChange(tx, {
          ...changeMeta(req, now),
          object: 'lead',
          recordId: before.id,
          action: 'delete',
        });
      });
      return reply.status(204).send(null);
    },
  );
}
