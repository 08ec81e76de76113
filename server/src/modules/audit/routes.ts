import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import {
  type Actor,
  assertRecordAccess,
  maskFields,
  objectDef,
  scopeFilter,
} from '../../platform/access/index.js';
import { timelineCondition } from '../../platform/audit/timeline.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pageOf } from '../../platform/http/keyset.js';
import { listQuery, parseSort } from '../../platform/http/pagination.js';
import { commonErrors, page } from '../../platform/http/schemas.js';

const entry = z.object({
  id: z.string(),
  object: z.string(),
  recordId: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  at: z.number(),
  requestId: z.string().nullable(),
});

const auditQuery = listQuery.omit({ sort: true, q: true }).extend({
  object: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  recordId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
});

function entries(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select([
      'a.id',
      'a.object',
      'a.recordId',
      'a.action',
      'a.actorId',
      'u.name as actorName',
      'a.before',
      'a.after',
      'a.at',
      'a.requestId',
    ])
    .where('a.orgId', '=', orgId);
}

const present = (
  r: { before: string | null; after: string | null } & Omit<z.infer<typeof entry>, 'before' | 'after'>,
) => ({
  ...r,
  before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
  after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
});

/**
 * Applies the reader's field masks to an entry's before/after values, so the log cannot reveal what the
 * record itself masks. `ownerId` is the record's owner when known; unknown owners are masked.
 */
function masked(actor: Actor, e: ReturnType<typeof present>, ownerId: string | null) {
  if (!actor.maskedFields.size) return e;
  const apply = (v: Record<string, unknown> | null) => (v ? maskFields(actor, e.object, v, ownerId) : v);
  return { ...e, before: apply(e.before), after: apply(e.after) };
}

/** Whether a record is its own owner for masking (a user sees their own user record unmasked). */
function ownedBySelf(object: string): boolean {
  const scopeBy = objectDef(object)?.scopeBy;
  return typeof scopeBy === 'object' && 'ownerColumn' in scopeBy && scopeBy.ownerColumn === 'id';
}

/** The owner of a record whose object is scoped by an owner column; null when it has none. */
async function ownerOf(db: Kysely<DB>, object: string, id: string): Promise<string | null> {
  const scopeBy = objectDef(object)?.scopeBy;
  if (typeof scopeBy !== 'object' || !('ownerColumn' in scopeBy)) return null;
  if (ownedBySelf(object)) return id;
  // biome-ignore lint/suspicious/noExplicitAny: the table comes from the object registry, not the typed schema
  const row = await (db as any)
    .selectFrom(objectDef(object)!.table)
    .select(sql.ref(scopeBy.ownerColumn).as('ownerId'))
    .where('id', '=', id)
    .executeTakeFirst();
  return (row?.ownerId as string | undefined) ?? null;
}

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Names of the users and departments an entry's values point at (ownerId, managerId, departmentId …),
 * so a timeline can say 刘洋 → 吴芳 instead of two ids. The org chart is visible to every member.
 */
async function refsOf(db: Kysely<DB>, orgId: string, list: ReturnType<typeof present>[]) {
  const ids = new Set<string>();
  for (const e of list) {
    for (const values of [e.before, e.after]) {
      for (const [k, v] of Object.entries(values ?? {})) {
        if (/(Id|By)$/.test(k) && k !== 'orgId' && typeof v === 'string' && uuidLike.test(v)) ids.add(v);
      }
    }
  }
  if (!ids.size) return {};
  const wanted = [...ids];
  const users = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('id', 'in', wanted)
    .execute();
  const depts = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('id', 'in', wanted)
    .execute();
  return Object.fromEntries([...users, ...depts].map((r) => [r.id, r.name]));
}

const pageWithRefs = page(entry).extend({
  /** Names of the users and departments referenced in before/after, by id. */
  refs: z.record(z.string(), z.string()),
});

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const byId = parseSort('-id', { id: 'a.id' }, '-id');

  // 系统日志: the whole log, limited to the actors in the reader's scope.
  api.get(
    '/audit-log',
    {
      config: { access: { object: 'audit', action: 'read' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: auditQuery,
        response: { 200: pageWithRefs, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const q = req.query;
      let query = entries(db, actor.orgId).where(scopeFilter(actor, 'audit', 'a.actor_id'));
      if (q.object) query = query.where('a.object', '=', q.object);
      if (q.recordId) query = query.where('a.recordId', '=', q.recordId);
      if (q.actorId) query = query.where('a.actorId', '=', q.actorId);
      if (q.action) query = query.where('a.action', '=', q.action);
      if (q.from !== undefined) query = query.where('a.at', '>=', q.from);
      if (q.to !== undefined) query = query.where('a.at', '<', q.to);
      const result = await pageOf(query, {
        sort: byId,
        idColumn: 'a.id',
        limit: q.limit,
        cursor: q.cursor,
        valueOf: (r) => r.id,
      });
      const data = result.data.map((r) =>
        masked(actor, present(r), ownedBySelf(r.object) ? r.recordId : null),
      );
      return { data, nextCursor: result.nextCursor, refs: await refsOf(db, actor.orgId, data) };
    },
  );

  // A record's timeline: every change to it and to its registered children (its attachments …), for
  // whoever may read the record.
  api.get(
    '/timeline/:object/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['audit'],
        summary: "A record's change history, newest first",
        params: z.strictObject({ object: z.string().regex(/^[a-z_]{1,40}$/), id: z.uuid() }),
        querystring: listQuery.pick({ limit: true, cursor: true }),
        response: { 200: pageWithRefs, ...commonErrors },
      },
    },
    async (req) => {
      const actor = req.actor as Actor;
      const { object, id } = req.params;
      if (!objectDef(object)) throw notFound();
      await assertRecordAccess(db, actor, object, 'read', id);
      const query = entries(db, actor.orgId).where(timelineCondition(actor.orgId, object, id));
      const result = await pageOf(query, {
        sort: byId,
        idColumn: 'a.id',
        limit: req.query.limit,
        cursor: req.query.cursor,
        valueOf: (r) => r.id,
      });
      const ownerId = actor.maskedFields.size ? await ownerOf(db, object, id) : null;
      const data = result.data.map((r) => masked(actor, present(r), ownerId));
      return { data, nextCursor: result.nextCursor, refs: await refsOf(db, actor.orgId, data) };
    },
  );
}
